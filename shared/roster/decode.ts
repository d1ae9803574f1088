import { z } from 'zod';
import { AppError } from '../errors';

export const RosterEncoding = z.enum(['utf-8', 'utf-8-bom', 'shift_jis', 'utf-16le', 'utf-16be']);
export type RosterEncoding = z.infer<typeof RosterEncoding>;

type Decoded = { text: string; encoding: RosterEncoding };

const BOMS: { bytes: number[]; encoding: RosterEncoding; label: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8-bom', label: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', label: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', label: 'utf-16be' },
];

/** Decodes an organizer's attendee list, whichever of the usual encodings it came in. */
export function decodeRoster(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new AppError('roster.empty', 'The roster file is empty');

  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  const decoded = bom
    ? decodeWith(bom.label, bytes.subarray(bom.bytes.length), bom.encoding)
    : decodeWithoutBom(bytes);
  if (!decoded) {
    if (bom?.encoding === 'utf-8-bom') assertNotMixedUtf8(bytes.subarray(bom.bytes.length));
    throw new AppError(
      'roster.encoding_unknown',
      bom
        ? `The file starts with a ${bom.label} byte order mark but is not valid ${bom.label}`
        : 'The file is neither UTF-8 nor Shift_JIS',
    );
  }
  if (decoded.text.trim() === '') throw new AppError('roster.empty', 'The roster file has no text');
  assertLooksLikeText(decoded.text);
  return decoded;
}

/**
 * Without a BOM, UTF-8 goes first: a Shift_JIS file is almost never valid UTF-8, while a
 * UTF-8 file full of kana often *is* valid Shift_JIS (as mojibake), so a UTF-8 file with one
 * bad line is refused before the fallback could take it whole. WHATWG's shift_jis is
 * windows-31j, so CP932's NEC/IBM extensions (髙, ①, ㈱) decode too.
 */
function decodeWithoutBom(bytes: Uint8Array): Decoded | undefined {
  const asUtf8 = decodeWith('utf-8', bytes, 'utf-8');
  if (asUtf8) return asUtf8;
  assertNotMixedUtf8(bytes);
  return decodeWith('shift_jis', bytes, 'shift_jis');
}

/** A mostly-UTF-8 file with a line in another encoding is refused with that line's number. */
function assertNotMixedUtf8(bytes: Uint8Array): void {
  const line = lineBreakingUtf8(bytes);
  if (line !== undefined) {
    throw new AppError('roster.encoding_mixed', `Line ${line} is not UTF-8 like the rest of the file`, { line });
  }
}

function decodeWith(
  label: string,
  bytes: Uint8Array,
  encoding: RosterEncoding,
): Decoded | undefined {
  try {
    // ignoreBOM: the BOM is already cut off above; a second one would be data, not a marker.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    return undefined;
  }
}

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/gu;
const SAMPLE_CHARS = 64 * 1024;

/**
 * Shift_JIS accepts most byte soup, so "it decoded" does not mean "it is text". No CSV holds
 * NUL, and a real one has at most a stray control character (an old DOS ^Z at the end);
 * images, spreadsheets saved as .xlsx and UTF-16 without a BOM are full of them.
 */
function assertLooksLikeText(text: string): void {
  const sample = text.slice(0, SAMPLE_CHARS);
  const controls = sample.match(CONTROL)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(2, sample.length / 100)) {
    throw new AppError('roster.not_csv', 'The file looks binary, not like a CSV text file');
  }
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The 1-based line where a file that is mostly UTF-8 stops being UTF-8: one row pasted from
 * an organizer's Shift_JIS file into a UTF-8 one. Undefined when the file is valid UTF-8, or
 * when most of its non-ASCII lines are not UTF-8 (then it is some other encoding as a whole).
 * Lines are counted in bytes, CRLF, LF and a lone CR each ending one, as a text editor shows
 * them: neither UTF-8 nor Shift_JIS uses 0x0A or 0x0D inside a character, so the split is safe
 * before knowing the encoding.
 */
function lineBreakingUtf8(bytes: Uint8Array): number | undefined {
  let valid = 0;
  let invalid = 0;
  let firstInvalid: number | undefined;
  let line = 1;
  let start = 0;
  let nonAscii = false;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? bytes[i]! : LF;
    if (byte === LF || byte === CR) {
      if (nonAscii) {
        if (isUtf8(bytes.subarray(start, i))) valid++;
        else {
          invalid++;
          firstInvalid ??= line;
        }
      }
      if (byte === CR && bytes[i + 1] === LF) i++;
      line++;
      start = i + 1;
      nonAscii = false;
    } else if (byte >= 0x80) nonAscii = true;
  }
  return invalid > 0 && valid > invalid ? firstInvalid : undefined;
}

/**
 * Whether bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
 * By hand rather than a fatal TextDecoder: a Shift_JIS roster has a non-UTF-8 line on every
 * row, and 100,000 thrown exceptions cost half a second of the import.
 */
export function isUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    // The lead byte fixes the length and the range of the second byte (RFC 3629, table 3-7).
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f];
    else return false;
    if (i + need >= bytes.length) return false; // cut off inside a character
    const second = bytes[i + 1]!;
    if (second < min || second > max) return false;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}
