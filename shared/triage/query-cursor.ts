import { z } from 'zod';
import { bytesToBase64 } from '../base64';
import { TriageSort } from './api';

/**
 * The Triage table's keyset cursor: the sort it was made for and the last row's sort value and
 * id. The next page starts strictly after that (value, id), so page 1,000 costs what page 1
 * does and a lead captured meanwhile neither repeats nor shifts a row. Opaque to the screen:
 * base64url of JSON, checked on the way back in, because a cursor is input like any other.
 */
export const TriageCursor = z.strictObject({
  v: z.literal(1),
  sort: TriageSort.required(),
  /** The last row's sort value; null when it sorted among the rows without a value (nulls come last). */
  value: z.union([z.string().max(600), z.number().finite(), z.null()]),
  id: z.string().min(1).max(64),
});
export type TriageCursor = z.infer<typeof TriageCursor>;

export function encodeCursor(cursor: Omit<TriageCursor, 'v'>): string {
  const base64 = bytesToBase64(new TextEncoder().encode(JSON.stringify({ v: 1, ...cursor })));
  return base64.replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

export type DecodedCursor = { ok: true; cursor: TriageCursor } | { ok: false; reason: 'unreadable' | 'other_sort' };

/** The cursor, if it is one this code made for this sort; a cursor of another sort cannot continue this one. */
export function decodeCursor(text: string, sort: TriageSort): DecodedCursor {
  let json: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/u.test(text)) return { ok: false, reason: 'unreadable' };
    const binary = atob(text.replace(/-/gu, '+').replace(/_/gu, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const parsed = TriageCursor.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'unreadable' };
  const { sort: made } = parsed.data;
  if (made.column !== sort.column || made.dir !== sort.dir) return { ok: false, reason: 'other_sort' };
  return { ok: true, cursor: parsed.data };
}
