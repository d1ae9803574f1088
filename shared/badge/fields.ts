import type { BadgeFormat, ParsedBadge, PersonFields } from '../model';
import { PERSON_FIELD_NAMES } from '../model';
import { cleanEmail, cleanKana, cleanPhone, cleanText } from '../normalize/text';
import { httpUrl } from './url';

const CLEANERS: Record<keyof PersonFields, (value: string) => string | undefined> = {
  badgeId: cleanText,
  fullName: cleanText,
  familyName: cleanText,
  givenName: cleanText,
  familyNameKana: cleanKana,
  givenNameKana: cleanKana,
  company: cleanText,
  department: cleanText,
  title: cleanText,
  email: cleanEmail,
  phone: cleanPhone,
  // A badge is hostile input and the URL may end up behind a link: only http(s) survives.
  url: httpUrl,
};

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Japanese names read family first ("山田 太郎"); a Latin-script name with no FN to copy
 * reads the way the card's owner writes it ("Sean Owen").
 */
function joinName(family?: string, given?: string): string | undefined {
  if (!family || !given) return family ?? given;
  const japanese = JAPANESE_SCRIPT.test(family) || JAPANESE_SCRIPT.test(given);
  return japanese ? `${family} ${given}` : `${given} ${family}`;
}

/**
 * Each field cleaned by its own rule, empty ones left out entirely (no `undefined` keys),
 * and a fullName composed when the source only gave the parts.
 */
export function toBadge(format: BadgeFormat, raw: string, fields: PersonFields): ParsedBadge {
  const cleaned = (key: keyof PersonFields) => {
    const value = fields[key];
    return value === undefined ? undefined : CLEANERS[key](value);
  };
  const clean: PersonFields = {};
  for (const key of PERSON_FIELD_NAMES) {
    const value =
      key === 'fullName'
        ? (cleaned('fullName') ?? cleanText(joinName(cleaned('familyName'), cleaned('givenName'))))
        : cleaned(key);
    if (value !== undefined) clean[key] = value;
  }
  return { format, ...clean, raw };
}

const KANA_ONLY = /^[\p{Script=Katakana}\p{Script=Hiragana}\u30fc\u30fb\u309b\u309c\s]+$/u;

/** Readings that are not kana (a Latin SORT-AS, an audio URL in SOUND) are not furigana. */
export function looksLikeKana(value: string): boolean {
  return KANA_ONLY.test(value.normalize('NFKC'));
}

/**
 * A reading given as one string ("ヤマダ タロウ") splits at its first space. Without a space
 * it cannot be split, and it goes to the family reading: that still sorts the person in the
 * right place in the あいうえお order, which is what the reading is for.
 */
export function splitKana(parts: readonly string[]): [string | undefined, string | undefined] {
  const [family, given] = parts.map((p) => p.trim());
  if (given) return [family || undefined, given];
  const whole = family?.normalize('NFKC').trim();
  if (!whole) return [undefined, undefined];
  const space = whole.search(/\s/u);
  if (space < 0) return [whole, undefined];
  return [whole.slice(0, space), whole.slice(space + 1).trim() || undefined];
}
