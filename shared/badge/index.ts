import type { ParsedBadge, PersonFields } from '../model';
import type { WireError } from '../errors';
import { detect } from './detect';
import { toBadge } from './fields';

export { payloadKey } from './payload-key';

export type BadgeResult = { ok: true; badge: ParsedBadge } | { ok: false; error: WireError };

/**
 * Fields that say who someone is. A URL, a title or a department alone do not: a poster's
 * landing-page QR or the lone `TITLE:部長` left by a split scan is not a person.
 */
const IDENTIFYING: readonly (keyof PersonFields)[] = [
  'badgeId', 'fullName', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'email', 'phone',
];

/**
 * Whether a parsed payload is a badge we know, so a lead may be made from it without a person
 * deciding. `text` is never one, even holding an email (it may be any QR code or a fragment of
 * a card); a known format must also carry something identifying, so an empty `BEGIN:VCARD`
 * (the first line of a card a scanner split) or `{"event":"EXPO"}` is not one either.
 * The roster is asked first by the caller: a payload matching a roster badge id is that
 * attendee whatever this says.
 */
export function isKnownBadge(badge: ParsedBadge): boolean {
  if (badge.format === 'text') return false;
  return IDENTIFYING.some((field) => Boolean(badge[field]?.trim()));
}

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
