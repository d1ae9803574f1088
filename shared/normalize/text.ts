import { FIELD_MAX } from '../model';

/**
 * Printable ASCII, hiragana, katakana (without the combining and half-width forms) and the
 * common kanji block are unchanged by NFKC; most names and companies are only that, and
 * normalize() is the slowest step of a 100,000-row roster import.
 */
const STABLE = '\\x21-\\x7e\\u3041-\\u3096\\u30a1-\\u30fa\\u30fc\\u4e00-\\u9fff';
const NFKC_STABLE = new RegExp(`^[ ${STABLE}]*$`, 'u');
/**
 * What cleanText returns unchanged: stable words, one space between them, none at either end.
 * A roster import calls cleanText 800,000 times; one test is cheaper than its two regexes.
 */
const ALREADY_CLEAN = new RegExp(`^[${STABLE}]+(?: [${STABLE}]+)*$`, 'u');

/**
 * NFKC folds full-width ASCII (ＡＢＣ１２３) and half-width katakana (ｶﾅ) into their usual
 * forms, which is what Japanese badges and rosters mix freely. Whitespace of any width
 * collapses to one ASCII space.
 */
export function cleanText(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  if (value.length <= FIELD_MAX && ALREADY_CLEAN.test(value)) return value;
  const out = (NFKC_STABLE.test(value) ? value : value.normalize('NFKC')).replace(/[\s\u3000]+/gu, ' ').trim();
  if (!out) return undefined;
  return out.length > FIELD_MAX ? out.slice(0, FIELD_MAX) : out;
}

const HIRAGANA = /[\u3041-\u3096]/gu;

/** Kana fields are stored in katakana: rosters write フリガナ, people type ふりがな. */
export function cleanKana(value: string | undefined | null): string | undefined {
  const text = cleanText(value);
  return text?.replace(HIRAGANA, toKatakana);
}
const toKatakana = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0x60);

export function cleanEmail(value: string | undefined | null): string | undefined {
  const text = cleanText(value)?.replace(/^mailto:/iu, '').replace(/\s+/gu, '');
  return text ? text.toLowerCase() : undefined;
}

/** Hyphens are kept as written (03-1234-5678); only widths and stray spaces change. */
export function cleanPhone(value: string | undefined | null): string | undefined {
  const text = cleanText(value)?.replace(/^tel:/iu, '');
  if (!text) return undefined;
  // Most numbers have neither; the replacements below would copy every one of them.
  if (!PHONE_FOLDED.test(text)) return text;
  return text.replace(/[‐‑‒–—―−ー]/gu, '-').replace(/\s*-\s*/gu, '-');
}
const PHONE_FOLDED = /[\s‐‑‒–—―−ー]/u;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
export function looksLikeEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** PersonFields.url's limit; a URL cut short is a wrong URL, so a longer one is not kept. */
const URL_MAX = 2000;
const HTTP = /^https?:\/\//iu;

/**
 * The URL as written (NFKC, trimmed) if it is a well-formed http(s) URL; nothing else is.
 * Badges are hostile input and a URL may end up behind a link: no javascript:, no file:.
 */
export function cleanUrl(value: string | undefined | null): string | undefined {
  const text = value?.normalize('NFKC').trim();
  if (!text || text.length > URL_MAX || !HTTP.test(text) || /\s/u.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}
