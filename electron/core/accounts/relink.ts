import type Database from 'better-sqlite3';
import type { SettingsStore } from '../settings';
import { leadStore, type DerivableRow } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import type { TriageRulesStore } from '../triage/rules-store';

/** Leads per transaction, as the re-score: a scan at the booth waits milliseconds, not the whole walk. */
const CHUNK = 2000;

/**
 * Which rules link leads to accounts. Raise it when those rules change (companyKey's legal
 * forms, the corporate-domain rule, the decision): every lead is re-linked once at open.
 */
const LINK_VERSION = 1;
const LINKED_KEY = 'accounts.linked';

export interface Relinked {
  moved: number;
  changed: number;
}

/**
 * Leads brought back through the lead writer's derivation, so their account (and what follows
 * from it) is decided again by the one writer: after a person merged or split accounts, after
 * a new target list, and once at open for leads stored before accounts existed.
 */
export function accountRelinker(sqlite: Database.Database, writer: LeadWriter, rules: TriageRulesStore, settings: SettingsStore, clock: () => number) {
  const leads = leadStore(sqlite);

  /** In the caller's transaction: these leads re-derived; answers how many changed account, and how many changed at all. */
  function ids(leadIds: readonly string[], now: number): Relinked {
    const out: Relinked = { moved: 0, changed: 0 };
    const current = rules.current();
    for (const id of leadIds) {
      const row = leads.get(id);
      if (!row || row.deletedAt !== null) continue;
      const written = writer.rederive(row, now, { rules: current });
      if (!written) continue;
      out.changed++;
      if ('accountId' in written) out.moved++;
    }
    return out;
  }

  const needsLink = (row: DerivableRow) => row.accountId === null && (row.company !== null || row.email !== null);
  const chunk = writer.transaction((after: number, now: number, every: boolean, counted: { linked: number }): number | null => {
    const current = rules.current();
    const rows = leads.derivableAfter(after, CHUNK);
    for (const row of rows) {
      if ((every || needsLink(row)) && writer.rederive(row, now, { rules: current })) counted.linked++;
    }
    return rows.length === CHUNK ? rows[rows.length - 1]!.rowid_ : null;
  });

  /** Every live lead without an account (or, `every`, each live lead) through the writer, in chunks. */
  function backfill(every = false): number {
    const counted = { linked: 0 };
    const now = clock();
    for (let after: number | null = 0; after !== null; ) after = chunk(after, now, every, counted);
    return counted.linked;
  }

  return {
    ids,
    /** Many leads in chunks of their own transactions (a new target list can touch thousands). */
    idsChunked(leadIds: readonly string[]): Relinked {
      const now = clock();
      const run = writer.transaction((part: readonly string[]) => ids(part, now));
      const out: Relinked = { moved: 0, changed: 0 };
      for (let i = 0; i < leadIds.length; i += CHUNK) {
        const part = run(leadIds.slice(i, i + CHUNK));
        out.moved += part.moved;
        out.changed += part.changed;
      }
      return out;
    },
    backfill,
    /** At open: leads stored before accounts existed, or under older linking rules, are linked once. */
    backfillIfNeeded(): number | null {
      const applied = settings.read<number | null>(LINKED_KEY, null);
      if (applied === LINK_VERSION) return null;
      // Linked under older rules: every lead again. Never linked: only those without an account.
      const linked = backfill(applied !== null);
      settings.write(LINKED_KEY, LINK_VERSION);
      return linked;
    },
  };
}
export type AccountRelinker = ReturnType<typeof accountRelinker>;
