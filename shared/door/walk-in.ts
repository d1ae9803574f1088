import type { PersonFields } from '../model';
import { toKatakana } from './kana';

const ID_LIKE = /^[\x21-\x7e]{1,64}$/u;
const KANA_ONLY = /^[\u3041-\u3096\u30a1-\u30fa\u30fc\s]+$/u;

/**
 * What the manual entry of a walk-in starts from, given what was typed at the door and not
 * found: one ASCII token is the badge id they hold, kana is their reading, anything else their
 * name. Only a start: the person completes and corrects it before anything is stored.
 */
export function walkInPrefill(typed: string): PersonFields {
  const text = typed.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!text) return {};
  if (ID_LIKE.test(text)) return { badgeId: text };
  if (KANA_ONLY.test(text)) return { familyNameKana: toKatakana(text) };
  return { familyName: text };
}
