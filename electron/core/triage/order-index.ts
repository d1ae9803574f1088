import type Database from 'better-sqlite3';

/** Leads copied per transaction: short enough that a scan arriving meanwhile barely waits. */
const BATCH = 500;

/** Every column of triage_order, in the order both it and leads name them. */
const COLUMNS = `id, event_id, deleted_at, captured_at, updated_at, score, grade, status, rating, owner, captured_by,
  follow_up_due, ready_at, consent_version, company, title, family_name, given_name, full_name`;

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
    INSERT INTO triage_order (lead_rowid, ${COLUMNS})
    SELECT rowid, ${COLUMNS} FROM leads WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`);
  const mark = () => (copiedUpTo.get() as number | undefined) ?? 0;
  const anyChanged = sqlite.prepare('SELECT 1 FROM triage_order_dirty LIMIT 1').pluck();
  const changed = sqlite.prepare(`SELECT lead_rowid FROM triage_order_dirty ORDER BY lead_rowid LIMIT ${BATCH}`).pluck();
  const recopy = sqlite.prepare(`INSERT OR REPLACE INTO triage_order (lead_rowid, ${COLUMNS}) SELECT rowid, ${COLUMNS} FROM leads WHERE rowid = ?`);
  // A lead deleted for good (not soft-deleted) leaves nothing to copy.
  const remove = sqlite.prepare('DELETE FROM triage_order WHERE lead_rowid = ?');
  const clean = sqlite.prepare('DELETE FROM triage_order_dirty WHERE lead_rowid = ?');
  const changedBatch = sqlite.transaction(() => {
    const rowids = changed.all() as number[];
    for (const rowid of rowids) {
      if (recopy.run(rowid).changes === 0) remove.run(rowid);
      clean.run(rowid);
    }
    return rowids.length;
  });
  // IMMEDIATE, as the search index's: the mark is read under the write lock, so two processes
  // catching up at once copy each lead once and never fail on a snapshot a capture moved past.
  const batch = sqlite.transaction(() => add.run(mark()).changes);

  return {
    /** Copies every lead still waiting; returns how many. Nothing waiting costs two reads and no write lock. */
    catchUp(): number {
      let total = 0;
      while (anyChanged.get() !== undefined) {
        const done = changedBatch.immediate();
        if (done === 0) break;
        total += done;
      }
      while (anyAfter.get(mark()) !== undefined) {
        const added = batch.immediate();
        if (added === 0) break;
        total += added;
      }
      return total;
    },
  };
}
export type TriageOrderIndex = ReturnType<typeof triageOrderIndex>;
