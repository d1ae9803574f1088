import type Database from 'better-sqlite3';
import type { StatusChange, StatusSource } from '../../../shared/triage/status';
import type { LeadStatus } from '../../../shared/triage/status';
import { iso } from '../../../shared/time';

export interface StatusChangeRow {
  id: string;
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
  reason: string | null;
  actor: string | null;
  auto: boolean;
  source: StatusSource;
  at: number;
}

/** A lead's status history, append-only; written by the lead writer with the change it records. */
export function statusStore(sqlite: Database.Database) {
  const insert = sqlite.prepare(`
    INSERT INTO status_changes (id, lead_id, from_status, to_status, reason, actor, auto, source, at)
    VALUES (@id, @leadId, @from, @to, @reason, @actor, @auto, @source, @at)`);
  const move = sqlite.prepare('UPDATE status_changes SET lead_id = ? WHERE lead_id = ?');
  const forLead = sqlite.prepare(`
    SELECT from_status AS "from", to_status AS "to", reason, actor, auto, source, at
    FROM status_changes WHERE lead_id = ? ORDER BY at, rowid`);
  return {
    add: (row: StatusChangeRow) => void insert.run({ ...row, auto: row.auto ? 1 : 0 }),
    move: (from: string, to: string) => void move.run(to, from),
    forLead: (leadId: string): StatusChange[] =>
      (forLead.all(leadId) as (Omit<StatusChange, 'auto' | 'at'> & { auto: number; at: number })[]).map((r) => ({
        ...r,
        auto: r.auto === 1,
        at: iso(r.at),
      })),
  };
}
