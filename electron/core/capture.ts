import type { CaptureResult, Handlers } from '../../shared/api';
import { parseBadge } from '../../shared/badge';
import { AppError } from '../../shared/errors';
import { completeName, fillBlanks, preferFirst } from '../../shared/lead/person';
import type { BadgeFormat, CaptureSource, PersonFields } from '../../shared/model';
import { cleanPerson } from '../../shared/normalize/person';
import { companyKey } from '../../shared/normalize/company';
import { iso } from '../../shared/time';
import type { CoreDeps } from './deps';
import type { EventStore } from './events';
import { LEAD_SELECT, leadStore, toLead, type LeadRow } from './store/lead-store';
import { rosterStore } from './roster-store';
import type { SettingsStore } from './settings';
import { touchStore } from './store/touch-store';

type CaptureHandlers = Pick<Handlers, 'badge.parse' | 'capture.scan' | 'capture.manual' | 'capture.recent'>;

/**
 * A handheld scanner often reads the same code twice in a row; a second read of the same
 * payload within this window is the same scan (pretixSCAN does the same).
 */
export const REPEAT_READ_MS = 2000;

export interface CaptureRequest {
  eventId: string;
  fields: PersonFields;
  format: BadgeFormat | null;
  raw: string | null;
  source: CaptureSource;
  staff: string | null;
}

export function captureService(deps: CoreDeps, events: EventStore, settings: SettingsStore) {
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const roster = rosterStore(deps.sqlite);

  function findExisting(eventId: string, fields: PersonFields): LeadRow | undefined {
    return (
      (fields.badgeId ? leads.findByBadge(eventId, fields.badgeId) : undefined) ??
      (fields.email ? leads.findByEmail(eventId, fields.email) : undefined)
    );
  }

  const write = deps.sqlite.transaction((req: CaptureRequest, now: number): CaptureResult => {
    // Read in the write transaction: a separate read transaction costs as much as the lookup.
    const isSeminar = events.get(req.eventId).kind === 'seminar';
    const entry = req.fields.badgeId ? roster.find(req.eventId, req.fields.badgeId) : undefined;
    const fields = completeName(entry ? preferFirst(roster.fields(entry), req.fields) : req.fields);
    const existing = findExisting(req.eventId, fields);

    if (existing && req.raw !== null) {
      const last = touches.lastRead(existing.id);
      if (last && last.payload === req.raw && now - last.at < REPEAT_READ_MS) {
        // The first read already checked the person in (or recorded the walk-in).
        const repeatCheckIn = isSeminar ? (entry ? 'already_checked_in' : 'walk_in') : null;
        return result(existing, true, true, entry !== undefined, repeatCheckIn);
      }
    }

    let checkIn: CaptureResult['checkIn'] = null;
    if (isSeminar) {
      if (!entry) checkIn = 'walk_in';
      else if (entry.checkedInAt === null) {
        roster.checkIn(entry.id, now);
        checkIn = 'checked_in';
      } else checkIn = 'already_checked_in';
    }

    let leadId: string;
    let written: LeadRow | undefined;
    if (existing) {
      leadId = existing.id;
      const filled = fillBlanks(existing, fields);
      const key = filled.company ? companyKey(fields.company) : undefined;
      leads.update(leadId, key ? { ...filled, companyKey: key } : filled, now);
    } else {
      leadId = deps.newId();
      written = {
        id: leadId,
        eventId: req.eventId,
        badgeId: fields.badgeId ?? null,
        fullName: fields.fullName ?? null,
        familyName: fields.familyName ?? null,
        givenName: fields.givenName ?? null,
        familyNameKana: fields.familyNameKana ?? null,
        givenNameKana: fields.givenNameKana ?? null,
        company: fields.company ?? null,
        companyKey: companyKey(fields.company) ?? null,
        department: fields.department ?? null,
        title: fields.title ?? null,
        email: fields.email ?? null,
        phone: fields.phone ?? null,
        url: fields.url ?? null,
        sourceFormat: req.format,
        source: req.source,
        rawPayload: req.raw,
        capturedBy: req.staff,
        capturedAt: now,
        updatedAt: now,
        walkIn: checkIn === 'walk_in' ? 1 : 0,
        rating: null,
        notes: null,
        status: 'new',
      };
      leads.insert(written);
    }
    touches.add({
      id: deps.newId(),
      leadId,
      eventId: req.eventId,
      kind: checkIn === 'checked_in' || checkIn === 'already_checked_in' ? 'checkin' : 'scan',
      staff: req.staff,
      device: settings.get().deviceId,
      at: now,
      detail: { source: req.source, format: req.format, payload: req.raw, merged: existing !== undefined },
    });
    deps.onLeadWritten(leadId);
    return result(written ?? leads.get(leadId)!, existing !== undefined, false, entry !== undefined, checkIn);
  });

  function result(
    row: LeadRow,
    merged: boolean,
    repeatRead: boolean,
    fromRoster: boolean,
    checkIn: CaptureResult['checkIn'],
  ): CaptureResult {
    return {
      lead: toLead(row),
      merged,
      firstCapturedAt: iso(row.capturedAt),
      firstCapturedBy: row.capturedBy,
      repeatRead,
      fromRoster,
      checkIn,
    };
  }

  /** The whole pipeline after parsing: roster lookup, find existing, one transaction. */
  function capture(req: CaptureRequest): CaptureResult {
    const staff = req.staff ?? settings.get().staffName;
    const out = write({ ...req, staff }, deps.clock());
    if (!out.repeatRead) deps.emit('lead.captured', out);
    return out;
  }

  function scan(eventId: string, payload: string, source: CaptureSource, staff: string | null): CaptureResult {
    const parsed = parseBadge(payload);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
    const { format, raw, ...fields } = parsed.badge;
    return capture({ eventId, fields, format, raw, source, staff });
  }

  const recent = deps.sqlite.prepare(`
    SELECT t.id AS touchId, t.kind, t.at, t.staff, ${LEAD_SELECT}
    FROM touches t JOIN leads l ON l.id = t.lead_id
    WHERE t.event_id = ? AND t.kind IN ('scan', 'checkin') ORDER BY t.at DESC, t.id DESC LIMIT ?`);

  const handlers: CaptureHandlers = {
    'badge.parse': ({ payload }) => {
      const parsed = parseBadge(payload);
      if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
      return parsed.badge;
    },
    'capture.scan': ({ eventId, payload, source, staff }) => scan(eventId, payload, source, staff ?? null),
    'capture.manual': ({ eventId, fields, staff }) => {
      const clean = cleanPerson(fields);
      if (!clean.fullName && !clean.familyName && !clean.givenName && !clean.email && !clean.badgeId) {
        throw new AppError('capture.manual_empty', 'A manual lead needs at least a name, an email or a badge id');
      }
      return capture({ eventId, fields: clean, format: null, raw: null, source: 'manual', staff: staff ?? null });
    },
    'capture.recent': ({ eventId, limit }) =>
      (recent.all(eventId, limit) as (LeadRow & { touchId: string; kind: 'scan'; at: number; staff: string | null })[]).map(
        ({ touchId, kind, at, staff, ...row }) => ({ touchId, kind, at: iso(at), staff, lead: toLead(row as LeadRow) }),
      ),
  };

  return { handlers, scan, capture, touches };
}
