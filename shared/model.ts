import { z } from 'zod';
import { Answers } from './qualify/answers';
import { Grade, Score } from './triage/grade';
import { LeadStatus } from './triage/status';

/** Domain schemas. Every type in the app is z.infer of one of these. */

export const Id = z.string().min(1).max(64);

export const EventKind = z.enum(['tradeshow', 'seminar']);
export type EventKind = z.infer<typeof EventKind>;

export const EventInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: EventKind.default('tradeshow'),
  venue: z.string().trim().max(200).optional(),
  startsOn: z.iso.date().optional(),
  endsOn: z.iso.date().optional(),
});

export const Event = z.object({
  id: Id,
  name: z.string(),
  kind: EventKind,
  venue: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Event = z.infer<typeof Event>;

export const EventSummary = Event.extend({
  registered: z.number().int(),
  checkedIn: z.number().int(),
  walkIns: z.number().int(),
  leads: z.number().int(),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const BadgeFormat = z.enum(['vcard', 'mecard', 'bizcard', 'json', 'url', 'id', 'text']);
export type BadgeFormat = z.infer<typeof BadgeFormat>;

/** Longest value kept in any one person field; the raw payload always keeps everything. */
export const FIELD_MAX = 500;
const field = z.string().max(FIELD_MAX);

/** The person fields a badge, a roster row or a manual entry can carry. */
export const PersonFields = z.object({
  badgeId: field.optional(),
  fullName: field.optional(),
  familyName: field.optional(),
  givenName: field.optional(),
  familyNameKana: field.optional(),
  givenNameKana: field.optional(),
  company: field.optional(),
  department: field.optional(),
  title: field.optional(),
  email: field.optional(),
  phone: field.optional(),
  url: z.string().max(2000).optional(),
});
export type PersonFields = z.infer<typeof PersonFields>;
export const PERSON_FIELD_NAMES = Object.keys(PersonFields.shape) as (keyof PersonFields)[];

export const ParsedBadge = PersonFields.extend({
  format: BadgeFormat,
  raw: z.string(),
});
export type ParsedBadge = z.infer<typeof ParsedBadge>;

export const Rating = z.enum(['hot', 'warm', 'cold']);
export type Rating = z.infer<typeof Rating>;

export const CaptureSource = z.enum(['camera', 'scanner', 'manual', 'cli', 'roster']);
export type CaptureSource = z.infer<typeof CaptureSource>;

const nullableField = field.nullable();
export const Lead = z.object({
  id: Id,
  eventId: Id,
  badgeId: nullableField,
  fullName: nullableField,
  familyName: nullableField,
  givenName: nullableField,
  familyNameKana: nullableField,
  givenNameKana: nullableField,
  company: nullableField,
  companyKey: nullableField,
  department: nullableField,
  title: nullableField,
  email: nullableField,
  phone: nullableField,
  url: z.string().nullable(),
  sourceFormat: BadgeFormat.nullable(),
  source: CaptureSource,
  rawPayload: z.string().nullable(),
  capturedBy: z.string().nullable(),
  capturedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  rating: Rating.nullable(),
  notes: z.string().nullable(),
  status: LeadStatus,
  walkIn: z.boolean(),
  /** Answers to the event's qualification form, by question key. */
  answers: Answers,
  /** The consent text version the person agreed to, and when; null: no consent recorded. */
  consentVersion: z.string().nullable(),
  consentAt: z.iso.datetime().nullable(),
  /** A deleted lead is kept (soft delete) so the delete can be undone. */
  deletedAt: z.iso.datetime().nullable(),
  /** Interest, 0–100, and fit, A–D: derived by the lead writer from the lead and the scoring rules. */
  score: Score,
  grade: Grade,
  /** The owner's email (Settings → owners), or null. */
  owner: z.string().nullable(),
  /** Scans and check-ins of this person at this event. */
  touchCount: z.number().int().min(0),
  /** When a person marked the lead ready to send; null: not marked. */
  readyAt: z.iso.datetime().nullable(),
  /** When the follow-up its grade asks for is due (A within 24 h of the scan…); null: none asked. */
  followUpDue: z.iso.datetime().nullable(),
  statusAt: z.iso.datetime().nullable(),
  /** The rejection reason's key while the status is rejected. */
  rejectionReason: z.string().nullable(),
  /** The company this lead belongs to (ABM, derived by the lead writer), or null without a company or corporate domain. */
  accountId: z.string().nullable(),
  /** The one human behind this lead across events (名寄せ). */
  personId: z.string().nullable(),
});
export type Lead = z.infer<typeof Lead>;

export const TouchKind = z.enum(['scan', 'checkin', 'edit', 'merge', 'note', 'import', 'delete', 'restore', 'photo']);
export type TouchKind = z.infer<typeof TouchKind>;

export const Touch = z.object({
  id: Id,
  leadId: Id,
  kind: TouchKind,
  staff: z.string().nullable(),
  device: z.string().nullable(),
  at: z.iso.datetime(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type Touch = z.infer<typeof Touch>;

export const StaffName = z.string().trim().min(1).max(100);
