import type Database from 'better-sqlite3';
import type { BundleEvent } from '../../../shared/handoff/bundle';
import {
  effectiveAnswerTimes, effectiveTimes, encodeFieldTimes, parseFieldTimes, pickValues, type LeadState, type MergeValues,
} from '../../../shared/handoff/merge';
import type { z } from 'zod';
import { iso } from '../../../shared/time';
import { FULL_SELECT, parseAnswers, type FullLeadRow, type LeadValues } from './lead-store';
import { TOUCH_SELECT, toTouch } from './touch-store';

/**
 * The SQL a device bundle needs beyond the lead store: an event's live leads and touches, the
 * merges recorded, the event row and check-ins. Lead rows are written by the lead writer.
 */

export function stateFromRow(row: FullLeadRow): LeadState {
  const values = pickValues({
    ...row,
    walkIn: row.walkIn === 1,
    consentAt: row.consentAt === null ? null : iso(row.consentAt),
    readyAt: row.readyAt === null ? null : iso(row.readyAt),
  } as MergeValues);
  const stored = parseFieldTimes(row.fieldTimes);
  const answers = parseAnswers(row.answers);
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
    times: effectiveTimes(values, stored, row.updatedAt),
    answers,
    answerTimes: effectiveAnswerTimes(answers, stored, row.updatedAt),
    updatedAt: row.updatedAt,
  };
}

/** A merged state as the lead writer stores it (it derives the company key itself). */
export function rowFromState(state: LeadState): LeadValues & { id: string; eventId: string } {
  const { values, first } = state;
  return {
    id: first.id,
    eventId: state.eventId,
    ...values,
    walkIn: values.walkIn ? 1 : 0,
    consentAt: values.consentAt === null ? null : Date.parse(values.consentAt),
    readyAt: values.readyAt === null ? null : Date.parse(values.readyAt),
    statusAt: state.times.status ?? first.capturedAt,
    // The column holds the JSON; every answer's time is in field_times next to the others'.
    answers: JSON.stringify(state.answers),
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
  const liveOfEvent = sqlite.prepare(
    `SELECT ${FULL_SELECT} FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL ORDER BY l.captured_at, l.id`,
  );
  const touchesOfEvent = sqlite.prepare(
    `SELECT ${TOUCH_SELECT} FROM touches t JOIN leads l ON l.id = t.lead_id
     WHERE t.event_id = ? AND l.deleted_at IS NULL ORDER BY t.at, t.id`,
  );
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
    liveLeads: (eventId: string) => liveOfEvent.all(eventId) as FullLeadRow[],
    liveTouches: (eventId: string) => (touchesOfEvent.all(eventId) as Parameters<typeof toTouch>[0][]).map(toTouch),
    /** loser → survivor for every merge recorded in the event's touches. */
    merges: (eventId: string) =>
      new Map((merges.all(eventId) as { loser: string; survivor: string }[]).map((m) => [m.loser, m.survivor])),
    eventExists: (id: string) => eventExists.get(id) === 1,
    insertEvent: (event: z.infer<typeof BundleEvent>) => insertEvent.run({ ...event, createdAt: Date.parse(event.createdAt) }),
    checkIn: (eventId: string, leadId: string, at: number) => checkIn.run({ eventId, leadId, at }),
  };
}
export type BundleStore = ReturnType<typeof bundleStore>;
