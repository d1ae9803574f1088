import type { BadgeFormat, PersonFields } from '../model';
import { looksLikeEmail } from '../normalize/text';
import { parseBizcard } from './bizcard';
import { parseJsonBadge } from './json';
import { parseMecard } from './mecard';
import { parseUrlBadge } from './url';
import { parseVcard } from './vcard';

export type Detected = { format: BadgeFormat; fields: PersonFields };

const ID_TOKEN = /^[A-Za-z0-9_.:/#-]{3,64}$/u;
// Without a digit only an upper-case code is an id (GUEST, VIP-A, STAFF): a lower- or
// mixed-case word is far more often the tail of a name or a sentence a scan was cut from.
const DIGIT_OR_NO_LOWER = /[0-9]|^(?=.*[A-Z])[^a-z]*$/u;
/**
 * One line of a vCard or MECARD (`VERSION:3.0`, `END:VCARD`, `TEL:0312345678`, `item1.EMAIL:…`)
 * is what a wedge scanner leaves when it ends a multi-line card at a line break. It looks like
 * an id, but it is a fragment: its head is a property name, optionally after a group.
 */
const PROPERTY_LINE = /^(?:[A-Za-z0-9-]+\.)?([A-Za-z][A-Za-z0-9-]*)[;:]/u;
const PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'BEGIN', 'END', 'VERSION', 'PRODID', 'REV', 'UID', 'KIND', 'SOURCE', 'NAME', 'PROFILE', 'CLASS',
  'N', 'FN', 'NICKNAME', 'PHOTO', 'BDAY', 'ANNIVERSARY', 'GENDER', 'ADR', 'LABEL', 'TEL', 'EMAIL',
  'MAILER', 'IMPP', 'LANG', 'TZ', 'GEO', 'TITLE', 'ROLE', 'LOGO', 'AGENT', 'ORG', 'MEMBER',
  'RELATED', 'CATEGORIES', 'NOTE', 'SORT-STRING', 'SOUND', 'URL', 'KEY', 'FBURL', 'CALADRURI',
  'CALURI', 'XML', 'CLIENTPIDMAP', 'MEMO', 'TEL-AV',
]);

function isPropertyLine(token: string): boolean {
  const name = PROPERTY_LINE.exec(token)?.[1]?.toUpperCase();
  return name !== undefined && (PROPERTY_NAMES.has(name) || name.startsWith('X-'));
}
// A scheme makes a link, not an id: `javascript:alert1` or `ftp://x/1` stay plain text.
const SCHEME = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:javascript|vbscript|data|file|blob):)/iu;
const EMAIL_MAX = 320;
const MAILTO = /^mailto:/iu;

function startsWithWord(text: string, word: string): boolean {
  return text.slice(0, word.length).toUpperCase() === word;
}

/**
 * Structured codes announce themselves with a prefix and are read as written: NFKC over a
 * whole vCard could turn a full-width `；` in a company name into a separator. Single tokens
 * (a URL, an id, an email) are compared after NFKC, because a USB scanner typing into a
 * Japanese IME sends full-width ＥＸＰＯ２０２６.
 */
export function detect(body: string): Detected {
  if (startsWithWord(body, 'BEGIN:VCARD')) return { format: 'vcard', fields: parseVcard(body) };
  if (startsWithWord(body, 'MECARD:')) return { format: 'mecard', fields: parseMecard(body.slice(7)) };
  if (startsWithWord(body, 'BIZCARD:')) return { format: 'bizcard', fields: parseBizcard(body.slice(8)) };
  if (body.startsWith('{')) {
    const fields = parseJsonBadge(body);
    if (fields) return { format: 'json', fields };
  }
  return detectToken(body.normalize('NFKC').trim());
}

function detectToken(token: string): Detected {
  const url = parseUrlBadge(token);
  if (url) return { format: 'url', fields: url };
  // Before the email: `email;type=work:a@example.com` is a fragment, not an address.
  if (isPropertyLine(token)) return { format: 'text', fields: {} };
  if (ID_TOKEN.test(token) && DIGIT_OR_NO_LOWER.test(token) && !SCHEME.test(token)) {
    return { format: 'id', fields: { badgeId: token } };
  }
  const email = token.replace(MAILTO, '');
  if (email.length <= EMAIL_MAX && looksLikeEmail(email)) return { format: 'text', fields: { email } };
  return { format: 'text', fields: {} };
}
