import type { BadgeFormat, ParsedBadge, PersonFields } from '../model';
import { completeName } from '../lead/person';
import { cleanPerson } from '../normalize/person';

/**
 * Each field cleaned by its own rule, empty ones left out entirely (no `undefined` keys),
 * and a fullName composed when the source only gave the parts.
 */
export function toBadge(format: BadgeFormat, raw: string, fields: PersonFields): ParsedBadge {
  return { format, ...completeName(cleanPerson(fields)), raw };
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
