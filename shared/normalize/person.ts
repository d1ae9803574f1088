import type { PersonFields } from '../model';
import { PERSON_FIELD_NAMES } from '../model';
import { cleanEmail, cleanKana, cleanPhone, cleanText, cleanUrl } from './text';

const CLEANERS: Record<keyof PersonFields, (v: string) => string | undefined> = {
  badgeId: cleanText, fullName: cleanText, familyName: cleanText, givenName: cleanText,
  familyNameKana: cleanKana, givenNameKana: cleanKana, company: cleanText, department: cleanText,
  title: cleanText, email: cleanEmail, phone: cleanPhone, url: cleanUrl,
};

/** Every person field cleaned by its own rule; empty values dropped. */
export function cleanPerson(fields: PersonFields): PersonFields {
  const out: PersonFields = {};
  for (const key of PERSON_FIELD_NAMES) {
    const raw = fields[key];
    const value = raw === undefined ? undefined : CLEANERS[key](raw);
    if (value) out[key] = value;
  }
  return out;
}
