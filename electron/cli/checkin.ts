import type { Output } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Call } from './export';

export interface CheckinArgs {
  eventId: string;
  idOrName: string;
  staff?: string | undefined;
}

/**
 * `leadbooth checkin ID_OR_NAME --event ID [--staff NAME]`: a badge id, or a name, reading,
 * email or company that names exactly one registrant. Several matches are listed on stderr
 * and nobody is checked in; nothing on the roster is an error, never a walk-in (that needs a
 * person's details: `capture`).
 */
export async function checkinCommand(call: Call, args: CheckinArgs, warn: (line: string) => void) {
  const found = (await call('door.find', { eventId: args.eventId, query: args.idOrName, limit: 10 })) as Output<'door.find'>;
  const target = found.exact || found.rows.length === 1 ? found.rows[0] : undefined;
  if (!target?.badgeId) {
    if (found.rows.length > 1) {
      for (const row of found.rows) warn(JSON.stringify({ badgeId: row.badgeId, fullName: row.fullName, company: row.company }));
      throw new AppError('door.ambiguous', `More than one registrant matches "${args.idOrName}"; give the badge id`);
    }
    throw new AppError('door.not_in_roster', `Nobody on the roster matches "${args.idOrName}"`);
  }
  const out = (await call('door.checkIn', {
    eventId: args.eventId,
    badgeId: target.badgeId,
    ...(args.staff ? { staff: args.staff } : {}),
  })) as Output<'door.checkIn'>;
  if (out.status === 'not_in_roster') throw new AppError('door.not_in_roster', `${out.badgeId} is not on the roster`);
  const { lead, checkIn } = out.result;
  return { checkIn, id: lead.id, badgeId: lead.badgeId, fullName: lead.fullName, company: lead.company, staff: lead.capturedBy };
}
