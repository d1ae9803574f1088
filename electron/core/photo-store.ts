import type Database from 'better-sqlite3';
import type { Photo } from '../../shared/qualify/photo-api';
import { iso } from '../../shared/time';

/**
 * The lead_photos table: which photo (by content hash) belongs to which lead. Its writes run
 * inside the lead writer's transaction (photos.ts, bundle.ts), together with the change to the
 * lead they belong to, so a photo row and its touch commit together or not at all.
 */

export interface PhotoRow {
  id: string;
  leadId: string;
  hash: string;
  mime: Photo['mime'];
  bytes: number;
  addedAt: number;
  addedBy: string | null;
  deletedAt: number | null;
}

const SELECT = `p.id, p.lead_id AS leadId, p.hash, p.mime, p.bytes, p.added_at AS addedAt, p.added_by AS addedBy,
  p.deleted_at AS deletedAt`;

export function toPhoto({ deletedAt: _, addedAt, ...row }: PhotoRow): Photo {
  return { ...row, addedAt: iso(addedAt) };
}

export function photoStore(sqlite: Database.Database) {
  const byId = sqlite.prepare(`SELECT ${SELECT} FROM lead_photos p WHERE p.id = ?`);
  const byLeadHash = sqlite.prepare(`SELECT ${SELECT} FROM lead_photos p WHERE p.lead_id = ? AND p.hash = ?`);
  const live = sqlite.prepare(
    `SELECT ${SELECT} FROM lead_photos p WHERE p.lead_id = ? AND p.deleted_at IS NULL ORDER BY p.added_at, p.id`,
  );
  // Removed photos too: a device bundle carries the removal so the other laptop removes it as well.
  const ofEvent = sqlite.prepare(
    `SELECT ${SELECT} FROM lead_photos p JOIN leads l ON l.id = p.lead_id
     WHERE l.event_id = ? AND l.deleted_at IS NULL ORDER BY p.added_at, p.id`,
  );
  const insert = sqlite.prepare(`
    INSERT INTO lead_photos (id, lead_id, hash, mime, bytes, added_at, added_by, deleted_at)
    VALUES (@id, @leadId, @hash, @mime, @bytes, @addedAt, @addedBy, @deletedAt)`);
  const setState = sqlite.prepare(
    'UPDATE lead_photos SET added_at = @addedAt, added_by = @addedBy, deleted_at = @deletedAt WHERE id = @id',
  );
  // OR IGNORE: a picture the surviving lead already has stays with the merged-away record.
  const move = sqlite.prepare('UPDATE OR IGNORE lead_photos SET lead_id = ? WHERE lead_id = ?');

  function inTransaction(): void {
    if (!sqlite.inTransaction) throw new Error('Photo rows are written inside writer.transaction()');
  }

  return {
    get: (id: string) => byId.get(id) as PhotoRow | undefined,
    byLeadHash: (leadId: string, hash: string) => byLeadHash.get(leadId, hash) as PhotoRow | undefined,
    /** A lead's photos that were not removed, oldest first. */
    live: (leadId: string) => live.all(leadId) as PhotoRow[],
    ofEvent: (eventId: string) => ofEvent.all(eventId) as PhotoRow[],
    insert(row: PhotoRow): void {
      inTransaction();
      insert.run(row);
    },
    /** Added again (or removed): the row keeps its id, so a lead's picture is one row whatever happens to it. */
    setState(id: string, state: Pick<PhotoRow, 'addedAt' | 'addedBy' | 'deletedAt'>): void {
      inTransaction();
      setState.run({ id, ...state });
    },
    /** A merged-away lead's photos go with its touches to the lead that lives on. */
    move(from: string, to: string): void {
      inTransaction();
      move.run(to, from);
    },
  };
}
export type PhotoStore = ReturnType<typeof photoStore>;
