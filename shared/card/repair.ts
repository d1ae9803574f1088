/**
 * The usual OCR confusions on business cards, repaired where the context says which
 * character was meant: inside a phone number or postal code every character is a digit or a
 * separator, and inside an email or URL the dash and the dot have look-alikes.
 */

/** Dashes, long vowel marks and minus signs OCR returns for the hyphen of a number or address. */
export const DASHES = '\\-‐‑‒–—―−ーｰ－一';
const DASH_RUN = new RegExp(`[${DASHES}]`, 'gu');

/** O and o read for 0, l, I and | for 1: only ever applied inside a run that must be digits. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', i: '1', S: '5', B: '8' };

/** A run meant to be digits and separators, with look-alike letters turned into digits. */
export function repairDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[OoDQlIi|SB]/gu, (ch) => DIGIT_LOOKALIKES[ch] ?? ch)
    .replace(DASH_RUN, '-');
}

/** Characters that may stand for a digit in a phone number or postal code as OCR read it. */
export const DIGITISH = '0-9OoDQlI|';

/** Top-level and second-level endings an email or web address on a card ends with. */
const TLD = '(?:co\\.jp|ne\\.jp|or\\.jp|ac\\.jp|go\\.jp|ed\\.jp|lg\\.jp|gr\\.jp|com|jp|net|org|biz|info|io|co|us|uk|de|cn|kr|tw|asia|tokyo|dev|app)';
const ENDS_WITH_TLD = new RegExp(`\\.${TLD}$`, 'iu');

export interface Repaired {
  value: string;
  /** True when a character had to be guessed (a missing @, say): the field is marked for review. */
  guessed: boolean;
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/u;

/**
 * The email in a run of text as OCR read it, or null. `＠` is NFKC's @; `©`, `(at)` and `[at]`
 * stand for it; commas and spaced dots are dots; `ー` is a hyphen. An address printed on a
 * card is lower-case, so a stray capital (sampLe) is a misread and an upper-case G or Q where
 * the @ belongs (t.yamadaQGsample.co.jp) is the @ itself, which is guessed, not trusted.
 */
export function findEmail(text: string): { value: string; guessed: boolean; start: number; end: number } | null {
  const norm = text.normalize('NFKC');
  // A space OCR put after a piece of one or two letters (misaki. i to@) is inside the address;
  // the address starts at a word's start, so a phone number's last digits are never taken in.
  const piece = '(?:[A-Za-z0-9_%+\\-ー]{1,2} )*[A-Za-z0-9_%+\\-ー]+';
  const local = `(?<![A-Za-z0-9_%+\\-.])${piece}(?:\\s?\\.\\s?${piece})*`;
  const domain = '[A-Za-z0-9\\-ー]+(?:\\s?[.,]\\s?[A-Za-z0-9\\-ー]+)+';
  const candidate =
    new RegExp(`${local}\\s?(?:@|©|\\(at\\)|\\[at\\])\\s?${domain}`, 'iu').exec(norm) ??
    new RegExp(`${local}\\s?[.,]\\s?${TLD}(?![A-Za-z])`, 'iu').exec(norm);
  if (!candidate) return null;
  let raw = candidate[0].replace(/\s/gu, '').replace(/,/gu, '.').replace(/ー/gu, '-');
  let guessed = false;
  if (!/@|©|\(at\)|\[at\]/iu.test(raw)) {
    if (/^www\./iu.test(raw)) return null;
    // No @ at all: a capital Q/G run standing where the @ was, with lower-case on either side.
    const cased = raw.replace(/[A-Z]/gu, (c) => (c === 'Q' || c === 'G' ? c : c.toLowerCase()));
    const at = /(?<=[a-z0-9])[QG]{1,2}(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*$)/u.exec(cased);
    if (!at) return null;
    raw = cased.slice(0, at.index) + '@' + cased.slice(at.index + at[0].length);
    guessed = true;
  }
  const value = raw.replace(/©|\(at\)|\[at\]/iu, '@').toLowerCase().replace(/^[.-]+|[.-]+$/gu, '');
  if (!EMAIL.test(value) || !ENDS_WITH_TLD.test(value)) return null;
  return { value, guessed, start: candidate.index, end: candidate.index + candidate[0].length };
}

/**
 * A web address in the text, as an https URL, or null. `https;//`, `http//` and spaced dots
 * are repaired; a bare `www.` address is given https.
 */
export function findUrl(text: string): { value: string; start: number; end: number } | null {
  const norm = text.normalize('NFKC');
  const m =
    /(?:https?\s?[:;]?\s?\/\/\s?|www\s?[.,]\s?)[A-Za-z0-9\-ー]+(?:\s?[.,]\s?[A-Za-z0-9\-ー]+)+(?:\/[^\s]*)?/iu.exec(norm);
  if (!m) return null;
  let value = m[0].replace(/\s/gu, '').replace(/ー/gu, '-');
  const schemeEnd = /^https?[:;]?\/\//iu.exec(value);
  const scheme = schemeEnd ? (/^https/iu.test(value) ? 'https://' : 'http://') : 'https://';
  const rest = (schemeEnd ? value.slice(schemeEnd[0].length) : value).replace(/,/gu, '.');
  const [host = '', ...path] = rest.split('/');
  value = `${scheme}${host.toLowerCase()}${path.length ? `/${path.join('/')}` : ''}`.replace(/[.,;:)]+$/u, '');
  try {
    new URL(value);
  } catch {
    return null;
  }
  if (!/\.[a-z]{2,}(?:\/|$)/u.test(value.slice(scheme.length))) return null;
  return { value, start: m.index, end: m.index + m[0].length };
}
