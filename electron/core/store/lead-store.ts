import type Database from 'better-sqlite3';
import type { Lead } from '../../../shared/model';
import type { Answers } from '../../../shared/qualify/answers';
import { parseJsonObject } from '../../../shared/json-object';
import { iso } from '../../../shared/time';

/**
 * The lead table through prepared statements. Capture is the hot path (a busy booth, 100,000
 * leads stored), so these skip the query builder: statements are prepared once per database.
 * Reads are open to the core and to delivery; the writes are the lead writer's alone
 * (lead-writer.ts), which keeps touches, derived values and the outbox in step with them.
 */

const COLUMNS = {
  id: 'id', eventId: 'event_id', badgeId: 'badge_id', fullName: 'full_name', familyName: 'family_name',
  givenName: 'given_name', familyNameKana: 'family_name_kana', givenNameKana: 'given_name_kana',
  company: 'company', companyKey: 'company_key', department: 'department', title: 'title', email: 'email',
  phone: 'phone', url: 'url', sourceFormat: 'source_format', source: 'source', rawPayload: 'raw_payload',
  capturedBy: 'captured_by', capturedAt: 'captured_at', updatedAt: 'updated_at', rating: 'rating',
  notes: 'notes', status: 'status', walkIn: 'walk_in', answers: 'answers', consentVersion: 'consent_version',
  consentAt: 'consent_at', deletedAt: 'deleted_at', score: 'score', grade: 'grade', owner: 'owner',
  touchCount: 'touch_count', readyAt: 'ready_at', followUpDue: 'follow_up_due', statusAt: 'status_at',
  rejectionReason: 'rejection_reason', accountId: 'account_id', personId: 'person_id',
} as const satisfies Record<keyof Lead, string>;

/** Columns only the store and the writer see: not part of a lead as the API shows it. */
const INTERNAL = {
  fieldTimes: 'field_times', payloadKey: 'payload_key',
  // Keys for accounts and 名寄せ (derived by the writer) and the merge that folded this lead away.
  emailKey: 'email_key', nameKey: 'name_key', phoneKey: 'phone_key', mergedInto: 'merged_into',
} as const;
/** Internal columns derivation reads (everything but the merge bookkeeping of bundles). */
const DERIVABLE_INTERNAL = ['emailKey', 'nameKey', 'phoneKey', 'mergedInto'] as const;
const ALL = { ...COLUMNS, ...INTERNAL };
export type LeadColumn = keyof typeof ALL;

export const LEAD_SELECT = Object.entries(COLUMNS).map(([key, col]) => `l.${col} AS ${key}`).join(', ');

type TimeKey = 'capturedAt' | 'updatedAt' | 'consentAt' | 'deletedAt' | 'readyAt' | 'followUpDue' | 'statusAt';
export type LeadRow = Omit<Lead, TimeKey | 'walkIn' | 'answers'> & {
  capturedAt: number;
  updatedAt: number;
  consentAt: number | null;
  deletedAt: number | null;
  readyAt: number | null;
  followUpDue: number | null;
  statusAt: number | null;
  walkIn: number;
  /** JSON of Answers. */
  answers: string;
};

/** A row with the internal columns too: what the writer and the bundle merge read. */
export type FullLeadRow = LeadRow & {
  fieldTimes: string;
  payloadKey: string | null;
  emailKey: string | null;
  nameKey: string | null;
  phoneKey: string | null;
  mergedInto: string | null;
};
export const FULL_SELECT = `${LEAD_SELECT}, ${Object.entries(INTERNAL).map(([key, col]) => `l.${col} AS ${key}`).join(', ')}`;

/**
 * A lead as derivation reads it (the lead writer's settle): every column but the raw badge
 * payload, the notes and the merge bookkeeping, which are most of a row's bytes and which no
 * rule reads. The re-score walks every lead through these, so it reads about half the bytes.
 */
export type DerivableRow = Omit<FullLeadRow, 'rawPayload' | 'notes' | 'fieldTimes' | 'payloadKey'>;
const DERIVABLE_SELECT = [
  ...Object.entries(COLUMNS).filter(([key]) => key !== 'rawPayload' && key !== 'notes'),
  ...DERIVABLE_INTERNAL.map((key) => [key, INTERNAL[key]] as const),
]
  .map(([key, col]) => `l.${col} AS ${key}`)
  .join(', ');

export const parseAnswers = (json: string): Answers => parseJsonObject(json) as Answers;

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toLead(row: LeadRow): Lead {
  return {
    ...row,
    capturedAt: iso(row.capturedAt),
    updatedAt: iso(row.updatedAt),
    consentAt: isoOrNull(row.consentAt),
    deletedAt: isoOrNull(row.deletedAt),
    readyAt: isoOrNull(row.readyAt),
    followUpDue: isoOrNull(row.followUpDue),
    statusAt: isoOrNull(row.statusAt),
    walkIn: row.walkIn === 1,
    answers: parseAnswers(row.answers),
  };
}

