import type { ParsedBadge } from '../model';
import type { WireError } from '../errors';
import { detect } from './detect';
import { toBadge } from './fields';

export type BadgeResult = { ok: true; badge: ParsedBadge } | { ok: false; error: WireError };

/** 256 KiB of characters: far above any QR code (under 8 KB) or printed badge. */
const BADGE_MAX_CHARS = 256 * 1024;

function fail(code: string, message: string): BadgeResult {
  return { ok: false, error: { code, message } };
}

/**
 * What a scanned or typed badge payload says about the person. Never throws: the scan loop
 * must keep going whatever the camera or a keyboard-wedge scanner hands it, and `raw` keeps
 * the payload verbatim for a person to read later.
 */
export function parseBadge(payload: string): BadgeResult {
  if (typeof payload !== 'string') return fail('badge.empty', 'The badge payload is not text');
  if (payload.length > BADGE_MAX_CHARS) {
    return fail('badge.too_large', `The badge payload is longer than ${BADGE_MAX_CHARS} characters`);
  }
  // trim() also drops U+FEFF, so a BOM and the blank lines scanners add around a code go.
  const body = payload.trim();
  if (body === '') return fail('badge.empty', 'The badge payload is empty');
  try {
    const { format, fields } = detect(body);
    return { ok: true, badge: toBadge(format, payload, fields) };
  } catch {
    // A parser bug must not lose the scan: the payload is kept as text for a person to read.
    return { ok: true, badge: toBadge('text', payload, {}) };
  }
}
