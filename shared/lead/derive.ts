import { companyKey } from '../normalize/company';
import type { ScoringSubject } from '../triage/condition';
import { emailDomain } from '../triage/free-mail';
import { followUpDue, type FollowUpHours } from '../triage/follow-up';
import type { Grade } from '../triage/grade';
import type { Scorer } from '../triage/rules';

/**
 * Values derived from a lead, recomputed by the lead writer on every write (and by the
 * re-score after a rule change) so no path can leave them stale. Pure: the rules and the
 * target-account list come in as values.
 */
export type DerivableLead = Omit<ScoringSubject, 'isTarget'> & { capturedAt: number };

export interface DeriveRules {
  score: Scorer;
  followUpHours: FollowUpHours;
  /** The company (by normalized name) or the email's domain is on the target-account list. */
  isTarget: (companyKey: string | null, domain: string | null) => boolean;
}

export interface DerivedValues {
  companyKey: string | null;
  score: number;
  grade: Grade;
  followUpDue: number | null;
}

/** Whether the lead's company (by its normalized name) or its email's domain is a target account. */
export function isTargetLead(lead: { companyKey: string | null; email: string | null }, rules: Pick<DeriveRules, 'isTarget'>): boolean {
  return rules.isTarget(lead.companyKey, emailDomain(lead.email) ?? null);
}

export function deriveLead(lead: DerivableLead, rules: DeriveRules): DerivedValues {
  const key = companyKey(lead.company) ?? null;
  const isTarget = isTargetLead({ companyKey: key, email: lead.email }, rules);
  const { score, grade } = rules.score({ ...lead, isTarget });
  return { companyKey: key, score, grade, followUpDue: followUpDue(grade, lead.capturedAt, rules.followUpHours) };
}
