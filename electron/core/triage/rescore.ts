import type Database from 'better-sqlite3';
import { deriveLead } from '../../../shared/lead/derive';
import { needsWriter, rescoredValues } from '../store/lead-rescore-writer';
import { leadStore, parseAnswers } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import type { TriageRulesStore } from './rules-store';

/** Leads per transaction: short enough that a scan at the booth waits milliseconds, not the whole re-score. */
const CHUNK = 2000;

export interface RescoreResult {
  rescored: number;
  becameMql: number;
}

/**
 * Every live lead re-derived after the rules changed: score, grade, follow-up clock, and MQL
 * (with an owner) for the leads that now pass the thresholds. Most leads keep their values
 * and are not written at all; most of the rest only change numbers no status follows, and take
 * the writer's batch path (store/lead-rescore-writer.ts); the few a status or an account may
 * follow go through the writer's `rederive`, which settles them as any write.
 */
export function rescorer(
  sqlite: Database.Database,
  writer: LeadWriter,
  rules: TriageRulesStore,
  clock: () => number,
) {
  const leads = leadStore(sqlite);
  const batch = writer.rescoreBatch;
  const chunk = writer.transaction((after: number, now: number, result: RescoreResult): number | null => {
    // Only the columns derivation reads (not the raw payload, notes or keys: over half a row's
    // bytes), and the rules once per chunk: inside the transaction no other connection can change them.
    const current = rules.current();
    const rows = batch.after(after, CHUNK);
    for (const row of rows) {
      const derived = deriveLead({ ...row, answers: parseAnswers(row.answers) }, current.derive);
      const values = rescoredValues(row, derived);
      if (values === null) continue;
      if (!needsWriter(row, derived, current.settings.mql)) {
        batch.write(row, values);
        result.rescored++;
        continue;
      }
      const full = leads.get(row.id);
      const written = full && writer.rederive(full, now, { rules: current });
      if (!written) continue;
      result.rescored++;
      if (written.status === 'mql') result.becameMql++;
    }
    return rows.length === CHUNK ? rows[rows.length - 1]!.rowid_ : null;
  });

  function all(): RescoreResult {
    const now = clock();
    const result: RescoreResult = { rescored: 0, becameMql: 0 };
    for (let after: number | null = 0; after !== null; ) after = chunk(after, now, result);
    rules.saveAppliedFingerprint(rules.current().fingerprint);
    return result;
  }

  return {
    all,
    /** At open: leads stored under other rules (or before triage existed) are brought up to date once. */
    ifRulesChanged(): RescoreResult | null {
      return rules.appliedFingerprint() === rules.current().fingerprint ? null : all();
    },
  };
}
export type Rescorer = ReturnType<typeof rescorer>;
