import type Database from 'better-sqlite3';
import type { Lead, PersonFields } from '../../../shared/model';
import { iso } from '../../../shared/time';

/**
 * The lead table through prepared statements. Capture is the hot path (a busy booth, 100,000
 * leads stored), so these skip the query builder: statements are prepared once per database.
 */

const COLUMNS = {
  id: 'id', eventId: 'event_id', badgeId: 'badge_id', fullName: 'full_name', familyName: 'family_name',
  givenName: 'given_name', familyNameKana: 'family_name_kana', givenNameKana: 'given_name_kana',
  company: 'company', companyKey: 'company_key', department: 'department', title: 'title', email: 'email',
  phone: 'phone', url: 'url', sourceFormat: 'source_format', source: 'source', rawPayload: 'raw_payload',
  capturedBy: 'captured_by', capturedAt: 'captured_at', updatedAt: 'updated_at', rating: 'rating',
  notes: 'notes', status: 'status', walkIn: 'walk_in',
} as const satisfies Record<keyof Lead, string>;

export const LEAD_SELECT = Object.entries(COLUMNS).map(([key, col]) => `l.${col} AS ${key}`).join(', ');

export type LeadRow = Omit<Lead, 'capturedAt' | 'updatedAt' | 'walkIn'> & {
  capturedAt: number;
  updatedAt: number;
  walkIn: number;
};

export function toLead(row: LeadRow): Lead {
  return { ...row, capturedAt: iso(row.capturedAt), updatedAt: iso(row.updatedAt), walkIn: row.walkIn === 1 };
}

export type NewLead = Omit<LeadRow, 'rating' | 'notes' | 'status'>;

export function leadStore(sqlite: Database.Database) {
  const byBadge = sqlite.prepare(
    `SELECT ${LEAD_SELECT} FROM leads l WHERE l.event_id = ? AND l.badge_id = ? AND l.deleted_at IS NULL`,
  );
  const byEmail = sqlite.prepare(
    `SELECT ${LEAD_SELECT} FROM leads l WHERE l.event_id = ? AND l.email = ? AND l.deleted_at IS NULL ORDER BY l.captured_at LIMIT 1`,
  );
  const byId = sqlite.prepare(`SELECT ${LEAD_SELECT} FROM leads l WHERE l.id = ?`);
  const insertCols = Object.keys(COLUMNS).filter((k) => !['rating', 'notes', 'status'].includes(k)) as (keyof NewLead)[];
  const insert = sqlite.prepare(
    `INSERT INTO leads (${insertCols.map((k) => COLUMNS[k]).join(', ')}) VALUES (${insertCols.map((k) => `@${k}`).join(', ')})`,
  );

  const updates = new Map<string, Database.Statement>();

  return {
    findByBadge: (eventId: string, badgeId: string) => byBadge.get(eventId, badgeId) as LeadRow | undefined,
    findByEmail: (eventId: string, email: string) => byEmail.get(eventId, email) as LeadRow | undefined,
    get: (id: string) => byId.get(id) as LeadRow | undefined,
    insert: (lead: NewLead) => insert.run(lead),
    /** Updates the given person fields (and companyKey, walk-in) of one lead. */
    update(id: string, fields: { [K in keyof PersonFields | 'companyKey']?: string | null } & { walkIn?: number }, updatedAt: number) {
      const keys = Object.keys(fields) as (keyof typeof fields)[];
      if (keys.length === 0) return;
      const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
      const sql = `UPDATE leads SET ${sets}, updated_at = @updatedAt WHERE id = @id`;
      let stmt = updates.get(sql);
      if (!stmt) updates.set(sql, (stmt = sqlite.prepare(sql)));
      stmt.run({ ...fields, updatedAt, id });
    },
  };
}
export type LeadStore = ReturnType<typeof leadStore>;
