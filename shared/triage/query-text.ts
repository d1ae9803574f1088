import { toKatakana } from '../door/kana';

/**
 * What the search index stores and what a query is compared as: NFKC (half-width ｶﾀｶﾅ and
 * full-width ＡＢＣ to their usual forms, ｶﾞ to ガ) and kana as katakana, so やまだ finds ヤマダ
 * and ﾔﾏﾀﾞ finds both. Spaces are kept, unlike the door's foldKana: the index holds a name both
 * with and without its space, and a query's spaces separate its terms.
 */
export function foldSearchText(text: string): string {
  return toKatakana(text.normalize('NFKC'));
}
