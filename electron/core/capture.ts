import { createHash } from 'node:crypto';
import type { CaptureResult, Handlers } from '../../shared/api';
import { isKnownBadge, parseBadge, payloadKey } from '../../shared/badge';
import { AppError } from '../../shared/errors';
import { completeName, fillBlanks, preferFirst } from '../../shared/lead/person';
import type { BadgeFormat, CaptureSource, ParsedBadge, PersonFields } from '../../shared/model';
import { cleanPerson } from '../../shared/normalize/person';
import { cleanText } from '../../shared/normalize/text';
import { iso } from '../../shared/time';
import type { CoreDeps } from './deps';
import type { EventStore } from './events';
import { rosterStore, type RosterEntryRow } from './roster-store';
import type { SettingsStore } from './settings';
import type { CatchUp } from './side-index';
import { LEAD_SELECT, leadStore, toLead, type FullLeadRow, type LeadRow } from './store/lead-store';
import type { LeadWriter } from './store/lead-writer';
import { touchStore } from './store/touch-store';

type CaptureHandlers = Pick<Handlers, 'badge.parse' | 'capture.scan' | 'capture.manual' | 'capture.recent'>;

/**
 * A handheld scanner often reads the same code twice in a row; a second read of the same
 * payload within this window is the same scan (pretixSCAN does the same).
 */
export const REPEAT_READ_MS = 2000;

/** Longest payload looked up in the roster as a badge id: ids are short, and the lookup is an index probe. */
const ROSTER_ID_MAX = 200;

export interface CaptureRequest {
  eventId: string;
  fields: PersonFields;
  format: BadgeFormat | null;
  raw: string | null;
  source: CaptureSource;
  staff: string | null;
  /** A note typed with a manual entry, written in the same transaction as the lead. */
  notes?: string;
  /** The roster entry the payload itself matched (roster first, whatever the payload's shape). */
  entry?: RosterEntryRow;
}

/**
 * The key of a scan that carries neither a badge id nor an email: a hash of the normalized
 * payload, so a rescan of the same card is the same lead. A hash, because payloads run to
 * 256 KiB and the key is indexed.
 */
function scanKey(raw: string): string {
  return createHash('sha256').update(payloadKey(raw)).digest('base64url');
}

