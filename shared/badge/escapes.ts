/**
 * vCard, MECARD and BIZCARD share one escaping scheme: a backslash protects the next
 * character, so a separator may only be split on when it is not escaped. Splitting has to
 * happen before unescaping, or `\,` inside a name would split it.
 *
 * It works on bytes rather than a string because a vCard 2.1 QUOTED-PRINTABLE value is bytes
 * in its own charset, and in Shift_JIS the second byte of ソ, 表 or 能 is 0x5C, the backslash:
 * `isLead` tells which bytes start a two-byte character, so their trail byte is never taken
 * for an escape.
 */

export type LeadByte = (byte: number) => boolean;
const NO_LEAD: LeadByte = () => false;

const BACKSLASH = 0x5c;
const LF = 0x0a;
const UNESCAPED = new Map<number, number>([
  [0x6e /* n */, LF],
  [0x4e /* N */, LF],
  [0x2c /* , */, 0x2c],
  [0x3b /* ; */, 0x3b],
  [0x3a /* : */, 0x3a],
  [BACKSLASH, BACKSLASH],
]);

/**
 * Where the first `max` unescaped separators are, in bytes or in a string's UTF-16 units (where
 * `;`, `,` and `\\` never occur inside another character). Stopping at `max` means a hostile
 * value with 200k separators costs a short scan, not 200k pieces.
 */
function separatorsIn(length: number, unitAt: (i: number) => number, separator: number, isLead: LeadByte, max: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < length && found.length < max; i++) {
    const unit = unitAt(i);
    if (unit === BACKSLASH || isLead(unit)) i++;
    else if (unit === separator) found.push(i);
  }
  return found;
}

/** The first `limit` pieces, `at` holding (at least) the separators that end them. */
function cut<T>(length: number, at: number[], limit: number, slice: (start: number, end: number) => T): T[] {
  const pieces: T[] = [];
  for (let i = 0; i <= at.length && i < limit; i++) pieces.push(slice(i === 0 ? 0 : at[i - 1]! + 1, at[i] ?? length));
  return pieces;
}

/** Pieces between unescaped `separator` bytes; the pieces keep their escapes. */
export function splitEscaped(bytes: Uint8Array, separator: number, isLead: LeadByte = NO_LEAD, limit = Infinity): Uint8Array[] {
  const at = separatorsIn(bytes.length, (i) => bytes[i]!, separator, isLead, limit);
  return cut(bytes.length, at, limit, (start, end) => bytes.subarray(start, end));
}

/** Unknown escapes (`\x`) stay as written: in the wild a backslash is often just a backslash. */
export function unescapeBytes(bytes: Uint8Array, isLead: LeadByte = NO_LEAD): Uint8Array {
  if (!bytes.includes(BACKSLASH)) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const next = bytes[i + 1];
    if (next !== undefined && isLead(byte)) {
      out[n++] = byte;
      out[n++] = next;
      i++;
      continue;
    }
    const mapped = byte === BACKSLASH && next !== undefined ? UNESCAPED.get(next) : undefined;
    if (mapped !== undefined) {
      out[n++] = mapped;
      i++;
    } else {
      out[n++] = byte;
    }
  }
  return out.subarray(0, n);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** splitEscaped for text that is already a string (MECARD, BIZCARD, most vCard values). */
export function splitText(text: string, separator: ',' | ';', limit = Infinity): string[] {
  const at = separatorsIn(text.length, (i) => text.charCodeAt(i), separator.charCodeAt(0), NO_LEAD, limit);
  return cut(text.length, at, limit, (start, end) => text.slice(start, end));
}

export function unescapeText(text: string): string {
  return text.includes('\\') ? decoder.decode(unescapeBytes(encoder.encode(text))) : text;
}
