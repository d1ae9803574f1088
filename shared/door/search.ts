import { foldKana, toHiragana } from './kana';

/**
 * The forms one door search is matched in. Names are compared without spaces ("山田太郎"
 * finds "山田 太郎"), readings in katakana and hiragana, the rest as typed after NFKC.
 */
export interface DoorSearchTerms {
  /** NFKC, whitespace collapsed: for company, email and badge id. */
  text: string;
  /** NFKC without whitespace: for names as written. */
  compact: string;
  /** `compact` with kana as katakana: readings are stored so. */
  katakana: string;
  /** `compact` with kana as hiragana: a name written in hiragana (さくら). */
  hiragana: string;
}

export function doorSearchTerms(query: string | undefined): DoorSearchTerms | null {
  const text = (query ?? '').normalize('NFKC').replace(/[\s\u3000]+/gu, ' ').trim();
  if (!text) return null;
  const compact = text.replace(/ /gu, '');
  const katakana = foldKana(compact);
  return { text, compact, katakana, hiragana: toHiragana(katakana) };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/gu, (ch) => `\\${ch}`);

/** A LIKE pattern for "contains", with the user's own % and _ taken literally (ESCAPE '\'). */
export function likeContains(value: string): string {
  return `%${escapeLike(value)}%`;
}

/** A LIKE pattern for "starts with" (ESCAPE '\'). */
export function likePrefix(value: string): string {
  return `${escapeLike(value)}%`;
}
