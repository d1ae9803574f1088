import type Database from 'better-sqlite3';
import { foldSearchText } from '../../shared/triage/query-text';
import { sideIndex } from './side-index';

/** Leads indexed per transaction: short enough that a scan arriving meanwhile barely waits. */
const BATCH = 500;

/**
 * Brings the trigram index up to the leads table (migration 0002): a capture commits only the
 * lead and its touch, and the index catches up here, in rowid order, so every lead up to the
 * index's highest rowid is in it. An edit of an indexed lead only marks it (migration 0005);
 * it is re-indexed here too. Called when the booth goes quiet and before any search.
 */
export function searchIndex(sqlite: Database.Database) {
  // The index holds text as queries are folded (search.ts): やまだ, ヤマダ and ﾔﾏﾀﾞ are one
  // entry. Registered on this connection only; nothing but the catch-up calls it, so no
  // trigger or view needs it (migration 0007 marks leads indexed before it for re-indexing).
  sqlite.function('leadbooth_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldSearchText(text) : text));
  const FOLDED = 'leadbooth_fold(name), leadbooth_fold(kana), leadbooth_fold(company), leadbooth_fold(email), leadbooth_fold(notes)';
  const indexedUpTo = sqlite.prepare('SELECT rowid FROM leads_fts ORDER BY rowid DESC LIMIT 1').pluck();
  const anyAfter = sqlite.prepare('SELECT 1 FROM leads WHERE rowid > ? LIMIT 1').pluck();
  const add = sqlite.prepare(`
    INSERT INTO leads_fts (rowid, name, kana, company, email, notes)
    SELECT lead_rowid, ${FOLDED} FROM leads_fts_source
    WHERE lead_rowid > ? ORDER BY lead_rowid LIMIT ${BATCH}`);
  const mark = () => (indexedUpTo.get() as number | undefined) ?? 0;
  // Edited leads the index already held (migration 0005): their old entry out, the new one in.
  const anyEdited = sqlite.prepare('SELECT 1 FROM leads_fts_dirty LIMIT 1').pluck();
  const edited = sqlite.prepare(`SELECT lead_rowid FROM leads_fts_dirty ORDER BY lead_rowid LIMIT ${BATCH}`).pluck();
  const unindex = sqlite.prepare('DELETE FROM leads_fts WHERE rowid = ?');
  const reindex = sqlite.prepare(`
    INSERT INTO leads_fts (rowid, name, kana, company, email, notes)
    SELECT lead_rowid, ${FOLDED} FROM leads_fts_source WHERE lead_rowid = ?`);
  const clean = sqlite.prepare('DELETE FROM leads_fts_dirty WHERE lead_rowid = ?');
  const editBatch = (): number => {
    const rowids = edited.all() as number[];
    for (const rowid of rowids) {
      unindex.run(rowid);
      reindex.run(rowid);
      clean.run(rowid);
    }
    return rowids.length;
  };

  return sideIndex(sqlite, {
    anyEdited: () => anyEdited.get() !== undefined,
    editBatch,
    anyNew: () => anyAfter.get(mark()) !== undefined,
    newBatch: () => add.run(mark()).changes,
  });
}
export type SearchIndex = ReturnType<typeof searchIndex>;
