import { z } from 'zod';
import { Id, StaffName } from '../model';
import { isTimeZone } from '../handoff/local-time';
import { proc } from '../proc';

/**
 * The seminar door: find a registrant by badge id, name, reading, email or company, check them
 * in through the capture pipeline, and see who has come. CaptureResult lives in shared/api.ts,
 * which merges this file, so door.checkIn is made there from `doorCheckIn(CaptureResult)`.
 */

export const DoorList = z.enum(['registered', 'attended', 'walk_ins', 'not_arrived']);
export type DoorList = z.infer<typeof DoorList>;

/** One person on a door list: a roster entry, or a walk-in (a lead not on the roster). */
export const DoorPerson = z.object({
  kind: z.enum(['registered', 'walk_in']),
  /** Roster entries have one; a walk-in may not. */
  badgeId: z.string().nullable(),
  /** The walk-in's lead, or the checked-in registrant's lead. */
  leadId: z.string().nullable(),
  fullName: z.string().nullable(),
  familyName: z.string().nullable(),
  givenName: z.string().nullable(),
  familyNameKana: z.string().nullable(),
  givenNameKana: z.string().nullable(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  /** Check-in time (a walk-in: when they were entered). */
  checkedInAt: z.iso.datetime().nullable(),
  /** Who checked them in, from the check-in touch. */
  checkedInBy: z.string().nullable(),
});
export type DoorPerson = z.infer<typeof DoorPerson>;

export const DoorCounts = z.object({
  registered: z.number().int(),
  attended: z.number().int(),
  walk_ins: z.number().int(),
  not_arrived: z.number().int(),
});
export type DoorCounts = z.infer<typeof DoorCounts>;

const Query = z.string().max(200);

export const doorApi = {
  /** Registrants matching what was typed, an exact badge id first. */
  'door.find': proc(
    z.object({ eventId: Id, query: Query, limit: z.number().int().min(1).max(50).default(10) }),
    z.object({
      /** The query is a registrant's badge id (ignoring case and width): rows[0] is them. */
      exact: z.boolean(),
      rows: z.array(DoorPerson),
    }),
  ),
  'door.list': proc(
    z.object({
      eventId: Id,
      list: DoorList,
      query: Query.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.object({ total: z.number().int(), rows: z.array(DoorPerson) }),
  ),
  /** Each list's size, under the same filter text. */
  'door.counts': proc(z.object({ eventId: Id, query: Query.optional() }), DoorCounts),
  'door.attendanceCsv': proc(
    z.object({
      eventId: Id,
      /** The language of the two columns LeadBooth adds; the roster's own headers stay as the file had them. */
      language: z.enum(['ja', 'en']).default('ja'),
      /** IANA zone for the check-in time; the device's when absent. */
      timeZone: z.string().max(100).refine(isTimeZone, 'Unknown time zone').optional(),
    }),
    z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), rows: z.number().int() }),
  ),
};

/**
 * Checks a registrant in by badge id, through the capture pipeline. An id not on the roster
 * makes nothing: the answer says so, and a person decides whether it is a walk-in.
 */
export const doorCheckIn = <R extends z.ZodType>(captureResult: R) =>
  proc(
    z.object({ eventId: Id, badgeId: z.string().trim().min(1).max(500), staff: StaffName.optional() }),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('not_in_roster'), badgeId: z.string() }),
      z.object({ status: z.literal('captured'), result: captureResult }),
    ]),
  );
