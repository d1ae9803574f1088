import type Database from 'better-sqlite3';
import { sideIndex } from '../side-index';

/** Leads copied per transaction: short enough that a scan arriving meanwhile barely waits. */
const BATCH = 500;

/** The columns triage_order copies, in the order both it and leads name them. */
const COLUMNS = `id, event_id, deleted_at, captured_at, updated_at, score, grade, status, rating, owner, captured_by,
  follow_up_due, ready_at, consent_version, company, title, family_name, given_name, full_name`;

/**
 * triage_order.filter_bits: one bit per value of the filters with a few values. A filter on
 * them is a mask the bits must meet, checked on the index entry, so a walk reads the row of
 * only the leads that pass it (a grade, status and no-owner filter: one lead in a hundred).
 */
const bitValues = {
  grade: ['A', 'B', 'C', 'D'],
  status: ['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified'],
  rating: ['hot', 'warm', 'cold', null],
  owned: ['yes', null],
  consent: ['yes', null],
  ready: ['yes', null],
} as const;
type BitKind = keyof typeof bitValues;
const FIRST_BIT = Object.fromEntries(
  Object.keys(bitValues).map((kind, i, kinds) => [kind, kinds.slice(0, i).reduce((n, k) => n + bitValues[k as BitKind].length, 0)]),
) as Record<BitKind, number>;

/** The mask of a filter's values (null: the leads without one); 0 when a value has no bit. */
export function filterMask(kind: BitKind, values: readonly (string | null)[]): number {
  let mask = 0;
  for (const value of values) {
    const i = (bitValues[kind] as readonly (string | null)[]).indexOf(value);
    if (i < 0) return 0;
    mask |= 2 ** (FIRST_BIT[kind] + i);
  }
  return mask;
}

const bitOf = (kind: BitKind, column: string) =>
  `(CASE ${bitValues[kind].map((v, i) => `WHEN ${v === null ? `${column} IS NULL` : `${column} = '${v}'`} THEN ${2 ** (FIRST_BIT[kind] + i)}`).join(' ')} ELSE 0 END)`;
/** filter_bits, as SQL over a leads row. */
const FILTER_BITS = [
  bitOf('grade', 'grade'), bitOf('status', 'status'), bitOf('rating', 'rating'),
  bitOf('owned', "(CASE WHEN owner IS NULL THEN NULL ELSE 'yes' END)"),
  bitOf('consent', "(CASE WHEN consent_version IS NULL THEN NULL ELSE 'yes' END)"),
  bitOf('ready', "(CASE WHEN ready_at IS NULL THEN NULL ELSE 'yes' END)"),
].join(' | ');

/**
 * Brings the Triage table's orders (migration 0011) up to the leads table, as the search index
 * is brought up (search-index.ts): a capture commits nothing to it, so a new lead is copied here
 * in rowid order and every lead up to the table's highest rowid is in it; an edit or deletion of
 * a copied lead only marks it, and it is copied again here. Called when the booth goes quiet
 * and before a Triage query reads the table.
 */
export function triageOrderIndex(sqlite: Database.Database) {
  const copiedUpTo = sqlite.prepare('SELECT lead_rowid FROM triage_order ORDER BY lead_rowid DESC LIMIT 1').pluck();
  const anyAfter = sqlite.prepare('SELECT 1 FROM leads WHERE rowid > ? LIMIT 1').pluck();
  const add = sqlite.prepare(`
    INSERT INTO triage_order (lead_rowid, ${COLUMNS}, filter_bits)
    SELECT rowid, ${COLUMNS}, ${FILTER_BITS} FROM leads WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`);
  const mark = () => (copiedUpTo.get() as number | undefined) ?? 0;
  const anyChanged = sqlite.prepare('SELECT 1 FROM triage_order_dirty LIMIT 1').pluck();
  const changed = sqlite.prepare(`SELECT lead_rowid FROM triage_order_dirty ORDER BY lead_rowid LIMIT ${BATCH}`).pluck();
  const recopy = sqlite.prepare(
    `INSERT OR REPLACE INTO triage_order (lead_rowid, ${COLUMNS}, filter_bits) SELECT rowid, ${COLUMNS}, ${FILTER_BITS} FROM leads WHERE rowid = ?`,
  );
  // A lead deleted for good (not soft-deleted) leaves nothing to copy.
  const remove = sqlite.prepare('DELETE FROM triage_order WHERE lead_rowid = ?');
  const clean = sqlite.prepare('DELETE FROM triage_order_dirty WHERE lead_rowid = ?');
  const changedBatch = (): number => {
    const rowids = changed.all() as number[];
    for (const rowid of rowids) {
      if (recopy.run(rowid).changes === 0) remove.run(rowid);
      clean.run(rowid);
    }
    return rowids.length;
  };

  return sideIndex(sqlite, {
    anyEdited: () => anyChanged.get() !== undefined,
    editBatch: changedBatch,
    anyNew: () => anyAfter.get(mark()) !== undefined,
    newBatch: () => add.run(mark()).changes,
  });
}
export type TriageOrderIndex = ReturnType<typeof triageOrderIndex>;
