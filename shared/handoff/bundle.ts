import { z } from 'zod';
import { AppError } from '../errors';
import { Event, Lead, Touch } from '../model';
import { PHOTO_MAX_BYTES, PhotoMime } from '../qualify/photo';
import { StoredAnswer } from '../qualify/answers';
import { QuestionKey } from '../qualify/form';

/**
 * A device bundle: one event's leads (with per-field edit times) and touches, carried by USB
 * stick between booth laptops that have no network. Plain JSON so a person can look inside.
 *
 * `version` changes only when the meaning of a field changes; fields added later are ignored by
 * an older reader (zod strips unknown keys), so adding one needs no new version.
 */

export const BUNDLE_FORMAT = 'leadbooth-bundle';
export const BUNDLE_VERSION = 1;

/**
 * Ids are made by LeadBooth (UUIDv7), so a bundle's ids must look like ids: this keeps markup,
 * paths and control characters out of every key the importer joins on.
 */
const BundleId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/u, 'Not a LeadBooth id');
const Time = z.iso.datetime();

/**
 * The lead fields merged one by one, newest edit wins. The capture fields (when, by whom, the
 * raw payload) are not here: they describe the first scan and travel together (see merge.ts).
 */
export const MERGE_FIELDS = [
  'badgeId', 'fullName', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company',
  'department', 'title', 'email', 'phone', 'url', 'rating', 'notes', 'status', 'walkIn', 'owner',
  'consentVersion', 'consentAt', 'readyAt', 'rejectionReason',
] as const;
/** fieldTimes names an answer's edit time `answers.<question key>`. */
export const ANSWER_TIME_PREFIX = 'answers.';
export const MergeField = z.enum(MERGE_FIELDS);
export type MergeField = z.infer<typeof MergeField>;

/**
 * Score, grade, the follow-up clock, the touch count, the account and the person derive from
 * the lead, the touches and this device's rules and data: the reading device recomputes them,
 * so they do not travel.
 */
export const BundleLead = Lead.omit({
  companyKey: true, deletedAt: true, score: true, grade: true, touchCount: true, followUpDue: true, statusAt: true,
  accountId: true, personId: true,
}).extend({
  id: BundleId,
  eventId: BundleId,
  url: z.string().max(2000).nullable(),
  rawPayload: z.string().max(512 * 1024).nullable(),
  capturedBy: z.string().max(200).nullable(),
  notes: z.string().max(100_000).nullable(),
  owner: z.string().max(200).nullable(),
  consentVersion: z.string().max(100).nullable(),
  consentAt: Time.nullable(),
  // Bundles from before triage carry neither.
  readyAt: Time.nullable().default(null),
  rejectionReason: z.string().max(100).nullable().default(null),
  /**
   * By question key, each timed in fieldTimes as `answers.<key>` (merge.ts). Bundles from before
   * qualification forms carry none. Keys are question keys: they become CSV columns and CRM
   * mapping names on the device that reads the bundle.
   */
  answers: z.record(QuestionKey, StoredAnswer).default({}),
  /**
   * When each field was last edited; a field left out was edited at updatedAt, or never if it
   * is blank. Names this LeadBooth does not merge (added by a later one) are ignored.
   */
  fieldTimes: z.record(z.string().max(64), Time),
});
export type BundleLead = z.infer<typeof BundleLead>;

const DETAIL_MAX = 600 * 1024;
const Detail = Touch.shape.detail.refine((detail) => {
  try {
    return detail === null || JSON.stringify(detail).length <= DETAIL_MAX;
  } catch {
    return false;
  }
}, 'Touch detail too large or not serializable');

export const BundleTouch = Touch.extend({
  id: BundleId,
  leadId: BundleId,
  staff: z.string().max(200).nullable(),
  device: BundleId.nullable(),
  detail: Detail,
});
export type BundleTouch = z.infer<typeof BundleTouch>;

