import type Database from 'better-sqlite3';
import { leadStore } from '../store/lead-store';
import { lateLinksMark } from '../late-links';
import type { LeadWriter } from '../store/lead-writer';

/** Leads per transaction: a capture at the booth waits milliseconds, not the whole backfill. */
const CHUNK = 2000;

/**
 * At open: leads stored before 名寄せ (or by an older version) get their keys and person
 * through the lead writer's derivation (its `link`), a chunk per transaction. One indexed
 * look when there is nothing to do.
 */
export function personBackfill(sqlite: Database.Database, writer: LeadWriter, clock: () => number) {
  const leads = leadStore(sqlite);
  // Leads above the late links' mark are new captures the late pass links, 名寄せ included. The
  // mark only grows, so the one read as the backfill starts bounds it for the whole walk.
  const mark = lateLinksMark(sqlite);
  const anyMissing = sqlite
    .prepare('SELECT EXISTS (SELECT 1 FROM leads WHERE person_id IS NULL AND deleted_at IS NULL AND rowid <= ?)')
    .pluck();
  const chunk = writer.transaction((after: number, now: number, upTo: number): [number | null, number] => {
    const rows = leads.derivableAfter(after, CHUNK);
    let linked = 0;
    for (const row of rows) {
      if (row.personId !== null || row.rowid_ > upTo) continue;
      if (writer.rederive(row, now)) linked++;
    }
    const last = rows[rows.length - 1]?.rowid_ ?? upTo;
    return [rows.length === CHUNK && last < upTo ? last : null, linked];
  });
  return function backfill(): number {
    const upTo = mark();
    if (anyMissing.get(upTo) !== 1) return 0;
    const now = clock();
    let total = 0;
    for (let after: number | null = 0; after !== null; ) {
      const [next, linked] = chunk(after, now, upTo);
      total += linked;
      after = next;
    }
    return total;
  };
}
