import type { LeadStatus } from '../triage/status';

/**
 * The dashboard's funnel: captured → qualified → MQL → SAL, and the rejected beside it.
 *
 * It reads each lead's status now, not its history: a lead is counted at MQL while marketing
 * has handed it to sales (mql, or sales' verdict on it: sal or rejected). A rejected lead sent
 * back to nurture, or a disqualified one, has left the funnel; the status history
 * (status_changes) would say it once passed, but reading it for 100,000 leads costs more than
 * the dashboard may take, and "where are the leads now" is what the marketer reports.
 *
 * The stages nest: a lead handed to sales counts as qualified even if nobody rated it or
 * answered a question (the rules made it MQL), so every bar is within the one before it.
 */

export const FUNNEL_STAGES = ['captured', 'qualified', 'mql', 'sal'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The statuses of a lead marketing has handed to sales. */
export const HANDED_TO_SALES: readonly LeadStatus[] = ['mql', 'sal', 'rejected'];
/** Sales' verdicts, the two sides of the acceptance rate. */
export const ACCEPTED: LeadStatus = 'sal';
export const REJECTED: LeadStatus = 'rejected';

export interface FunnelSubject {
  rating: string | null;
  /** The lead has at least one answer to its event's form. */
  answered: boolean;
  status: LeadStatus;
}

/** Rated or answered, or already past qualification. */
export function isQualified(lead: FunnelSubject): boolean {
  return lead.rating !== null || lead.answered || HANDED_TO_SALES.includes(lead.status);
}

/** The stages a lead is counted at, in funnel order. */
export function funnelStages(lead: FunnelSubject): FunnelStage[] {
  const stages: FunnelStage[] = ['captured'];
  if (isQualified(lead)) stages.push('qualified');
  if (HANDED_TO_SALES.includes(lead.status)) stages.push('mql');
  if (lead.status === ACCEPTED) stages.push('sal');
  return stages;
}
