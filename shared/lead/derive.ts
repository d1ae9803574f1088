import { companyKey } from '../normalize/company';

/**
 * Values derived from a lead's own fields, recomputed by the lead writer on every write so no
 * path can leave them stale. Pure: the next rules (score, grade, automatic status, owner,
 * account) are added here, each as a function of the lead.
 */
export interface DerivableLead {
  company: string | null;
}

export interface DerivedValues {
  companyKey: string | null;
}

export function deriveLead(lead: DerivableLead): DerivedValues {
  return { companyKey: companyKey(lead.company) ?? null };
}
