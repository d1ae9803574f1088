import type Database from 'better-sqlite3';

/** Leads indexed per transaction: short enough that a scan arriving meanwhile barely waits. */
const BATCH = 500;

/**
 * Brings the trigram index up to the leads table (migration 0002): a capture commits only the
 * lead and its touch, and the index catches up here, in rowid order, so every lead up to the
 * index's highest rowid is in it. Called when the booth goes quiet and before any search.
 */
export function searchIndex(sqlite: Database.Database) {
  const indexedUpTo = sqlite.prepare('SELECT rowid FROM leads_fts ORDER BY rowid DESC LIMIT 1').pluck();
  const anyAfter = sqlite.prepare('SELECT 1 FROM leads WHERE rowid > ? LIMIT 1').pluck();
  const add = sqlite.prepare(`
    INSERT INTO leads_fts (rowid, name, kana, company, email, notes)
    SELECT lead_rowid, name, kana, company, email, notes FROM leads_fts_source
    WHERE lead_rowid > ? ORDER BY lead_rowid LIMIT ${BATCH}`);
  const mark = () => (indexedUpTo.get() as number | undefined) ?? 0;
  // IMMEDIATE: the mark is read under the write lock, so two processes catching up at once
  // index each lead once, and the insert cannot fail with SQLITE_BUSY on a snapshot another
  // process's capture has moved past (a deferred read-then-write would, without waiting).
  const batch = sqlite.transaction(() => add.run(mark()).changes);

  return {
    /**
     * Indexes every lead still waiting; returns how many. Nothing waiting costs two reads and
     * no write lock, so a search never queues behind another process's write for nothing.
     */
    catchUp(): number {
      let total = 0;
      while (anyAfter.get(mark()) !== undefined) {
        const added = batch.immediate();
        if (added === 0) break;
        total += added;
      }
      return total;
    },
  };
}
export type SearchIndex = ReturnType<typeof searchIndex>;