export function captureService(deps: CoreDeps, events: EventStore, settings: SettingsStore, writer: LeadWriter, links: CatchUp) {
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const roster = rosterStore(deps.sqlite);

  function findExisting(eventId: string, fields: PersonFields, key: string | null): FullLeadRow | undefined {
    return (
      (fields.badgeId ? leads.findByBadge(eventId, fields.badgeId) : undefined) ??
      (fields.email ? leads.findByEmail(eventId, fields.email) : undefined) ??
      (key ? leads.findByPayload(eventId, key) : undefined)
    );
  }

  const write = writer.transaction((req: CaptureRequest, now: number): CaptureResult => {
    // Read in the write transaction: a separate read transaction costs as much as the lookup.
    const isSeminar = events.get(req.eventId).kind === 'seminar';
    const entry = req.entry ?? (req.fields.badgeId ? roster.find(req.eventId, req.fields.badgeId) : undefined);
    const fields = completeName(entry ? preferFirst(roster.fields(entry), req.fields) : req.fields);
    // A bare id at a seminar's door that the roster does not know is a typo or a walk-in: a
    // person decides which, and it never becomes a nameless lead by itself.
    if (isSeminar && !entry && req.format === 'id') {
      throw new AppError('checkin.not_registered', `Badge ${fields.badgeId ?? ''} is not on this seminar's roster`, {
        payload: req.raw,
        badgeId: fields.badgeId ?? null,
      });
    }
    const key = req.raw !== null && !fields.badgeId && !fields.email ? scanKey(req.raw) : null;
    let existing = findExisting(req.eventId, fields, key);
    if (existing && existing.personId === null && existing.deletedAt === null) {
      // A rescan of a lead still waiting for its links (late-links.ts): it and the leads before
      // it are linked first, so this scan is an edit of a linked lead, as at any other time,
      // and 名寄せ folds it the same way. The link may have merged it into an earlier lead.
      links.catchUp();
      existing = findExisting(req.eventId, fields, key);
    }

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

    const touch = {
      kind: checkIn === 'checked_in' || checkIn === 'already_checked_in' ? ('checkin' as const) : ('scan' as const),
      staff: req.staff,
      detail: { source: req.source, format: req.format, payload: req.raw, merged: existing !== undefined },
    };
    const notes = req.notes === undefined ? {} : { notes: existing?.notes ? `${existing.notes}\n${req.notes}` : req.notes };
    const row = existing
      ? writer.change(existing, { ...fillBlanks(existing, fields), ...notes }, touch, now)
      : writer.create(
          {
            id: deps.newId(),
            eventId: req.eventId,
            badgeId: fields.badgeId ?? null,
            fullName: fields.fullName ?? null,
            familyName: fields.familyName ?? null,
            givenName: fields.givenName ?? null,
            familyNameKana: fields.familyNameKana ?? null,
            givenNameKana: fields.givenNameKana ?? null,
            company: fields.company ?? null,
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
            walkIn: checkIn === 'walk_in' ? 1 : 0,
            ...(key ? { payloadKey: key } : {}),
            ...notes,
          },
          touch,
        );
    return result(existing ?? row, existing !== undefined, false, entry !== undefined, checkIn, row);
  });

  /**
   * 名寄せ runs as the write's transaction ends (the writer's afterWrites) and may fold this lead
   * and an earlier one of the same person together: the answer is read after it, before the
   * commit, so the card shows the lead that lives on, with what both had and all their touches.
   * A new lead is linked late (core/late-links.ts), so that happens on a rescan that brought new
   * keys; a write that merged nothing is answered as written, without reading the lead again.
   */
  const writeSettled = deps.sqlite.transaction((req: CaptureRequest, now: number) => {
    const merges = writer.merges();
    const out = write(req, now);
    return writer.merges() === merges ? out : afterDuplicates(out);
  });

  function afterDuplicates(out: CaptureResult): CaptureResult {
    let row = leads.get(out.lead.id);
    for (let hops = 0; row?.mergedInto && row.deletedAt !== null && hops < 20; hops++) row = leads.get(row.mergedInto);
    if (!row || (row.id === out.lead.id && row.touchCount === out.lead.touchCount)) return out;
    // Folded together: the person's first scan is the earliest of the touches both leads brought.
    const first = firstRead.get(row.id) as { at: number; staff: string | null } | undefined;
    return {
      ...out,
      lead: toLead(row),
      merged: true,
      firstCapturedAt: iso(first?.at ?? row.capturedAt),
      firstCapturedBy: first ? first.staff : row.capturedBy,
    };
  }
  const firstRead = deps.sqlite.prepare(
    "SELECT at, staff FROM touches WHERE lead_id = ? AND kind IN ('scan', 'checkin') ORDER BY at, rowid LIMIT 1",
  );

  /** `first` answers who captured the person first; `now` is the lead as it is after this scan. */
  function result(
    first: LeadRow,
    merged: boolean,
    repeatRead: boolean,
    fromRoster: boolean,
    checkIn: CaptureResult['checkIn'],
    now: LeadRow = first,
  ): CaptureResult {
    return {
      lead: toLead(now),
      merged,
      firstCapturedAt: iso(first.capturedAt),
      firstCapturedBy: first.capturedBy,
      repeatRead,
      fromRoster,
      checkIn,
    };
  }

  /** The whole pipeline after parsing: roster lookup, find existing, one transaction. */
  function capture(req: CaptureRequest): CaptureResult {
    const staff = req.staff ?? settings.get().staffName;
    const out = writeSettled.immediate({ ...req, staff }, deps.clock());
    if (!out.repeatRead) deps.emit('lead.captured', out);
    return out;
  }

  /**
   * The roster decides first: a payload that is an attendee's badge id is that attendee,
   * whatever its shape (`VIP-A`, `GUEST`, a number the parser would call text).
   */
  function rosterMatch(eventId: string, payload: string): RosterEntryRow | undefined {
    if (payload.length > ROSTER_ID_MAX) return undefined;
    const id = cleanText(payload);
    return id ? roster.find(eventId, id) : undefined;
  }

  function scan(eventId: string, payload: string, source: CaptureSource, staff: string | null): CaptureResult {
    const entry = rosterMatch(eventId, payload);
    const parsed = parseBadge(payload);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
    const badge: ParsedBadge = entry ? { ...parsed.badge, format: 'id', badgeId: entry.badgeId } : parsed.badge;
    if (!entry && !isKnownBadge(badge)) {
      // A fragment or stray text is no lead until a person decides (enter by hand, or discard).
      throw new AppError('badge.unrecognized', 'Not a badge format LeadBooth knows', { payload });
    }
    const { format, raw, ...fields } = badge;
    return capture({ eventId, fields, format, raw, source, staff, entry });
  }

  const recent = deps.sqlite.prepare(`
    SELECT t.id AS touchId, t.kind, t.at, t.staff, ${LEAD_SELECT}
    FROM touches t JOIN leads l ON l.id = t.lead_id
    WHERE t.event_id = ? AND t.kind IN ('scan', 'checkin') AND l.deleted_at IS NULL ORDER BY t.at DESC, t.id DESC LIMIT ?`);

  const handlers: CaptureHandlers = {
    'badge.parse': ({ payload }) => {
      const parsed = parseBadge(payload);
      if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
      return parsed.badge;
    },
    'capture.scan': ({ eventId, payload, source, staff }) => scan(eventId, payload, source, staff ?? null),
    'capture.manual': ({ eventId, fields, notes, staff }) => {
      const clean = cleanPerson(fields);
      if (!clean.fullName && !clean.familyName && !clean.givenName && !clean.email && !clean.badgeId) {
        throw new AppError('capture.manual_empty', 'A manual lead needs at least a name, an email or a badge id');
      }
      return capture({ eventId, fields: clean, format: null, raw: null, source: 'manual', staff: staff ?? null, ...(notes ? { notes } : {}) });
    },
    'capture.recent': ({ eventId, limit }) =>
      (recent.all(eventId, limit) as (LeadRow & { touchId: string; kind: 'scan'; at: number; staff: string | null })[]).map(
        ({ touchId, kind, at, staff, ...row }) => ({ touchId, kind, at: iso(at), staff, lead: toLead(row as LeadRow) }),
      ),
  };

  return { handlers, scan };
}
