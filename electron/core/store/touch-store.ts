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

export const TOUCH_SELECT = 't.id, t.lead_id AS leadId, t.kind, t.staff, t.device, t.at, t.detail';

/** Touches are append-only: the audit trail of every scan, check-in and edit. */
export function touchStore(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    'INSERT INTO touches (id, lead_id, event_id, kind, staff, device, at, detail) VALUES (@id, @leadId, @eventId, @kind, @staff, @device, @at, @detail)',
  );
  const lastRead = sqlite.prepare(
    "SELECT at, json_extract(detail, '$.payload') AS payload FROM touches WHERE lead_id = ? AND kind IN ('scan', 'checkin') ORDER BY at DESC LIMIT 1",
  );
  const forLead = sqlite.prepare(`SELECT ${TOUCH_SELECT} FROM touches t WHERE t.lead_id = ? ORDER BY t.at, t.id`);
  return {
    add(touch: Omit<TouchRow, 'detail'> & { eventId: string; detail: Record<string, unknown> | null }) {
      insert.run({ ...touch, detail: touch.detail ? JSON.stringify(touch.detail) : null });
    },
    lastRead: (leadId: string) => lastRead.get(leadId) as { at: number; payload: string | null } | undefined,
    forLead: (leadId: string) => (forLead.all(leadId) as TouchRow[]).map(toTouch),
  };
}
export type TouchStore = ReturnType<typeof touchStore>;