/**
 * A new row's columns as the schema's defaults leave them (db/schema.ts): the writer answers a
 * capture with the row it wrote without reading it back, on the hot path.
 */
export const NEW_LEAD_DEFAULTS: Omit<FullLeadRow, 'id' | 'eventId' | 'source' | 'capturedAt' | 'updatedAt'> = {
  badgeId: null, fullName: null, familyName: null, givenName: null, familyNameKana: null, givenNameKana: null,
  company: null, companyKey: null, department: null, title: null, email: null, phone: null, url: null,
  sourceFormat: null, rawPayload: null, capturedBy: null, rating: null, notes: null, status: 'new', walkIn: 0,
  answers: '{}', consentVersion: null, consentAt: null, deletedAt: null, owner: null, fieldTimes: '{}', payloadKey: null,
  score: 0, grade: 'D', touchCount: 1, readyAt: null, followUpDue: null, statusAt: null, rejectionReason: null,
  accountId: null, personId: null, emailKey: null, nameKey: null, phoneKey: null, mergedInto: null,
};

/** The columns a write may set, as stored (times in ms, answers as JSON). */
export type LeadValues = { [K in LeadColumn]?: FullLeadRow[K] };

export function leadStore(sqlite: Database.Database) {
  const byBadge = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l WHERE l.event_id = ? AND l.badge_id = ? AND l.deleted_at IS NULL`,
  );
  // INDEXED BY: without statistics the planner prefers the triage index, whose order is
  // captured_at, and walks the event's every lead (119 ms a capture at 100,000 leads).
  const byEmail = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l INDEXED BY leads_event_email WHERE l.event_id = ? AND l.email = ? AND l.deleted_at IS NULL ORDER BY l.captured_at, l.id LIMIT 1`,
  );
  const byPayload = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l INDEXED BY leads_event_payload WHERE l.event_id = ? AND l.payload_key = ? AND l.deleted_at IS NULL ORDER BY l.captured_at, l.id LIMIT 1`,
  );
  const byId = sqlite.prepare(`SELECT ${FULL_SELECT} FROM leads l WHERE l.id = ?`);
  const liveAfter = sqlite.prepare(
    `SELECT l.rowid AS rowid_, ${FULL_SELECT} FROM leads l WHERE l.rowid > ? AND l.deleted_at IS NULL ORDER BY l.rowid LIMIT ?`,
  );
  const derivableAfter = sqlite.prepare(
    `SELECT l.rowid AS rowid_, ${DERIVABLE_SELECT} FROM leads l WHERE l.rowid > ? AND l.deleted_at IS NULL ORDER BY l.rowid LIMIT ?`,
  );
  // Every column, prepared once: a capture inserts through it without building SQL.
  const allKeys = Object.keys(ALL) as LeadColumn[];
  const insertAll = sqlite.prepare(`INSERT INTO leads (${allKeys.map((k) => ALL[k]).join(', ')}) VALUES (${allKeys.map((k) => `@${k}`).join(', ')})`);
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = sqlite.prepare(sql)));
    return stmt;
  };

  return {
    findByBadge: (eventId: string, badgeId: string) => byBadge.get(eventId, badgeId) as FullLeadRow | undefined,
    findByEmail: (eventId: string, email: string) => byEmail.get(eventId, email) as FullLeadRow | undefined,
    findByPayload: (eventId: string, key: string) => byPayload.get(eventId, key) as FullLeadRow | undefined,
    get: (id: string) => byId.get(id) as FullLeadRow | undefined,
    /** Live leads in storage order after a rowid: a walk over every lead in chunks (the re-score). */
    liveAfter: (rowid: number, limit: number) => liveAfter.all(rowid, limit) as (FullLeadRow & { rowid_: number })[],
    /** The same walk with only the columns derivation reads (the re-score: every lead, so every byte counts). */
    derivableAfter: (rowid: number, limit: number) => derivableAfter.all(rowid, limit) as (DerivableRow & { rowid_: number })[],
    /** The lead writer's: inserts a whole row. */
    insert: (row: FullLeadRow) => void insertAll.run(row),
    /** The lead writer's: sets the given columns of one lead. */
    update(id: string, values: LeadValues) {
      const keys = (Object.keys(values) as LeadColumn[]).filter((k) => k !== 'id');
      if (keys.length === 0) return;
      prepared(`UPDATE leads SET ${keys.map((k) => `${ALL[k]} = @${k}`).join(', ')} WHERE id = @id`).run({ ...values, id });
    },
    /** The lead writer's: a whole row, inserted or replacing the row of that id (a device bundle's merged state). */
    upsert(values: LeadValues & { id: string }) {
      const keys = (Object.keys(values) as LeadColumn[]).filter((k) => k !== 'id');
      prepared(
        `INSERT INTO leads (id, ${keys.map((k) => ALL[k]).join(', ')}) VALUES (@id, ${keys.map((k) => `@${k}`).join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${keys.map((k) => `${ALL[k]} = excluded.${ALL[k]}`).join(', ')}`,
      ).run(values);
    },
  };
}
export type LeadStore = ReturnType<typeof leadStore>;
