/**
 * Kana folding for searching a roster. A person at the door types whatever their IME gives
 * (ひらがな), the organizer's file has フリガナ in katakana, sometimes half-width (ﾔﾏﾀﾞ): all
 * of them must find each other. Written here rather than taken from `wanakana`, whose extra
 * is romaji conversion: turning an ASCII query ("sato", an email, "Acme") into kana would
 * make company and email searches match the wrong people.
 */

// ぁ..ゖ and ァ..ヶ are the same 86 sounds 0x60 apart; ゝゞ / ヽヾ (iteration marks) likewise.
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/gu;
const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/gu;
const shift = (by: number) => (ch: string) => String.fromCharCode(ch.charCodeAt(0) + by);

export function toKatakana(text: string): string {
  return text.replace(HIRAGANA, shift(0x60));
}

export function toHiragana(text: string): string {
  return text.replace(KATAKANA, shift(-0x60));
}

/**
 * What a query and a stored value are compared as: NFKC (half-width katakana and full-width
 * ASCII to their usual forms, ｶﾞ to ガ), whitespace of any width removed, kana as katakana
 * (how the roster import stores readings).
 */
export function foldKana(text: string): string {
  return toKatakana(text.normalize('NFKC').replace(/[\s\u3000]+/gu, ''));
}
