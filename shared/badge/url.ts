import type { PersonFields } from '../model';

/** PersonFields.url's limit; a URL cut short is a wrong URL, so a longer one is not kept. */
const URL_MAX = 2000;
const HTTP = /^https?:\/\//iu;

/** The URL as written (NFKC, trimmed), if it is a well-formed http(s) URL; nothing else is. */
export function httpUrl(value: string): string | undefined {
  const text = value.normalize('NFKC').trim();
  if (text.length > URL_MAX || !HTTP.test(text) || /\s/u.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

// Most specific first: `?badge_id=…&code=…` means the badge id, not the code. Names compare
// without case, `_` or `-`, so badge_id, badgeId and BADGE-ID are one name.
const ID_PARAMS = ['badgeid', 'attendeeid', 'badge', 'attendee', 'aid', 'id', 'uid', 'ticket', 'code'];

/** A registration-site URL; the badge id is taken from the query when one is named like one. */
export function parseUrlBadge(text: string): PersonFields | undefined {
  const url = httpUrl(text);
  if (url === undefined) return undefined;
  const params = new Map<string, string>();
  for (const [name, value] of new URL(url).searchParams) {
    const key = name.toLowerCase().replace(/[_-]/gu, '');
    if (value.trim() && !params.has(key)) params.set(key, value);
  }
  const idParam = ID_PARAMS.find((name) => params.has(name));
  return idParam === undefined ? { url } : { url, badgeId: params.get(idParam)! };
}
