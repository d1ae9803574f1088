import type { LeadByte } from './escapes';

// A value-only global under @types/node, so the instance type is spelled out.
type Decoder = InstanceType<typeof TextDecoder>;

const decoders = new Map<string, Decoder>();

// Labels come from the payload, so only labels that name a real encoding are memoized: a
// hostile card with thousands of made-up CHARSETs must not grow this map.
function decoderFor(label: string, fatal: boolean): Decoder | undefined {
  // TextDecoder ignores case and surrounding whitespace, so the key does too.
  const key = `${fatal ? '!' : ''}${label.trim().toLowerCase()}`;
  const known = decoders.get(key);
  if (known) return known;
  try {
    const made = new TextDecoder(label, { fatal });
    decoders.set(key, made);
    return made;
  } catch {
    return undefined;
  }
}

const UTF8 = 'utf-8';

/**
 * The WHATWG name of the charset a QUOTED-PRINTABLE value is in. Without a CHARSET (or with
 * one TextDecoder does not know), vCard 2.1 means ASCII, but Japanese phones wrote Shift_JIS
 * there: bytes that are not valid UTF-8 are taken as Shift_JIS.
 */
export function resolveCharset(bytes: Uint8Array, label: string | undefined): string {
  const named = label ? decoderFor(label.trim(), false) : undefined;
  if (named) return named.encoding;
  try {
    decoderFor(UTF8, true)!.decode(bytes);
    return UTF8;
  } catch {
    return 'shift_jis';
  }
}

export function decodeBytes(bytes: Uint8Array, charset: string): string {
  return (decoderFor(charset, false) ?? decoderFor(UTF8, false)!).decode(bytes);
}

const isShiftJisLead: LeadByte = (b) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
const noLead: LeadByte = () => false;

/** Only Shift_JIS puts ASCII-range bytes (0x40–0x7E) after a lead byte among the charsets seen on badges. */
export function leadBytesOf(charset: string): LeadByte {
  return charset === 'shift_jis' ? isShiftJisLead : noLead;
}

const encoder = new TextEncoder();

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const upper = code & ~0x20;
  return upper >= 0x41 && upper <= 0x46 ? upper - 0x37 : -1;
}

/**
 * Soft line breaks are already joined by the line reader; a stray `=` that is not followed by
 * two hex digits is kept as written rather than dropping data. Characters outside ASCII should
 * not be there at all, and are kept as UTF-8.
 */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d /* = */) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out[n++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    if (code < 0x80) {
      out[n++] = code;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    n += encoder.encodeInto(char, out.subarray(n)).written;
    i += char.length - 1;
  }
  return out.subarray(0, n);
}
