import type { CaptureResult, Handlers } from '../../shared/api';
import { bytesToBase64 } from '../../shared/base64';
import type { DoorPerson } from '../../shared/door/api';
import { attendanceRows } from '../../shared/door/attendance';
import { AppError } from '../../shared/errors';
import { toCsv } from '../../shared/handoff/csv-write';
import { localStamp, safeFileStem } from '../../shared/handoff/local-time';
import { t } from '../../shared/i18n';
import { encodeCsv } from './csv-encode';
import type { CoreDeps } from './deps';
import { doorStore } from './door-store';
import { systemTimeZone } from './export';

type DoorHandlers = Pick<Handlers, 'door.find' | 'door.list' | 'door.counts' | 'door.checkIn' | 'door.attendanceCsv'>;

/** The capture pipeline's check-in (capture.scan of the badge id, source `roster`): the only way the door writes. */
export type CheckIn = (eventId: string, badgeId: string, staff: string | null) => CaptureResult;

/** The seminar door: find registrants, check them in, list who came, and the attendance sheet. */
export function doorHandlers(deps: CoreDeps, checkIn: CheckIn): DoorHandlers {
  const store = doorStore(deps.sqlite);

  function event(eventId: string) {
    const found = store.event(eventId);
    if (!found) throw new AppError('event.not_found', `No event with id ${eventId}`);
    return found;
  }

  /**
   * The registrant whose badge id this is: as stored, or as people type it (full-width
   * digits, lower case). Ids are stored NFKC-cleaned by the roster import.
   */
  function registrant(eventId: string, typed: string): DoorPerson | undefined {
    const text = typed.normalize('NFKC').trim();
    for (const candidate of new Set([typed, text, text.toUpperCase()])) {
      const found = store.registrantByBadge(eventId, candidate);
      if (found) return found;
    }
    return undefined;
  }

  return {
    'door.find': ({ eventId, query, limit }) => {
      event(eventId);
      const exact = registrant(eventId, query);
      const rest = store.search(eventId, query, limit).filter((p) => p.badgeId !== exact?.badgeId);
      return { exact: exact !== undefined, rows: (exact ? [exact, ...rest] : rest).slice(0, limit) };
    },
    'door.list': ({ eventId, list, query, offset, limit }) => {
      event(eventId);
      return { total: store.counts(eventId, query)[list], rows: store.list(eventId, list, query, offset, limit) };
    },
    'door.counts': ({ eventId, query }) => {
      event(eventId);
      return store.counts(eventId, query);
    },
    'door.checkIn': ({ eventId, badgeId, staff }) => {
      if (event(eventId).kind !== 'seminar') {
        throw new AppError('door.not_seminar', 'Check-in is for seminars; a trade show captures leads');
      }
      const found = registrant(eventId, badgeId);
      // Not on the roster: a person decides whether this is a walk-in; nothing is written.
      if (!found?.badgeId) return { status: 'not_in_roster', badgeId };
      return { status: 'captured', result: checkIn(eventId, found.badgeId, staff ?? null) };
    },
    'door.attendanceCsv': ({ eventId, language, timeZone }) => {
      const { name } = event(eventId);
      const zone = timeZone ?? systemTimeZone();
      const rows = attendanceRows(store.attendanceImports(eventId), store.attendanceEntries(eventId), {
        timeZone: zone,
        labels: { checkedInAt: t(language, 'door.csv_checked_in_at'), checkedInBy: t(language, 'door.csv_checked_in_by') },
      });
      const { bytes } = encodeCsv(toCsv(rows), 'utf8');
      return {
        fileName: `${safeFileStem(name)}-attendance-${localStamp(deps.clock(), zone)}.csv`,
        mime: 'text/csv; charset=utf-8',
        base64: bytesToBase64(bytes),
        rows: rows.length - 1,
      };
    },
  };
}
