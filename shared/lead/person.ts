import type { PersonFields } from '../model';
import { PERSON_FIELD_NAMES } from '../model';
import { cleanText } from '../normalize/text';

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Japanese names read family first ("山田 太郎"); a name in another script reads the way its
 * owner writes it, given first ("Jane Smith", "Hans Müller").
 */
export function joinName(family?: string, given?: string): string | undefined {
  if (!family || !given) return family || given || undefined;
  const japanese = JAPANESE_SCRIPT.test(family) || JAPANESE_SCRIPT.test(given);
  return japanese ? `${family} ${given}` : `${given} ${family}`;
}

/** Fills fullName from the split name when only that is known. */
export function completeName(fields: PersonFields): PersonFields {
  if (fields.fullName) return fields;
  const fullName = cleanText(joinName(fields.familyName, fields.givenName));
  return fullName ? { ...fields, fullName } : fields;
}

/**
 * Combines what we knew with what just arrived: a value already there is kept (a marketer's
 * correction must survive a rescan), an empty one is filled. Returns only the filled fields.
 */
export function fillBlanks(current: Partial<Record<keyof PersonFields, string | null>>, incoming: PersonFields): PersonFields {
  const filled: PersonFields = {};
  for (const key of PERSON_FIELD_NAMES) {
    const value = incoming[key];
    if (value && !current[key]) filled[key] = value;
  }
  return filled;
}

/** Roster data is what the person typed at registration (with kana); the badge fills what it lacks. */
export function preferFirst(...sources: PersonFields[]): PersonFields {
  const out: PersonFields = {};
  for (const source of sources) {
    for (const key of PERSON_FIELD_NAMES) {
      const value = source[key];
      if (value && !out[key]) out[key] = value;
    }
  }
  return out;
}
