import type { PersonFields } from '../model';
import { cleanUrl } from '../normalize/text';

// Most specific first: `?badge_id=…&code=…` means the badge id, not the code. Names compare
// without case, `_` or `-`, so badge_id, badgeId and BADGE-ID are one name.
const ID_PARAMS = ['badgeid', 'attendeeid', 'badge', 'attendee', 'aid', 'id', 'uid', 'ticket', 'code'];

/** A registration-site URL; the badge id is taken from the query when one is named like one. */
export function parseUrlBadge(text: string): PersonFields | undefined {
  const url = cleanUrl(text);
  if (url === undefined) return undefined;
  const params = new Map<string, string>();
  for (const [name, value] of new URL(url).searchParams) {
    const key = name.toLowerCase().replace(/[_-]/gu, '');
    if (value.trim() && !params.has(key)) params.set(key, value);
  }
  const idParam = ID_PARAMS.find((name) => params.has(name));
  return idParam === undefined ? { url } : { url, badgeId: params.get(idParam)! };
}
