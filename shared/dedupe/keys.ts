import { foldKana } from '../door/kana';

/**
 * The 名寄せ keys: what two records of one person are compared by. Each folds away the ways one
 * value is written differently by a badge, a business card, a roster and a person at a keyboard
 * (full-width letters from a Japanese IME, case, spaces, ひらがな vs カタカナ, +81 vs 0).
 */

/** NFKC, trimmed, lower-case: ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ is taro@example.co.jp. */
export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const key = email.normalize('NFKC').trim().replace(/^mailto:/iu, '').replace(/[\s\u3000]+/gu, '').toLowerCase();
  return key.includes('@') && key.length > 2 ? key : null;
}

/** The email key's domain, for the "different corporate emails" rule. */
export function emailKeyDomain(key: string | null): string | null {
  if (!key) return null;
  const at = key.lastIndexOf('@');
  return at < 0 ? null : key.slice(at + 1);
}

// Letters of any script but Latin, kana and kanji make a name "CJK-like"; Latin-only names are
// written in either order (Taro Yamada, YAMADA Taro), CJK names always family first.
const NON_LATIN = /[^\p{Script=Latin}\s.,'\-0-9]/u;
const SEPARATORS = /[\s\u3000・･.,]+/gu;

/**
 * Family + given name (or the full name when those are missing), NFKC, spaces removed, kana as
 * katakana, Latin lower-cased. A Latin name's words are sorted, so "Taro Yamada" and family
 * "Yamada" + given "Taro" meet; a Japanese name keeps its order (family first, and a name typed
 * without a space cannot be split).
 */
export function nameKey(name: { familyName?: string | null; givenName?: string | null; fullName?: string | null }): string | null {
  const parts = name.familyName || name.givenName ? [name.familyName ?? '', name.givenName ?? ''] : [name.fullName ?? ''];
  const text = parts.join(' ').normalize('NFKC').trim();
  if (!text) return null;
  const words = text.split(SEPARATORS).filter(Boolean).map((w) => foldKana(w).toLowerCase());
  if (words.length === 0) return null;
  if (!NON_LATIN.test(text)) words.sort();
  return words.join('');
}

/** The reading (フリガナ) folded like nameKey; null unless the lead has one. */
export function kanaKey(kana: { familyNameKana?: string | null; givenNameKana?: string | null }): string | null {
  const text = `${kana.familyNameKana ?? ''}${kana.givenNameKana ?? ''}`;
  const key = foldKana(text).replace(SEPARATORS, '');
  return key ? key : null;
}

// An extension is the same line's desk, not another number: cut it off.
const EXTENSION = /(?:内線|ext\.?|extension|x)\s*\d+\s*$/iu;

/**
 * The phone's digits in national form: +81 3-1234-5678, 03(1234)5678 and ０３－１２３４－５６７８
 * are all 0312345678. A Japanese number written internationally drops its trunk 0 after +81
 * (sometimes kept in brackets: +81 (0)3…). Other countries keep +<digits>. Too few digits to
 * be a phone: null.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const text = phone.normalize('NFKC').replace(/^tel:/iu, '').trim().replace(EXTENSION, '');
  const international = /^\s*(?:\+|00(?=[1-9]))/u.test(text);
  let digits = text.replace(/\D/gu, '');
  if (international) {
    if (text.trimStart().startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('81')) {
      const national = digits.slice(2);
      digits = national.startsWith('0') ? national : `0${national}`;
    } else {
      return digits.length >= 6 ? `+${digits}` : null;
    }
  }
  return digits.length >= 6 ? digits : null;
}

/** The keys a lead is compared by, from its fields. */
export interface PersonKeys {
  emailKey: string | null;
  nameKey: string | null;
  phoneKey: string | null;
}

export function personKeys(lead: {
  email: string | null; phone: string | null; familyName: string | null; givenName: string | null; fullName: string | null;
}): PersonKeys {
  return { emailKey: emailKey(lead.email), nameKey: nameKey(lead), phoneKey: phoneKey(lead.phone) };
}
