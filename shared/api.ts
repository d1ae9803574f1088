import { z } from 'zod';
import { WireError } from './errors';
import { proc } from './proc';
import {
  CaptureSource, Event, EventInput, EventSummary, Id, Lead, ParsedBadge, PersonFields,
  Rating, StaffName, Touch,
} from './model';
import { accountsApi } from './accounts/api';
import { deliveryApi, deliveryTopics } from './delivery/api';
import { doorApi, doorCheckIn } from './door/api';
import { handoffApi } from './handoff/api';
import { AnswersInput } from './qualify/answers';
import { ConsentVersion, qualifyApi } from './qualify/api';
import { photoApi } from './qualify/photo-api';
import { RejectedRow, RosterEncoding, RosterMapping, RosterPreview } from './roster';
import { triageApi } from './triage/api';
import { cardApi } from './card/api';
import { reportsApi, reportsTopics } from './reports/api';
import { dedupeApi } from './dedupe/api';

export { RosterPreview };

/**
 * The one contract. Every door (Electron IPC, the HTTP host, the CLI) binds exactly these
 * procedures, parses the input with these schemas and answers {ok, data} | {ok:false, error}.
 */

export const Language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  deviceId: z.string(),
  /** null follows the system language. */
  language: Language.nullable(),
  staffName: z.string().nullable(),
  staffNames: z.array(z.string()),
  cameraId: z.string().nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const CheckIn = z.enum(['checked_in', 'already_checked_in', 'walk_in']);

export const CaptureResult = z.object({
  lead: Lead,
  /** True when the person was already a lead of this event: no second lead was made. */
  merged: z.boolean(),
  firstCapturedAt: z.iso.datetime(),
  firstCapturedBy: z.string().nullable(),
  /** The same code read again within the repeat window: one scan, no new touch. */
  repeatRead: z.boolean(),
  fromRoster: z.boolean(),
  checkIn: CheckIn.nullable(),
});
export type CaptureResult = z.infer<typeof CaptureResult>;

/**
 * A base64 file up to ~48 MB, enough for a 100,000-row roster several times over. An empty
 * file is allowed through: the decoder says `roster.empty`, which the UI can explain.
 */
const FileBase64 = z.string().max(64 * 1024 * 1024);
/** Badges are small; 256 KiB leaves room for hostile input to be rejected with a code. */
const Payload = z.string().max(512 * 1024);

export const RecentCapture = z.object({
  touchId: Id,
  kind: Touch.shape.kind,
  at: z.iso.datetime(),
  staff: z.string().nullable(),
  lead: Lead,
});
export type RecentCapture = z.infer<typeof RecentCapture>;


export const RosterImportResult = z.object({
  encoding: RosterEncoding,
  added: z.number().int(),
  updated: z.number().int(),
  rejectedCount: z.number().int(),
  /** The first rejected rows with their line and reason; rejectedCount has them all. */
  rejected: z.array(RejectedRow),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;

export const LeadPage = z.object({
  /** Exact when totalExact; otherwise a lower bound (a common search word matched very many). */
  total: z.number().int(),
  totalExact: z.boolean(),
  rows: z.array(Lead),
});
export type LeadPage = z.infer<typeof LeadPage>;

const byId = z.object({ id: Id });

export const api = {
  'app.info': proc(z.object({}), z.object({ version: z.string(), shell: z.enum(['electron', 'browser', 'cli']) })),

  'settings.get': proc(z.object({}), Settings),
  'settings.update': proc(
    z.object({
      language: Language.nullable().optional(),
      staffName: StaffName.nullable().optional(),
      cameraId: z.string().max(500).nullable().optional(),
    }),
    Settings,
  ),

  'events.create': proc(EventInput, Event),
  'events.list': proc(z.object({}), z.array(EventSummary)),
  'events.get': proc(byId, EventSummary),

  'badge.parse': proc(z.object({ payload: Payload }), ParsedBadge),

  'capture.scan': proc(
    z.object({ eventId: Id, payload: Payload, staff: StaffName.optional(), source: CaptureSource.default('scanner') }),
    CaptureResult,
  ),
  'capture.manual': proc(
    z.object({
      eventId: Id,
      fields: PersonFields,
      /** Written with the lead (the text of a scan nobody could read, say); added to an existing lead's notes. */
      notes: z.string().trim().min(1).max(10_000).optional(),
      staff: StaffName.optional(),
    }),
    CaptureResult,
  ),
  'capture.recent': proc(
    z.object({ eventId: Id, limit: z.number().int().min(1).max(200).default(20) }),
    z.array(RecentCapture),
  ),

  'roster.preview': proc(z.object({ file: FileBase64 }), RosterPreview),
  'roster.import': proc(
    z.object({ eventId: Id, file: FileBase64, mapping: RosterMapping.optional() }),
    RosterImportResult,
  ),

  'leads.list': proc(
    z.object({
      eventId: Id,
      query: z.string().max(200).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    LeadPage,
  ),
  'leads.get': proc(byId, z.object({ lead: Lead, touches: z.array(Touch) })),
  'leads.rate': proc(z.object({ id: Id, rating: Rating.nullable(), staff: StaffName.optional() }), Lead),
  /**
   * A person's change to a lead, in one write: the fields given replace the stored ones,
   * `clear` empties some, the rest stay; rating, notes, answers (null clears one) and consent
   * (a version of the event's consent text, or null to withdraw) likewise.
   */
  'leads.update': proc(
    z.object({
      id: Id,
      fields: PersonFields.strict().default({}),
      /** Fields to empty (a wrong email a CRM refused, say). */
      clear: z.array(PersonFields.keyof()).max(20).default([]),
      notes: z.string().max(10_000).nullable().optional(),
      rating: Rating.nullable().optional(),
      answers: AnswersInput.optional(),
      consent: z.object({ version: ConsentVersion }).nullable().optional(),
      staff: StaffName.optional(),
    }),
    Lead,
  ),
  ...qualifyApi,
  ...photoApi,
  ...deliveryApi,
  ...handoffApi,
  ...doorApi,
  'door.checkIn': doorCheckIn(CaptureResult),
  ...triageApi,
  ...cardApi,
  ...reportsApi,
  ...accountsApi,
  ...dedupeApi,
};

export type Api = typeof api;
export type ProcName = keyof Api;
/** What a caller may send (defaults not yet applied). */
export type Input<N extends ProcName> = z.input<Api[N]['input']>;
/** What a handler receives (parsed, defaults applied). */
export type ParsedInput<N extends ProcName> = z.output<Api[N]['input']>;
export type Output<N extends ProcName> = z.output<Api[N]['output']>;
export type Handler<N extends ProcName> = (input: ParsedInput<N>) => Output<N> | Promise<Output<N>>;
export type Handlers = { [N in ProcName]: Handler<N> };

export type Result<T> = { ok: true; data: T } | { ok: false; error: WireError };

/** Events the core pushes to whoever subscribed (the UI). */
export const topics = {
  'roster.progress': z.object({ eventId: Id, done: z.number().int(), total: z.number().int() }),
  'lead.captured': CaptureResult,
  ...deliveryTopics,
  ...reportsTopics,
};
export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicData<T extends TopicName> = z.infer<Topics[T]>;
export type Emit = <T extends TopicName>(topic: T, data: TopicData<T>) => void;

export function isProcName(name: unknown): name is ProcName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
