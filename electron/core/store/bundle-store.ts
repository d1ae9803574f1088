import type Database from 'better-sqlite3';
import { companyKey } from '../../../shared/normalize/company';
import type { BundleEvent } from '../../../shared/handoff/bundle';
import {
  effectiveTimes, encodeFieldTimes, parseFieldTimes, pickValues, type LeadState, type MergeValues,
} from '../../../shared/handoff/merge';
import type { z } from 'zod';
import { iso } from '../../../shared/time';
import { LEAD_SELECT, type LeadRow } from './lead-store';
import { TOUCH_SELECT, toTouch } from './touch-store';

/**
 * The SQL a device bundle needs beyond the capture path's lead store: the whole lead row (owner,
 * consent, field times, tombstones), an upsert that writes a merged state, and touch moves.
 */

export type FullLeadRow = LeadRow & {
  owner: string | null;
  consentVersion: string | null;
  consentAt: number | null;
  fieldTimes: string;
  deletedAt: number | null;
};

const FULL_SELECT = `${LEAD_SELECT}, l.owner AS owner, l.consent_version AS consentVersion,
  l.consent_at AS consentAt, l.field_times AS fieldTimes, l.deleted_at AS deletedAt`;

export function stateFromRow(row: FullLeadRow): LeadState {
  const values = pickValues({
    ...row,
    walkIn: row.walkIn === 1,
    consentAt: row.consentAt === null ? null : iso(row.consentAt),
  } as MergeValues);
  return {
    eventId: row.eventId,
    first: {
      id: row.id,
      capturedAt: row.capturedAt,
      capturedBy: row.capturedBy,
      source: row.source,
      sourceFormat: row.sourceFormat,
      rawPayload: row.rawPayload,
    },
    values,
    times: effectiveTimes(values, parseFieldTimes(row.fieldTimes), row.updatedAt),
    updatedAt: row.updatedAt,
  };
}

const WRITE_COLUMNS = {
  badgeId: 'badge_id', fullName: 'full_name', familyName: 'family_name', givenName: 'given_name',
  familyNameKana: 'family_name_kana', givenNameKana: 'given_name_kana', company: 'company',
  companyKey: 'company_key', department: 'department', title: 'title', email: 'email', phone: 'phone',
  url: 'url', sourceFormat: 'source_format', source: 'source', rawPayload: 'raw_payload',
  capturedBy: 'captured_by', capturedAt: 'captured_at', updatedAt: 'updated_at', rating: 'rating',
  notes: 'notes', status: 'status', walkIn: 'walk_in', owner: 'owner', consentVersion: 'consent_version',
  consentAt: 'consent_at', fieldTimes: 'field_times',
} as const;

function rowFromState(state: LeadState): Record<keyof typeof WRITE_COLUMNS | 'id' | 'eventId', unknown> {
  const { values, first } = state;
  return {
    id: first.id,
    eventId: state.eventId,
    ...values,
    companyKey: companyKey(values.company) ?? null,
    walkIn: values.walkIn ? 1 : 0,
    consentAt: values.consentAt === null ? null : Date.parse(values.consentAt),
    sourceFormat: first.sourceFormat,
    source: first.source,
    rawPayload: first.rawPayload,
    capturedBy: first.capturedBy,
    capturedAt: first.capturedAt,
    updatedAt: state.updatedAt,
    fieldTimes: encodeFieldTimes(state),
  };
}

