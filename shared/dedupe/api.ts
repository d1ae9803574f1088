import { z } from 'zod';
import { Event, Id, Lead, StaffName } from '../model';
import { proc } from '../proc';
import { DUPLICATE_RULES } from './rules';

/** The rule that matched a pair, or `manual`: a person merged two leads no rule paired. */
export const DuplicateRule = z.enum([...DUPLICATE_RULES, 'manual']);
export type DuplicateRule = z.infer<typeof DuplicateRule>;

/**
 * A pair's state: suggested (a person decides), merged (one lead of an event folded into the
 * other), linked (leads of two events confirmed as one person), dismissed ("not the same
 * person", remembered), undone (a merge taken back: shown as a suggestion, never merged by
 * itself again).
 */
export const PairState = z.enum(['suggested', 'merged', 'linked', 'dismissed', 'undone']);
export type PairState = z.infer<typeof PairState>;

export const PairScope = z.enum(['event', 'person']);

export const DuplicatePair = z.object({
  a: Lead,
  b: Lead,
  /** event: two leads of one event (a merge); person: two events' leads of one person (a link). */
  scope: PairScope,
  rule: DuplicateRule,
  /** Merged by the rules without a person (the automatic rules). */
  auto: z.boolean(),
  state: PairState,
  /** The merge to undo, for a merged pair. */
  mergeId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateList = z.object({
  total: z.number().int(),
  rows: z.array(DuplicatePair),
});
export type DuplicateList = z.infer<typeof DuplicateList>;

export const MergeResult = z.object({
  /** null when the pair was of two events: their leads were linked to one person, not merged. */
  mergeId: z.string().nullable(),
  survivor: Lead,
  other: Lead,
});
export type MergeResult = z.infer<typeof MergeResult>;

export const ScanResult = z.object({
  /** Candidate pairs found by the rules. */
  pairs: z.number().int(),
  merged: z.number().int(),
  suggested: z.number().int(),
  linked: z.number().int(),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const PersonLead = z.object({ lead: Lead, event: Event.pick({ id: true, name: true, startsOn: true }) });
export type PersonLead = z.infer<typeof PersonLead>;

const pair = { a: Id, b: Id };

// The 名寄せ procedures join the contract here.
export const dedupeApi = {
  'duplicates.list': proc(
    z.object({
      /** One event's pairs (either lead at it); every pair when absent. */
      eventId: Id.optional(),
      /** open: what a person still has to decide (suggested, undone); done: merged and linked. */
      state: z.enum(['open', 'done', 'all']).default('open'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    DuplicateList,
  ),
  /** Confirms a pair: the same person. One event's pair is merged into `survivorId`; two events' are linked. */
  'duplicates.merge': proc(z.object({ ...pair, survivorId: Id, staff: StaffName.optional() }), MergeResult),
  /** "Not the same person": remembered, never merged or suggested again. */
  'duplicates.dismiss': proc(z.object({ ...pair, staff: StaffName.optional() }), z.object({ state: PairState })),
  'duplicates.scan': proc(z.object({ eventId: Id.optional() }), ScanResult),
  'leads.merge': proc(z.object({ survivorId: Id, otherId: Id, staff: StaffName.optional() }), MergeResult),
  'leads.unmerge': proc(z.object({ mergeId: Id, staff: StaffName.optional() }), z.object({ survivor: Lead, restored: Lead })),
  /** The person's leads at other events (the Triage detail panel), newest first. */
  'person.leads': proc(z.object({ leadId: Id }), z.array(PersonLead)),
};
