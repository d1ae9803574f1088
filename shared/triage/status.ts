import { z } from 'zod';
import { Localized, OptionValue } from '../qualify/form';
import { Grade, Score, gradeAtLeast } from './grade';

/**
 * A lead's place in the demand-generation flow used in Japanese B2B marketing:
 * new → working → MQL (handed to sales) → SAL (sales accepted to visit, the KPI) or rejected
 * (with a reason) → recycled to nurture; disqualified from any point. Pure rules only: the lead
 * writer checks each change here and records it as a StatusChange.
 */

export const LeadStatus = z.enum(['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified']);
export type LeadStatus = z.infer<typeof LeadStatus>;

/**
 * Where each status may go by hand (or from a CRM's verdict). Staying put is always allowed
 * and is not listed. Choices worth knowing:
 * - working never goes back to new: "new" means nobody has looked at the lead yet, and the
 *   untouched-leads count and the follow-up clock rely on that staying true.
 * - rejected and disqualified are the only ways out of SAL: sales may reject a lead after
 *   accepting it (the visit showed no project), but an accepted lead is never un-accepted to MQL.
 * - rejection is sales' verdict on a lead handed to them, so only mql and sal can be rejected;
 *   a lead marketing gives up on before handing it over is nurtured or disqualified instead.
 * - disqualified can be undone (to working or nurture) because a bulk disqualify is easy to
 *   get wrong at the end of a show.
 */
export const TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['working', 'mql', 'disqualified'],
  working: ['mql', 'nurture', 'disqualified'],
  mql: ['sal', 'rejected', 'working', 'disqualified'],
  sal: ['rejected', 'disqualified'],
  rejected: ['nurture', 'working', 'disqualified'],
  nurture: ['working', 'mql', 'disqualified'],
  disqualified: ['working', 'nurture'],
};

export const StatusErrorCode = z.enum(['status.illegal_transition', 'status.reason_required', 'status.reason_unknown']);
export type StatusErrorCode = z.infer<typeof StatusErrorCode>;

/** A reason from the editable list: a stable key (stored on the lead, sent to CRMs) and its labels. */
export const RejectionReason = z.object({ key: OptionValue, label: Localized });
export type RejectionReason = z.infer<typeof RejectionReason>;

const reason = (key: string, ja: string, en: string): RejectionReason => ({ key, label: { ja, en } });

/** The list every install starts with; the marketer may relabel, add and remove in Settings. */
export const DEFAULT_REJECTION_REASONS: readonly RejectionReason[] = [
  reason('no_contact', '連絡がつかない', 'Could not reach'),
  reason('no_budget', '予算なし', 'No budget'),
  reason('too_early', '時期尚早', 'Too early'),
  reason('competitor_chosen', '競合決定済み', 'Chose a competitor'),
  reason('existing_customer', '既存顧客', 'Existing customer'),
  reason('duplicate', '重複', 'Duplicate'),
  reason('not_target', '対象外', 'Not a target'),
  reason('other', 'その他', 'Other'),
];

/**
 * The statuses that carry a reason from the list. A rejection must say why: that verdict is what
 * improves the scoring rules. A disqualification may: it is often done in bulk on leads whose
 * reason is obvious (students, competitors, test scans), and demanding one there would only
 * produce "other".
 */
export const REASON_REQUIRED: ReadonlySet<LeadStatus> = new Set(['rejected']);
export const REASON_ALLOWED: ReadonlySet<LeadStatus> = new Set(['rejected', 'disqualified']);

/**
 * Whether a lead may move from `from` to `to` with `reason` (a key of `reasons`): null when it
 * may, else the error code. Staying in the same status is a no-op, never an error; only a reason
 * given with it is checked, so correcting the reason of a rejected lead is validated too. A
 * reason given for a status that carries none is not an error: the writer drops it.
 */
export function checkTransition(
  from: LeadStatus,
  to: LeadStatus,
  reason: string | null | undefined,
  reasons: readonly RejectionReason[] = DEFAULT_REJECTION_REASONS,
): StatusErrorCode | null {
  if (from !== to && !TRANSITIONS[from].includes(to)) return 'status.illegal_transition';
  const given = reason != null && reason !== '';
  if (!given) return from !== to && REASON_REQUIRED.has(to) ? 'status.reason_required' : null;
  if (REASON_ALLOWED.has(to) && !reasons.some((r) => r.key === reason)) return 'status.reason_unknown';
  return null;
}

/**
 * The reason key a person or a CRM meant: the key itself, or a label in either language
 * (`--reason 予算なし`, HubSpot's "No budget"), compared without case or surrounding space.
 * Undefined when nothing in the list matches, so the caller can refuse or fall back to `other`.
 */
export function resolveReason(text: string, reasons: readonly RejectionReason[] = DEFAULT_REJECTION_REASONS): string | undefined {
  const wanted = text.normalize('NFKC').trim().toLowerCase();
  if (wanted === '') return undefined;
  const same = (s: string) => s.normalize('NFKC').trim().toLowerCase() === wanted;
  return reasons.find((r) => same(r.key) || same(r.label.ja) || same(r.label.en))?.key;
}

/** A reason's label in `lang`; a key no longer in the list still reads as itself. */
export function reasonLabel(key: string, lang: keyof Localized, reasons: readonly RejectionReason[] = DEFAULT_REJECTION_REASONS): string {
  return reasons.find((r) => r.key === key)?.label[lang] ?? key;
}

/** When a lead becomes MQL by itself; by default grade B or better and score 60 or more. */
export const MqlThresholds = z.object({ grade: Grade.default('B'), score: Score.default(60) });
export type MqlThresholds = z.infer<typeof MqlThresholds>;

/** The statuses a lead may become MQL from by itself: before anyone handed it to sales. */
const AUTO_MQL_FROM: ReadonlySet<LeadStatus> = new Set(['new', 'working', 'nurture']);

/** Grade and score both at or past the MQL thresholds. */
export function passesMql(lead: { grade: Grade; score: number }, thresholds: MqlThresholds): boolean {
  return gradeAtLeast(lead.grade, thresholds.grade) && lead.score >= thresholds.score;
}

/**
 * The status a lead should have after its grade or score changed: MQL once both pass the
 * thresholds, from new, working or nurture only. Never demotes: a lead whose score drops stays
 * MQL (someone may already be calling), and a person's verdict (SAL, rejected, disqualified)
 * is never overridden by rules.
 */
export function autoStatus(
  lead: { status: LeadStatus; grade: Grade; score: number },
  thresholds: MqlThresholds,
): LeadStatus {
  return passesMql(lead, thresholds) && AUTO_MQL_FROM.has(lead.status) ? 'mql' : lead.status;
}

export const StatusSource = z.enum(['app', 'cli', 'crm:hubspot', 'crm:salesforce', 'crm:mautic', 'rules']);
export type StatusSource = z.infer<typeof StatusSource>;

/** One line of a lead's status history: who moved it, when, from where to where, and why. */
export const StatusChange = z.object({
  from: LeadStatus,
  to: LeadStatus,
  reason: z.string().nullable(),
  /** The staff name, owner email or CRM user; null when the rules moved it. */
  actor: z.string().nullable(),
  /** True when the MQL thresholds moved it, not a person. */
  auto: z.boolean(),
  source: StatusSource,
  at: z.iso.datetime(),
});
export type StatusChange = z.infer<typeof StatusChange>;
