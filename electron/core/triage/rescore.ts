import type Database from 'better-sqlite3';
import { leadDeriver, type DerivedValues, type LeadFacts } from '../../../shared/lead/derive';
import type { Answers } from '../../../shared/qualify/answers';
import { needsWriter, rescoredValues } from '../store/lead-rescore-writer';
import { leadStore, parseAnswers } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import type { TriageRules, TriageRulesStore } from './rules-store';

/** Leads per transaction: short enough that a scan at the booth waits milliseconds, not the whole re-score. */
const CHUNK = 2000;
/**
 * Distinct answer sets remembered in one re-score. Answers are mostly choices, so a show's
 * leads share a few hundred sets; each is parsed once and read (never changed) by every lead
 * that gave it.
 */
const ANSWERS_MEMO_MAX = 20_000;

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
  /** One run's derivation: the rules as compiled for it, what repeats across leads remembered. */
  interface Run {
    now: number;
    result: RescoreResult;
    rules: TriageRules;
    derive: (lead: LeadFacts, answers: Answers) => DerivedValues;
    answers: Map<string, Answers>;
  }
  const answersOf = (run: Run, json: string): Answers => {
    let parsed = run.answers.get(json);
    if (!parsed) {
      parsed = parseAnswers(json);
      if (run.answers.size >= ANSWERS_MEMO_MAX) run.answers.clear();
      run.answers.set(json, parsed);
    }
    return parsed;
  };

  const chunk = writer.transaction((after: number, run: Run): number | null => {
    // Only the columns derivation reads (not the raw payload, notes or keys: over half a row's
    // bytes). The rules are read again per chunk: another connection may have changed them
    // between chunks (inside the transaction none can), and then the run derives with the new ones.
    const current = rules.current();
    if (current !== run.rules) Object.assign(run, { rules: current, derive: leadDeriver(current.derive) });
    const { now, result } = run;
    const rows = batch.after(after, CHUNK);
    for (const row of rows) {
      const derived = run.derive(row, answersOf(run, row.answers));
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
    const current = rules.current();
    const run: Run = { now: clock(), result: { rescored: 0, becameMql: 0 }, rules: current, derive: leadDeriver(current.derive), answers: new Map() };
    const { result } = run;
    for (let after: number | null = 0; after !== null; ) after = chunk(after, run);
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
