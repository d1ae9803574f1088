import iconv from 'iconv-lite';
import type { ExportEncoding } from '../../shared/handoff/api';

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Characters text from the web or a Mac writes differently from what CP932 (Windows' Shift_JIS)
 * holds for the same glyph: the JIS-to-Unicode "wave dash problem". They are written as the
 * CP932 character, not as '?'. U+00A5 (¥) becomes 0x5C, which Japanese fonts show as ¥.
 */
const CP932_VARIANTS = new Map<string, string>([
  ['\u301c', '\uff5e'], // 〜 WAVE DASH → ～
  ['\u2016', '\u2225'], // ‖ → ∥
  ['\u2212', '\uff0d'], // − MINUS SIGN → －
  ['\u00a2', '\uffe0'], // ¢
  ['\u00a3', '\uffe1'], // £
  ['\u00ac', '\uffe2'], // ¬
  ['\u2014', '\u2015'], // — EM DASH → ―
  ['\u00a5', '\\'],
  ['\u00a0', ' '],
]);

const encodable = new Map<string, boolean>();
function cp932Holds(ch: string): boolean {
  let ok = encodable.get(ch);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch;
    encodable.set(ch, ok);
  }
  return ok;
}

/** CSV text → file bytes: UTF-8 with a BOM (Japanese Excel needs it to read UTF-8), or CP932. */
export function encodeCsv(text: string, encoding: ExportEncoding): { bytes: Uint8Array; replaced: number } {
  if (encoding === 'utf8') {
    const body = new TextEncoder().encode(text);
    const bytes = new Uint8Array(BOM.length + body.length);
    bytes.set(BOM);
    bytes.set(body, BOM.length);
    return { bytes, replaced: 0 };
  }
  let replaced = 0;
  let out = '';
  for (const ch of text) {
    const mapped = CP932_VARIANTS.get(ch) ?? ch;
    if (cp932Holds(mapped)) out += mapped;
    else {
      out += '?';
      replaced++;
    }
  }
  return { bytes: new Uint8Array(iconv.encode(out, 'cp932')), replaced };
}
