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

// Without a BOM, UTF-8 goes first: a Shift_JIS file is almost never valid UTF-8, while a
// UTF-8 file full of kana often *is* valid Shift_JIS (as mojibake). WHATWG's shift_jis is
// windows-31j, so CP932's NEC/IBM extensions (髙, ①, ㈱) decode too.
const FALLBACKS: { encoding: RosterEncoding; label: string }[] = [
  { encoding: 'utf-8', label: 'utf-8' },
  { encoding: 'shift_jis', label: 'shift_jis' },
];

/** Decodes an organizer's attendee list, whichever of the usual encodings it came in. */
export function decodeRoster(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new AppError('roster.empty', 'The roster file is empty');

  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  const decoded = bom
    ? decodeWith(bom.label, bytes.subarray(bom.bytes.length), bom.encoding)
    : decodeWithoutBom(bytes);
  if (!decoded) {
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

function decodeWithoutBom(bytes: Uint8Array): Decoded | undefined {
  for (const { label, encoding } of FALLBACKS) {
    const decoded = decodeWith(label, bytes, encoding);
    if (decoded) return decoded;
  }
  return undefined;
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
