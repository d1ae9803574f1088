import type Database from 'better-sqlite3';
import type { Touch, TouchKind } from '../../../shared/model';
import { iso } from '../../../shared/time';

export interface TouchRow {
  id: string;
  leadId: string;
  kind: TouchKind;
  staff: string | null;
  device: string | null;
  at: number;
  detail: string | null;
}

export function toTouch(row: TouchRow): Touch {
  return { ...row, at: iso(row.at), detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null };
}

export type NewTouch = Omit<TouchRow, 'detail'> & { eventId: string; detail: Record<string, unknown> | null };

export const TOUCH_SELECT = 't.id, t.lead_id AS leadId, t.kind, t.staff, t.device, t.at, t.detail';

/** Touches are append-only: the audit trail of every scan, check-in and edit. */
export function touchStore(sqlite: Database.Database) {
  // OR IGNORE: a touch from a device bundle may be here already; ids are UUIDs, so a clash is the same touch.
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO touches (id, lead_id, event_id, kind, staff, device, at, detail) VALUES (@id, @leadId, @eventId, @kind, @staff, @device, @at, @detail)',
  );
  const lastRead = sqlite.prepare(
    "SELECT at, json_extract(detail, '$.payload') AS payload FROM touches WHERE lead_id = ? AND kind IN ('scan', 'checkin') ORDER BY at DESC LIMIT 1",
  );
  const move = sqlite.prepare('UPDATE touches SET lead_id = ? WHERE lead_id = ?');
  const exists = sqlite.prepare('SELECT 1 FROM touches WHERE id = ?').pluck();
  const forLead = sqlite.prepare(`SELECT ${TOUCH_SELECT} FROM touches t WHERE t.lead_id = ? ORDER BY t.at, t.id`);
  return {
    /** The lead writer's (lead-writer.ts). True when the touch was new. */
    add(touch: NewTouch): boolean {
      return insert.run({ ...touch, detail: touch.detail ? JSON.stringify(touch.detail) : null }).changes === 1;
    },
    /** The lead writer's: a merged-away record's history moves to the lead that lives on. */
    move: (from: string, to: string) => move.run(to, from),
    exists: (id: string) => exists.get(id) === 1,
    lastRead: (leadId: string) => lastRead.get(leadId) as { at: number; payload: string | null } | undefined,
    forLead: (leadId: string) => (forLead.all(leadId) as TouchRow[]).map(toTouch),
  };
}
export type TouchStore = ReturnType<typeof touchStore>;
