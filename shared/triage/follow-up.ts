import { z } from 'zod';
import type { Grade } from './grade';
import type { LeadStatus } from './status';

/**
 * The follow-up clock: how soon after the scan someone should contact a lead, by grade. The
 * clock starts at the scan, not at MQL, because a booth visitor's memory of the conversation
 * fades from the moment they walk away.
 */

/** Up to 90 days: beyond that it is a nurture plan, not a follow-up. */
const Hours = z.number().positive().max(24 * 90);

/** Hours from the scan to the follow-up, by grade; a grade left out has no clock. */
export const FollowUpHours = z.object({ A: Hours.optional(), B: Hours.optional(), C: Hours.optional(), D: Hours.optional() });
export type FollowUpHours = z.infer<typeof FollowUpHours>;

/** A within 24 hours, B within 48; C and D have no clock (they are nurtured, not called). */
export const DEFAULT_FOLLOW_UP_HOURS: Readonly<FollowUpHours> = { A: 24, B: 48 };

const HOUR_MS = 3_600_000;

/** When a lead of `grade` captured at `capturedAt` (ms) is due for follow-up (ms), or null when its grade has no clock. */
export function followUpDue(grade: Grade, capturedAt: number, hoursByGrade: FollowUpHours = DEFAULT_FOLLOW_UP_HOURS): number | null {
  const hours = hoursByGrade[grade];
  return hours === undefined ? null : capturedAt + hours * HOUR_MS;
}

/**
 * The statuses still waiting on a first contact. MQL counts: it has been handed to sales but
 * nobody has reached the person yet, which is exactly when a follow-up slips. Once sales accepts
 * (SAL) the visit is arranged; rejected, nurture and disqualified are no longer being chased.
 * Exported so the Triage screen's "overdue" filter (SQL) uses the same list.
 */
export const AWAITING_FOLLOW_UP: readonly LeadStatus[] = ['new', 'working', 'mql'];

/** True when the follow-up time has passed (strictly) and the lead is still waiting on one. */
export function isOverdue(due: number | null, status: LeadStatus, now: number): boolean {
  return due !== null && due < now && AWAITING_FOLLOW_UP.includes(status);
}
