import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { parseBadge } from '../../../../shared/badge';
import type { ParsedBadge } from '../../../../shared/model';

/** The badge of a payload that must parse; fails the test with the error otherwise. */
export function badgeOf(payload: string): ParsedBadge {
  const result = parseBadge(payload);
  if (!result.ok) throw new Error(`expected a badge, got ${result.error.code}: ${result.error.message}`);
  expect(Object.values(result.badge)).not.toContain(undefined);
  return result.badge;
}

/**
 * Quoted-printable the way phones wrote it: bytes ≥ 0x80 and `=` as =XX, printable ASCII as
 * is (so a Shift_JIS trail byte 0x5C stays a literal backslash), soft breaks before 76 chars.
 */
export function quotedPrintable(bytes: Uint8Array): string {
  const tokens = Array.from(bytes, (b) =>
    b >= 0x80 || b === 0x3d || b < 0x20 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b),
  );
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  }
  lines.push(line);
  return lines.join('\r\n');
}

export const sjisQp = (text: string) => quotedPrintable(iconv.encode(text, 'Shift_JIS'));
export const utf8Qp = (text: string) => quotedPrintable(new TextEncoder().encode(text));

export const crlf = (...lines: string[]) => lines.join('\r\n');
export const lf = (...lines: string[]) => lines.join('\n');

/** Deterministic noise (mulberry32), so a failing hostile case can be replayed. */
export function noise(length: number, seed: number, alphabet: string): string {
  const chars = Array.from(alphabet);
  let state = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out.push(chars[Math.floor(r * chars.length)]!);
  }
  return out.join('');
}
