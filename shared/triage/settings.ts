import { z } from 'zod';
import { AssignmentRules, OwnerEmail } from './assign';
import { DEFAULT_FOLLOW_UP_HOURS, FollowUpHours } from './follow-up';
import { DEFAULT_REJECTION_REASONS, MqlThresholds, RejectionReason } from './status';

/**
 * The triage settings a marketer edits, stored as one JSON value in the settings table. Every
 * field has a default so `TriageSettings.parse({})` is a working setup, and a value saved by an
 * older version (without a newer field) still parses. Scoring rules are a separate value
 * (rules.ts): they are exported, imported and versioned on their own.
 */

export const RejectionReasons = z
  .array(RejectionReason)
  .min(1)
  .max(50)
  .superRefine((reasons, ctx) => {
    const keys = new Set(reasons.map((r) => r.key));
    if (keys.size !== reasons.length) ctx.addIssue({ code: 'custom', message: 'rejection reason keys must be unique' });
  });

export const TriageSettings = z.object({
  // prefault: a partial object ({ score: 70 }) keeps the default for what it leaves out.
  mql: MqlThresholds.prefault({}),
  /**
   * Saved whole: a grade left out has no clock, which is how a marketer turns one off, so a
   * partial object is not filled in from the defaults.
   */
  followUpHours: FollowUpHours.default(() => ({ ...DEFAULT_FOLLOW_UP_HOURS })),
  /** Keys are stable (stored on leads, sent to CRMs); labels may be edited freely. */
  rejectionReasons: RejectionReasons.default(() => DEFAULT_REJECTION_REASONS.map((r) => ({ key: r.key, label: { ...r.label } }))),
  /** Who takes leads no assignment rule matched; ignored while that owner is inactive. */
  defaultOwner: OwnerEmail.nullable().default(null),
  assignmentRules: AssignmentRules.default(() => []),
});
export type TriageSettings = z.infer<typeof TriageSettings>;
