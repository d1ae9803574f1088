import { z } from 'zod';
import { bytesToBase64 } from '../base64';
import { AccountSortColumn } from './api';

/**
 * The Accounts list's keyset cursor: the sort it was made for and the last row's sort value,
 * name and id. The next page starts strictly after that row in the list's order (the sort
 * column, then the name, then the id), so no account repeats or goes missing between pages
 * and page 20 costs what page 1 does. Opaque to the screen: base64url of JSON, checked on the
 * way back in, because a cursor is input like any other.
 */
export const AccountCursor = z.strictObject({
  v: z.literal(1),
  sort: z.object({ column: AccountSortColumn, dir: z.enum(['asc', 'desc']) }),
  value: z.union([z.string().max(600), z.number().finite()]),
  name: z.string().max(600),
  id: z.string().min(1).max(64),
});
export type AccountCursor = z.infer<typeof AccountCursor>;

export function encodeAccountCursor(cursor: Omit<AccountCursor, 'v'>): string {
  const base64 = bytesToBase64(new TextEncoder().encode(JSON.stringify({ v: 1, ...cursor })));
  return base64.replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

/** The cursor, if this code made it for this very sort; null otherwise (another sort cannot continue this one). */
export function decodeAccountCursor(text: string, sort: AccountCursor['sort']): AccountCursor | null {
  try {
    if (!/^[A-Za-z0-9_-]+$/u.test(text)) return null;
    const binary = atob(text.replace(/-/gu, '+').replace(/_/gu, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed = AccountCursor.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    if (!parsed.success || parsed.data.sort.column !== sort.column || parsed.data.sort.dir !== sort.dir) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