/**
 * A photo of a lead, with its bytes (base64) so the other laptop can show it. A removed photo
 * travels without its bytes: only the removal, so the other laptop removes it too.
 */
export const BundlePhoto = z
  .object({
    id: BundleId,
    leadId: BundleId,
    /** SHA-256 of the bytes, hex; the importer checks the bytes against it. */
    hash: z.string().regex(/^[0-9a-f]{64}$/u),
    mime: PhotoMime,
    bytes: z.number().int().min(1).max(PHOTO_MAX_BYTES),
    addedAt: Time,
    addedBy: z.string().max(200).nullable(),
    deletedAt: Time.nullable(),
    base64: z.string().max(Math.ceil(PHOTO_MAX_BYTES / 3) * 4).nullable(),
  })
  .refine((photo) => photo.deletedAt !== null || photo.base64 !== null, { message: 'A photo without its bytes', path: ['base64'] });
export type BundlePhoto = z.infer<typeof BundlePhoto>;

export const BundleEvent = Event.extend({
  id: BundleId,
  name: z.string().min(1).max(200),
  venue: z.string().max(200).nullable(),
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
});

export const Bundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    /** The exporting device's id (settings.deviceId). */
    device: BundleId,
    exportedAt: Time,
    event: BundleEvent,
    leads: z.array(BundleLead).max(500_000),
    touches: z.array(BundleTouch).max(5_000_000),
    /** Bundles from before card photos carry none. */
    photos: z.array(BundlePhoto).max(100_000).default([]),
  })
  .superRefine((bundle, ctx) => {
    const leadIds = new Set<string>();
    bundle.leads.forEach((lead, i) => {
      if (lead.eventId !== bundle.event.id) {
        ctx.addIssue({ code: 'custom', path: ['leads', i, 'eventId'], message: 'Lead belongs to another event' });
      }
      if (leadIds.has(lead.id)) ctx.addIssue({ code: 'custom', path: ['leads', i, 'id'], message: 'Duplicate lead id' });
      leadIds.add(lead.id);
    });
    const touchIds = new Set<string>();
    bundle.touches.forEach((touch, i) => {
      if (!leadIds.has(touch.leadId)) {
        ctx.addIssue({ code: 'custom', path: ['touches', i, 'leadId'], message: 'Touch of a lead not in the bundle' });
      }
      if (touchIds.has(touch.id)) ctx.addIssue({ code: 'custom', path: ['touches', i, 'id'], message: 'Duplicate touch id' });
      touchIds.add(touch.id);
    });
    const photoIds = new Set<string>();
    bundle.photos.forEach((photo, i) => {
      if (!leadIds.has(photo.leadId)) {
        ctx.addIssue({ code: 'custom', path: ['photos', i, 'leadId'], message: 'Photo of a lead not in the bundle' });
      }
      if (photoIds.has(photo.id)) ctx.addIssue({ code: 'custom', path: ['photos', i, 'id'], message: 'Duplicate photo id' });
      photoIds.add(photo.id);
    });
  });
export type Bundle = z.infer<typeof Bundle>;

const invalid = (message: string, details?: unknown) => new AppError('bundle.invalid', message, details);

/**
 * Reads a bundle file, or throws a coded error: `bundle.invalid` (not a bundle, damaged, or
 * inconsistent) or `bundle.unsupported_version` (made by a newer LeadBooth).
 */
export function parseBundle(bytes: Uint8Array): Bundle {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('The bundle is not UTF-8 text');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('The bundle is not JSON');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw invalid('The file is not a LeadBooth bundle');
  }
  const version = (json as { version?: unknown }).version;
  if (version !== BUNDLE_VERSION) {
    throw new AppError(
      'bundle.unsupported_version',
      `Bundle version ${JSON.stringify(version)?.slice(0, 20)} is not supported (this LeadBooth reads version ${BUNDLE_VERSION})`,
    );
  }
  const parsed = Bundle.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw invalid(`The bundle is damaged: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  return parsed.data;
}
