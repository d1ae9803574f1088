import { companyKey } from '../normalize/company';
import type { ScoringSubject } from '../triage/condition';
import { emailDomain } from '../triage/free-mail';
import { followUpDue, type FollowUpHours } from '../triage/follow-up';
import type { Grade } from '../triage/grade';
import type { Scorer } from '../triage/rules';
import type { Answers } from '../qualify/answers';

/**
 * Values derived from a lead, recomputed by the lead writer on every write (and by the
 * re-score after a rule change) so no path can leave them stale. Pure: the rules and the
 * target-account list come in as values.
 */
export type DerivableLead = Omit<ScoringSubject, 'isTarget'> & { capturedAt: number };
/** A lead's own fields as derivation reads them, its answers given apart (a re-score parses each distinct set once). */
export type LeadFacts = Omit<DerivableLead, 'answers'>;

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
  return derive(lead, lead.answers, companyKey(lead.company) ?? null, rules);
}

function derive(lead: LeadFacts, answers: Answers, key: string | null, rules: DeriveRules): DerivedValues {
  const isTarget = isTargetLead({ companyKey: key, email: lead.email }, rules);
  // Field by field, not a spread of the lead: a re-score builds 100,000 of these, and a literal
  // of known fields is a fraction of the cost of copying a row with every column.
  const subject: ScoringSubject = {
    badgeId: lead.badgeId, fullName: lead.fullName, familyName: lead.familyName, givenName: lead.givenName,
    familyNameKana: lead.familyNameKana, givenNameKana: lead.givenNameKana, company: lead.company,
    department: lead.department, title: lead.title, email: lead.email, phone: lead.phone, url: lead.url,
    eventId: lead.eventId, rating: lead.rating, answers, consentVersion: lead.consentVersion, status: lead.status,
    touchCount: lead.touchCount, isTarget,
  };
  const { score, grade } = rules.score.values(subject);
  return { companyKey: key, score, grade, followUpDue: followUpDue(grade, lead.capturedAt, rules.followUpHours) };
}

/** Distinct company names remembered by one deriver: a show's leads name a few thousand. */
const COMPANY_MEMO_MAX = 50_000;

/**
 * `deriveLead` for many leads under one set of rules (a re-score): the company key, the same
 * for every lead of one company, is worked out once per distinct name. The same values as
 * `deriveLead`, lead by lead.
 */
export function leadDeriver(rules: DeriveRules): (lead: LeadFacts, answers: Answers) => DerivedValues {
  const keys = new Map<string, string | null>();
  const keyOf = (company: string): string | null => {
    let key = keys.get(company);
    if (key === undefined) {
      key = companyKey(company) ?? null;
      if (keys.size >= COMPANY_MEMO_MAX) keys.clear();
      keys.set(company, key);
    }
    return key;
  };
  return (lead, answers) => derive(lead, answers, lead.company ? keyOf(lead.company) : null, rules);
}
