import { isFreeMailDomain } from '../triage/free-mail';
import { emailKeyDomain, kanaKey } from './keys';

/**
 * The 名寄せ rules as a pure classifier of two leads. Automatic: the same normalized email, or
 * the same name (and reading, when both have one), account and phone. Suggested for a person to
 * confirm: the same name and account, or the same name and phone. Never:
 * - a pair a person called "not the same person";
 * - readings that differ (山崎 やまさき / やまざき, or two 同姓同名 people the organizer told apart);
 * - two different corporate emails: a company gives each employee one address, so two people
 *   with one name at one company (a real thing at a 10,000-person company) are told apart by
 *   them. A free-mail address says nothing (people register for seminars with a personal
 *   address), so it never blocks a match.
 */

export const AUTO_RULES = ['email', 'name_kana_account_phone'] as const;
export const SUGGEST_RULES = ['name_account', 'name_phone'] as const;
export const DUPLICATE_RULES = [...AUTO_RULES, ...SUGGEST_RULES] as const;
export type DuplicateRule = (typeof DUPLICATE_RULES)[number];

export type NeverReason = 'dismissed' | 'kana_differs' | 'emails_differ';

export type Verdict =
  | { kind: 'auto'; rule: (typeof AUTO_RULES)[number] }
  | { kind: 'suggest'; rule: (typeof SUGGEST_RULES)[number] }
  | { kind: 'never'; reason: NeverReason }
  | { kind: 'none' };

/** What the rules read of a lead: its keys (shared/dedupe/keys.ts) and its account. */
export interface DedupeSubject {
  id: string;
  emailKey: string | null;
  nameKey: string | null;
  phoneKey: string | null;
  /** The reading as stored; folded (kanaKey) only when two names meet, so a scan of 100,000 leads does not fold them all. */
  familyNameKana: string | null;
  givenNameKana: string | null;
  accountId: string | null;
  /** The normalized company: the account when the accounts linker has not given one (yet). */
  companyKey: string | null;
}

const NONE: Verdict = { kind: 'none' };

/**
 * One company: the same account, or, when either lead has no account, the same normalized
 * company name. Two different accounts are two companies even under one name (the accounts
 * rules flag that case for a person; the duplicates rules do not second-guess it).
 */
export function sameCompany(a: DedupeSubject, b: DedupeSubject): boolean {
  if (a.accountId !== null && b.accountId !== null) return a.accountId === b.accountId;
  return a.companyKey !== null && a.companyKey === b.companyKey;
}

function corporateEmailsDiffer(a: DedupeSubject, b: DedupeSubject): boolean {
  if (a.emailKey === null || b.emailKey === null || a.emailKey === b.emailKey) return false;
  const da = emailKeyDomain(a.emailKey);
  const db = emailKeyDomain(b.emailKey);
  return da !== null && db !== null && !isFreeMailDomain(da) && !isFreeMailDomain(db);
}

/** How two leads relate by the rules; `dismissed`: a person said they are not the same person. */
export function classifyPair(a: DedupeSubject, b: DedupeSubject, dismissed = false): Verdict {
  if (a.id === b.id) return NONE;
  if (dismissed) return { kind: 'never', reason: 'dismissed' };
  if (a.emailKey !== null && a.emailKey === b.emailKey) return { kind: 'auto', rule: 'email' };
  if (a.nameKey === null || a.nameKey !== b.nameKey) return NONE;
  const ka = kanaKey(a);
  const kb = kanaKey(b);
  if (ka !== null && kb !== null && ka !== kb) return { kind: 'never', reason: 'kana_differs' };
  if (corporateEmailsDiffer(a, b)) return { kind: 'never', reason: 'emails_differ' };
  const company = sameCompany(a, b);
  const phone = a.phoneKey !== null && a.phoneKey === b.phoneKey;
  if (company && phone) return { kind: 'auto', rule: 'name_kana_account_phone' };
  if (company) return { kind: 'suggest', rule: 'name_account' };
  if (phone) return { kind: 'suggest', rule: 'name_phone' };
  return NONE;
}
