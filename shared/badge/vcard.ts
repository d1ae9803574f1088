import type { PersonFields } from '../model';
import { decodeBytes, decodeQuotedPrintable, leadBytesOf, resolveCharset } from './charset';
import { splitEscaped, splitText, unescapeBytes, unescapeText } from './escapes';
import { looksLikeKana, splitKana } from './fields';
import { cleanUrl } from '../normalize/text';

/** One content line: `[group.]NAME *(;param) : value`, the group dropped. */
type Property = {
  name: string;
  params: Map<string, string[]>;
  value: string;
};

const SEMICOLON = 0x3b;
const COLON = 0x3a;
const QUOTE = 0x22;
// No real card repeats a parameter this often, or has more parts in N, ORG or SOUND: the rest
// of a hostile line is ignored rather than allocated.
const MAX_PARAM_VALUES = 64;
const MAX_COMPONENTS = 16;

/** Vendor properties carrying the reading of a name; Apple/Android first. */
const READINGS: [family: string, given: string][] = [
  ['X-PHONETIC-LAST-NAME', 'X-PHONETIC-FIRST-NAME'],
  ['X-FURIGANA-LAST-NAME', 'X-FURIGANA-FIRST-NAME'],
  ['X-FURIGANA-FAMILY', 'X-FURIGANA-GIVEN'],
];

/** Only ids an event system put there; UID is the address book's id and NOTE is free text. */
const BADGE_ID_PROPERTIES = ['X-BADGE-ID', 'X-ATTENDEE-ID', 'X-REGISTRATION-ID'];

const WANTED: ReadonlySet<string> = new Set([
  'BEGIN', 'END', 'N', 'FN', 'ORG', 'TITLE', 'EMAIL', 'TEL', 'URL', 'SOUND',
  ...READINGS.flat(), ...BADGE_ID_PROPERTIES,
]);


// vCard 2.1 folds like RFC 822, where the whitespace after the line break is part of the
// value; 3.0 and 4.0 fold like RFC 2425/6350, where it is not.
const VERSION_21 = /^VERSION:[ \t]*2\.1/imu;
const QP_HEAD = /QUOTED-PRINTABLE/iu;

/**
 * Physical lines joined into content lines: folded lines (a break then a space or tab) and
 * QUOTED-PRINTABLE soft breaks (`=` at the end of a line). Parts are collected and joined
 * once, as re-slicing a growing string would be quadratic on a hostile card.
 */
function contentLines(text: string): string[] {
  const keepFoldSpace = VERSION_21.test(text);
  const lines: string[] = [];
  let parts: string[] = [];
  let quotedPrintable = false;
  const flush = () => {
    if (parts.length > 0) lines.push(parts.join(''));
    parts = [];
  };
  for (const line of text.split(/\r\n|\r|\n/u)) {
    const last = parts[parts.length - 1];
    if (last !== undefined && quotedPrintable && last.endsWith('=')) {
      parts[parts.length - 1] = last.slice(0, -1);
      parts.push(line);
    } else if (last !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) {
      parts.push(keepFoldSpace ? line : line.slice(1));
    } else {
      flush();
      if (line.trim() === '') continue;
      parts.push(line);
      const colon = line.indexOf(':');
      quotedPrintable = QP_HEAD.test(colon < 0 ? line : line.slice(0, colon));
    }
  }
  flush();
  return lines;
}