export function bundleStore(sqlite: Database.Database) {
  const columns = Object.entries(WRITE_COLUMNS);
  const upsert = sqlite.prepare(`
    INSERT INTO leads (id, event_id, ${columns.map(([, c]) => c).join(', ')})
    VALUES (@id, @eventId, ${columns.map(([k]) => `@${k}`).join(', ')})
    ON CONFLICT(id) DO UPDATE SET ${columns.map(([, c]) => `${c} = excluded.${c}`).join(', ')}, deleted_at = NULL`);
  const byId = sqlite.prepare(`SELECT ${FULL_SELECT} FROM leads l WHERE l.id = ?`);
  const byBadge = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l WHERE l.event_id = ? AND l.badge_id = ? AND l.deleted_at IS NULL`,
  );
  const byEmail = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l WHERE l.event_id = ? AND l.email = ? AND l.deleted_at IS NULL
     ORDER BY l.captured_at, l.id LIMIT 1`,
  );
  const liveOfEvent = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL ORDER BY l.captured_at, l.id`,
  );
  const touchesOfEvent = sqlite.prepare(
    `SELECT ${TOUCH_SELECT} FROM touches t JOIN leads l ON l.id = t.lead_id
     WHERE t.event_id = ? AND l.deleted_at IS NULL ORDER BY t.at, t.id`,
  );
  const softDelete = sqlite.prepare('UPDATE leads SET deleted_at = ? WHERE id = ?');
  const moveTouches = sqlite.prepare('UPDATE touches SET lead_id = ? WHERE lead_id = ?');
  const touchExists = sqlite.prepare('SELECT 1 FROM touches WHERE id = ?').pluck();
  const insertTouch = sqlite.prepare(`
    INSERT OR IGNORE INTO touches (id, lead_id, event_id, kind, staff, device, at, detail)
    VALUES (@id, @leadId, @eventId, @kind, @staff, @device, @at, @detail)`);
  const merges = sqlite.prepare(`
    SELECT json_extract(detail, '$.mergedLeadId') AS loser, lead_id AS survivor FROM touches
    WHERE event_id = ? AND kind = 'merge' AND json_extract(detail, '$.mergedLeadId') IS NOT NULL ORDER BY at, id`);
  const eventExists = sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  const insertEvent = sqlite.prepare(`
    INSERT INTO events (id, name, kind, venue, starts_on, ends_on, created_at)
    VALUES (@id, @name, @kind, @venue, @startsOn, @endsOn, @createdAt)`);
  // A check-in made at another door: the roster shows the person as attended, from the
  // earliest check-in any device saw.
  const checkIn = sqlite.prepare(`
    UPDATE roster_entries SET checked_in_at = @at
    WHERE event_id = @eventId AND badge_id = (SELECT badge_id FROM leads WHERE id = @leadId)
      AND (checked_in_at IS NULL OR checked_in_at > @at)`);

  return {
    get: (id: string) => byId.get(id) as FullLeadRow | undefined,
    findByBadge: (eventId: string, badgeId: string) => byBadge.get(eventId, badgeId) as FullLeadRow | undefined,
    findByEmail: (eventId: string, email: string) => byEmail.get(eventId, email) as FullLeadRow | undefined,
    liveLeads: (eventId: string) => liveOfEvent.all(eventId) as FullLeadRow[],
    liveTouches: (eventId: string) => (touchesOfEvent.all(eventId) as Parameters<typeof toTouch>[0][]).map(toTouch),
    /** Writes a lead's whole state under its first capture's id, reviving a tombstone of that id. */
    write: (state: LeadState) => upsert.run(rowFromState(state)),
    softDelete: (id: string, at: number) => softDelete.run(at, id),
    moveTouches: (from: string, to: string) => moveTouches.run(to, from),
    touchExists: (id: string) => touchExists.get(id) === 1,
    /** True when the touch was new. */
    addTouch(touch: { id: string; leadId: string; eventId: string; kind: string; staff: string | null; device: string | null; at: number; detail: unknown }) {
      const detail = touch.detail === null ? null : JSON.stringify(touch.detail);
      return insertTouch.run({ ...touch, detail }).changes === 1;
    },
    /** loser → survivor for every merge recorded in the event's touches. */
    merges: (eventId: string) =>
      new Map((merges.all(eventId) as { loser: string; survivor: string }[]).map((m) => [m.loser, m.survivor])),
    eventExists: (id: string) => eventExists.get(id) === 1,
    insertEvent: (event: z.infer<typeof BundleEvent>) => insertEvent.run({ ...event, createdAt: Date.parse(event.createdAt) }),
    checkIn: (eventId: string, leadId: string, at: number) => checkIn.run({ eventId, leadId, at }),
  };
}
export type BundleStore = ReturnType<typeof bundleStore>;
