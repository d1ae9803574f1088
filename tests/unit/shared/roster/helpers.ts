import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { AppError } from '../../../../shared/errors';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const sjisFixture = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'roster-sjis.csv');

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const utf8Bom = (text: string): Uint8Array => concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(text));
/** What Excel's "CSV" save gives on a Japanese Windows: CP932, extensions included. */
export const cp932 = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'cp932'));
export const utf16le = (text: string): Uint8Array => utf16(text, true);
export const utf16be = (text: string): Uint8Array => utf16(text, false);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** What fn throws, or undefined when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** The AppError code fn throws, or a note saying what happened instead. */
export function codeOf(fn: () => unknown): string {
  const err = thrown(fn);
  if (err === undefined) return 'no error';
  return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
}

/** Seeded, so a failing "random bytes" case fails the same way every run. */
export function pseudoRandomBytes(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

export const PNG_HEAD = Uint8Array.of(
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5c, 0x72, 0xa8,
);