/** RFC 6868: `^n`, `^'` and `^^` inside parameter values. */
function unescapeParam(value: string): string {
  if (!value.includes('"') && !value.includes('^')) return value;
  const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return unquoted.replace(/\^([n'^])/gu, (_, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));
}

function parseLine(line: string, wanted: ReadonlySet<string>): Property | undefined {
  // Names hold no quotes; looking at the name first spares unwanted lines (a PHOTO, a hostile
  // card's 100k X- lines) the parameter parsing.
  let nameEnd = 0;
  while (nameEnd < line.length && line.charCodeAt(nameEnd) !== SEMICOLON && line.charCodeAt(nameEnd) !== COLON) nameEnd++;
  const head = line.slice(0, nameEnd);
  const name = head.slice(head.lastIndexOf('.') + 1).trim().toUpperCase();
  if (!wanted.has(name)) return undefined;

  // Quotes only matter before the value: a quoted parameter (SORT-AS="…") may hold `;` or `:`.
  const semicolons: number[] = [];
  let colon = -1;
  let quoted = false;
  for (let i = nameEnd; i < line.length && colon < 0; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === SEMICOLON) semicolons.push(i);
    else if (!quoted && c === COLON) colon = i;
  }
  if (colon < 0) return undefined;

  const params = new Map<string, string[]>();
  for (let i = 0; i < semicolons.length; i++) {
    const segment = line.slice(semicolons[i]! + 1, semicolons[i + 1] ?? colon).trim();
    const eq = segment.indexOf('=');
    // vCard 2.1 writes types bare (`TEL;WORK;VOICE`), and encodings too (`;QUOTED-PRINTABLE`).
    const key = eq < 0 ? 'TYPE' : segment.slice(0, eq).trim().toUpperCase();
    const value = unescapeParam(eq < 0 ? segment : segment.slice(eq + 1).trim());
    const values = key === 'TYPE' ? value.split(',').map((t) => t.trim().toUpperCase()) : [value];
    const list = params.get(key) ?? [];
    if (list.length === 0) params.set(key, list);
    list.push(...values.slice(0, Math.max(0, MAX_PARAM_VALUES - list.length)));
  }
  return { name, params, value: line.slice(colon + 1) };
}

function readProperties(text: string): Map<string, Property[]> {
  const byName = new Map<string, Property[]>();
  // An embedded card (a 2.1 AGENT) is someone else: only the outer card's lines count.
  let depth = 0;
  for (const line of contentLines(text)) {
    const property = parseLine(line, WANTED);
    if (!property) continue;
    if (property.name === 'BEGIN') depth++;
    else if (property.name === 'END') {
      if (--depth <= 0) break;
    } else if (depth === 1) {
      const list = byName.get(property.name);
      if (list) list.push(property);
      else byName.set(property.name, [property]);
    }
  }
  return byName;
}

function param(property: Property, key: string): string | undefined {
  return property.params.get(key)?.[0];
}

function hasType(property: Property, type: string): boolean {
  return property.params.get('TYPE')?.includes(type) ?? false;
}

function encodingOf(property: Property): string {
  const encoding = param(property, 'ENCODING')?.toUpperCase();
  if (encoding) return encoding;
  if (hasType(property, 'QUOTED-PRINTABLE')) return 'QUOTED-PRINTABLE';
  if (hasType(property, 'BASE64')) return 'BASE64';
  return '8BIT';
}

/**
 * The value unescaped and decoded, whole or as its `;`-separated components. A
 * QUOTED-PRINTABLE value is bytes in its CHARSET, so it is split and unescaped as bytes before
 * decoding. Any other value is already text: a CHARSET on it said how the file was to be read,
 * which is done. Binary values (a PHOTO, an audio SOUND) have no text.
 */
function decode(property: Property, split: boolean): string[] {
  const encoding = encodingOf(property);
  if (encoding === 'B' || encoding === 'BASE64') return [];
  if (encoding !== 'QUOTED-PRINTABLE') {
    const parts = split ? splitText(property.value, ';', MAX_COMPONENTS) : [property.value];
    return parts.map(unescapeText);
  }
  const bytes = decodeQuotedPrintable(property.value);
  const charset = resolveCharset(bytes, param(property, 'CHARSET'));
  const isLead = leadBytesOf(charset);
  const parts = split ? splitEscaped(bytes, SEMICOLON, isLead, MAX_COMPONENTS) : [bytes];
  return parts.map((piece) => decodeBytes(unescapeBytes(piece, isLead), charset));
}

const components = (property: Property) => decode(property, true);

/** The whole value as one text: an unescaped `;` in FN or EMAIL is just a character. */
function text(property: Property | undefined): string | undefined {
  return property ? decode(property, false)[0] : undefined;
}

function firstText(properties: Property[] | undefined, accept: (value: string) => boolean): string | undefined {
  for (const property of properties ?? []) {
    const value = text(property);
    if (value !== undefined && accept(value)) return value;
  }
  return undefined;
}

/** Lower rank first, then the order in the card. */
function best(properties: Property[] | undefined, rank: (p: Property) => number): Property | undefined {
  let chosen: Property | undefined;
  let chosenRank = Infinity;
  for (const property of properties ?? []) {
    const r = rank(property);
    if (r < chosenRank && text(property)?.trim()) [chosen, chosenRank] = [property, r];
  }
  return chosen;
}

// 3.0 marks the preferred one as TYPE=PREF, 4.0 as PREF=1 (any PREF value counts).
const isPreferred = (p: Property) => hasType(p, 'PREF') || p.params.has('PREF');

const emailRank = (p: Property) => (isPreferred(p) ? 0 : hasType(p, 'WORK') ? 1 : 2);

// Booth staff call back on the desk or the mobile; a fax or pager number is last resort.
function telRank(p: Property): number {
  if ((hasType(p, 'FAX') || hasType(p, 'PAGER')) && !hasType(p, 'VOICE')) return 4;
  if (hasType(p, 'WORK') || hasType(p, 'CELL')) return isPreferred(p) ? 0 : 1;
  return isPreferred(p) ? 2 : 3;
}

type Props = Map<string, Property[]>;

function readingOf(props: Props): [string | undefined, string | undefined] {
  for (const [familyName, givenName] of READINGS) {
    const family = text(props.get(familyName)?.[0]);
    const given = text(props.get(givenName)?.[0]);
    if (family || given) return [family, given];
  }
  const n = props.get('N')?.[0];
  const sortAs = n && param(n, 'SORT-AS');
  if (sortAs) {
    const parts = splitText(sortAs, ',', MAX_COMPONENTS);
    if (parts.every((p) => !p.trim() || looksLikeKana(p))) return splitKana(parts);
  }
  // Japanese phones put the reading in SOUND, flagged X-IRMC-N, structured like N; elsewhere
  // SOUND is audio, so without the flag it must at least be kana.
  for (const sound of props.get('SOUND') ?? []) {
    const parts = components(sound);
    if (hasType(sound, 'X-IRMC-N') || (parts.some((p) => p.trim()) && parts.every((p) => !p.trim() || looksLikeKana(p)))) {
      return splitKana(parts);
    }
  }
  return [undefined, undefined];
}

/** Everything between BEGIN:VCARD and END:VCARD that a lead needs; the rest is ignored. */
export function parseVcard(payload: string): PersonFields {
  const props = readProperties(payload);
  const first = (name: string) => props.get(name)?.[0];

  const n = first('N');
  const org = first('ORG');
  const [familyName, givenName] = n ? components(n) : [];
  const [company, ...units] = org ? components(org) : [];
  const [familyNameKana, givenNameKana] = readingOf(props);
  const badgeId = BADGE_ID_PROPERTIES.map((name) => text(first(name))).find((v) => v?.trim());
  const url = firstText(props.get('URL'), (v) => cleanUrl(v) !== undefined);

  return {
    badgeId,
    fullName: text(first('FN')),
    familyName,
    givenName,
    familyNameKana,
    givenNameKana,
    company,
    // ORG:会社;事業本部;営業部 — every unit after the company is part of the department.
    department: units.filter((u) => u.trim()).join(' ') || undefined,
    title: text(first('TITLE')),
    email: text(best(props.get('EMAIL'), emailRank)),
    phone: text(best(props.get('TEL'), telRank)),
    url,
  };
}
