import { z } from 'zod';
import { ConnectorName } from '../delivery/connectors';
import { Id, Lead, Rating, StaffName, Touch } from '../model';
import { proc } from '../proc';
import { OptionValue, QuestionKey } from '../qualify/form';
import { Owner, OwnerEmail } from './assign';
import { Grade } from './grade';
import { Evaluation, RuleSet } from './rules';
import { TriageSettings } from './settings';
import { LeadStatus, StatusChange } from './status';

/**
 * The triage procedures: the marketer's table over every lead, the detail panel, bulk actions,
 * saved views, and the rules, owners and thresholds that drive score, grade, status and owner.
 */

/** Columns the Triage table sorts by. Ties are broken by the lead id, so paging is stable. */
export const TriageSortColumn = z.enum([
  'capturedAt', 'updatedAt', 'score', 'grade', 'status', 'name', 'company', 'title', 'rating', 'owner',
  'capturedBy', 'followUpDue', 'event',
]);
export type TriageSortColumn = z.infer<typeof TriageSortColumn>;

export const TriageSort = z.object({
  column: TriageSortColumn.default('capturedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type TriageSort = z.infer<typeof TriageSort>;

export const DeliveryFilterState = z.enum(['pending', 'done', 'attention', 'not_queued']);

/** Every filter is optional; given ones all hold (AND); the values inside one filter are alternatives (OR). */
export const TriageFilter = z.object({
  eventIds: z.array(Id).max(100).optional(),
  statuses: z.array(LeadStatus).optional(),
  /** 'none': not rated. */
  ratings: z.array(z.union([Rating, z.literal('none')])).optional(),
  grades: z.array(Grade).optional(),
  scoreMin: z.number().int().min(0).max(100).optional(),
  scoreMax: z.number().int().min(0).max(100).optional(),
  /** Owner emails; null stands for "no owner". */
  owners: z.array(OwnerEmail.nullable()).max(200).optional(),
  /** Who captured the lead (staff names). */
  staff: z.array(StaffName).max(200).optional(),
  /** Each entry: the question's answer is one of these option values (multiple choice: any chosen). */
  answers: z.array(z.object({ question: QuestionKey, anyOf: z.array(OptionValue).min(1).max(50) })).max(20).optional(),
  consent: z.enum(['given', 'none']).optional(),
  delivery: z.object({ connector: ConnectorName, state: DeliveryFilterState }).optional(),
  capturedFrom: z.iso.datetime().optional(),
  capturedTo: z.iso.datetime().optional(),
  /** The follow-up its grade asks for is past due and nobody has moved the lead on (shared/triage/follow-up.ts). */
  overdue: z.boolean().optional(),
  /** Marked ready to send by a person (true) or not (false). */
  ready: z.boolean().optional(),
  /** Full-text: hiragana finds katakana, half-width finds full-width (やまだ finds ヤマダ). */
  query: z.string().max(200).optional(),
  /** The lead's account is on the target-account list (true) or not (false). */
  isTarget: z.boolean().optional(),
  /** Leads of these accounts (the Accounts screen's "show in Triage"). */
  accountIds: z.array(Id).max(200).optional(),
});
export type TriageFilter = z.infer<typeof TriageFilter>;

export const TriageQuery = z.object({
  filter: TriageFilter.default({}),
  sort: TriageSort.default({ column: 'capturedAt', dir: 'desc' }),
  /** The cursor of the previous page (keyset paging: never OFFSET over 100,000 rows). */
  after: z.string().max(1000).nullable().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TriageQuery = z.infer<typeof TriageQuery>;

export const TriagePage = z.object({
  rows: z.array(Lead),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
  /** Exact when totalExact; otherwise a lower bound (counting stops where a person stops reading). */
  total: z.number().int(),
  totalExact: z.boolean(),
});
export type TriagePage = z.infer<typeof TriagePage>;

/** A selection: these leads, or every lead the filter matches now. */
export const TriageTarget = z.union([
  z.object({ ids: z.array(Id).min(1).max(100_000) }),
  z.object({ filter: TriageFilter }),
]);
export type TriageTarget = z.infer<typeof TriageTarget>;

export const BulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), to: LeadStatus, reason: z.string().max(100).optional() }),
  z.object({ kind: z.literal('owner'), owner: OwnerEmail.nullable() }),
  /** Runs the assignment rules on each lead (first match wins; teams round-robin). */
  z.object({ kind: z.literal('assign') }),
  z.object({ kind: z.literal('rating'), rating: Rating.nullable() }),
  z.object({ kind: z.literal('ready'), ready: z.boolean() }),
  z.object({ kind: z.literal('delete') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkResult = z.object({
  changed: z.number().int(),
  /** Already so (same status, same owner…): nothing written. */
  unchanged: z.number().int(),
  /** Refused, e.g. an illegal status transition; the first few with their code. */
  refused: z.number().int(),
  problems: z.array(z.object({ id: Id, code: z.string() })).max(20),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const SavedView = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  filter: TriageFilter,
  sort: TriageSort,
});
export type SavedView = z.infer<typeof SavedView>;

/** Everything the detail panel shows of one lead beyond its fields. */
export const LeadDetail = z.object({
  lead: Lead,
  touches: z.array(Touch),
  statusHistory: z.array(StatusChange),
  /** The evaluation that produced the stored score and grade: each rule that fired, and what lifts the grade. */
  explanation: Evaluation,
  /** When its grade's follow-up is overdue now. */
  overdue: z.boolean(),
});
export type LeadDetail = z.infer<typeof LeadDetail>;

export const RulesDocument = z.object({
  scoring: RuleSet,
  triage: TriageSettings,
});
export type RulesDocument = z.infer<typeof RulesDocument>;

export const triageApi = {
  'triage.query': proc(TriageQuery, TriagePage),
  'triage.bulk': proc(z.object({ target: TriageTarget, action: BulkAction, staff: StaffName.optional() }), BulkResult),
  'triage.views.list': proc(z.object({}), z.array(SavedView)),
  'triage.views.save': proc(SavedView.omit({ id: true }).extend({ id: Id.optional() }), SavedView),
  'triage.views.delete': proc(z.object({ id: Id }), z.object({ deleted: z.boolean() })),

  'leads.detail': proc(z.object({ id: Id }), LeadDetail),
  /** A person's status change; rejected needs a reason from the list (status.reason_required). */
  'leads.setStatus': proc(
    z.object({ id: Id, to: LeadStatus, reason: z.string().max(100).optional(), staff: StaffName.optional() }),
    Lead,
  ),
  'score.explain': proc(z.object({ id: Id }), z.object({ lead: Lead, explanation: Evaluation })),

  'owners.list': proc(z.object({}), z.array(Owner)),
  'owners.save': proc(Owner, Owner),

  'rules.get': proc(z.object({}), RulesDocument),
  /** Saves either part; a change re-scores every lead at once. */
  'rules.save': proc(
    z.object({ scoring: RuleSet.optional(), triage: TriageSettings.optional() }),
    z.object({ rules: RulesDocument, rescored: z.number().int(), becameMql: z.number().int() }),
  ),
};
