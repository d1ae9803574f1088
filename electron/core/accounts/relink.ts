import type Database from 'better-sqlite3';
import { companyKey } from '../../../shared/normalize/company';
import type { SettingsStore } from '../settings';
import type { LinkingRow } from '../store/lead-link-writer';
import { leadStore } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import type { TriageRulesStore } from '../triage/rules-store';
import type { AccountLinker } from './link';

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
 * Leads brought back through the lead writer, so their account (and what follows from it) is
 * decided again by the one writer: after a person merged or split accounts and after a new
 * target list, through its derivation; once at open for leads stored before accounts existed
 * (or under older linking rules), through its batch path for accounts (lead-link-writer.ts),
 * with the same linker.
 */
export function accountRelinker(
  sqlite: Database.Database,
  writer: LeadWriter,
  rules: TriageRulesStore,
  settings: SettingsStore,
  clock: () => number,
  linker: AccountLinker,
) {
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

  const needsLink = (row: LinkingRow) => row.accountId === null && (row.company !== null || row.email !== null);
  const batch = writer.linkBatch;
  type Walk = ReturnType<AccountLinker['walk']>;
  /** companyKey by company as written: 100,000 leads write about 30,000 spellings. */
  const keyOf = (company: string | null, keys: Map<string, string | null>): string | null => {
    if (company === null) return null;
    let key = keys.get(company);
    if (key === undefined) keys.set(company, (key = companyKey(company) ?? null));
    return key;
  };
  const chunk = writer.transaction((walk: Walk, keys: Map<string, string | null>, after: number, now: number, every: boolean, counted: { linked: number }): number | null => {
    walk.begin();
    const { last, read } = batch.each(after, CHUNK, (row) => {
      if (!every && !needsLink(row)) return;
      // The account is decided from the company key: one stored under older legal forms is
      // derived again, with all that follows from it, by the writer itself.
      if (keyOf(row.company, keys) !== row.companyKey) {
        const full = leads.get(row.id);
        if (full && writer.rederive(full, now, { rules: rules.current() })) counted.linked++;
        // The writer linked it without the walk, and may have added keys the walk has not seen.
        walk.forget();
        return;
      }
      const linked = walk.link(row);
      if (!('accountId' in linked)) return;
      batch.write(row, linked.accountId ?? null);
      counted.linked++;
    });
    return read === CHUNK ? last : null;
  });

  /**
   * Every live lead without an account (or, `every`, each live lead) linked, in chunks of
   * their own transactions, in storage order: the order the writer would have met them.
   * Answers how many leads were written.
   */
  function backfill(every = false): number {
    const counted = { linked: 0 };
    const now = clock();
    const walk = linker.walk();
    const keys = new Map<string, string | null>();
    for (let after: number | null = 0; after !== null; ) after = chunk(walk, keys, after, now, every, counted);
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
