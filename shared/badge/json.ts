import type { PersonFields } from '../model';
import { splitKana } from './fields';

type Plain = Record<string, unknown>;
type Field = keyof PersonFields | 'kana';

// Registration systems name keys every which way: camelCase, snake_case, romanized Japanese
// (sei/mei, kaisha) and Japanese itself. Keys compare after NFKC, lower-casing and dropping
// `_`, `-`, `.` and spaces; within a field the more specific key comes first.
const ALIASES: Record<Field, string[]> = {
  // `badge`, `attendee` and `ticket` name the id only when they hold a string; holding an
  // object they are containers (see PERSON_CONTAINERS). `code` is last: it is as often an event's code.
  badgeId: [
    'badgeid', 'badgenumber', 'badgeno', 'attendeeid', 'attendeenumber', 'registrationid', 'registrationnumber',
    'visitorid', 'ticketid', 'ticketnumber', 'ticketno', 'ticketcode', 'barcode', 'qrcode',
    'badge', 'attendee', 'ticket', '受付番号', '来場者番号', 'id', 'code',
  ],
  fullName: ['fullname', 'name', 'displayname', 'shimei', '氏名', '名前', 'お名前'],
  familyName: ['familyname', 'lastname', 'surname', 'sei', '姓'],
  givenName: ['givenname', 'firstname', 'mei', '名'],
  familyNameKana: ['familynamekana', 'lastnamekana', 'surnamekana', 'seikana', 'セイ', '姓カナ', '姓フリガナ'],
  givenNameKana: ['givennamekana', 'firstnamekana', 'meikana', 'メイ', '名カナ', '名フリガナ'],
  kana: ['kana', 'namekana', 'fullnamekana', 'furigana', 'yomi', 'shimeikana', 'フリガナ', 'ふりがな', 'カナ', '氏名カナ'],
  company: ['company', 'companyname', 'organization', 'organisation', 'org', 'kaisha', 'kaishamei', '会社名', '会社', '企業名', '勤務先'],
  department: ['department', 'dept', 'division', 'busho', 'bushomei', '部署', '部署名', '所属'],
  title: ['title', 'jobtitle', 'position', 'yakushoku', '役職', '役職名'],
  email: ['email', 'mail', 'emailaddress', 'mailaddress', 'メール', 'メールアドレス'],
  phone: ['phone', 'tel', 'telephone', 'phonenumber', 'telnumber', 'mobile', 'mobilephone', 'cell', 'denwa', '電話', '電話番号', '携帯', '携帯電話'],
  url: ['url', 'website', 'web', 'homepage', 'ホームページ'],
};

/**
 * Badge apps wrap things one level down: `{ "ticket": { "code": … }, "attendee": { … } }`.
 * Any object under a key is read, but what it speaks for depends on its name: a person's
 * container gives the person, a ticket's gives the id, and an event's or a venue's says
 * nothing about the person (its `name` is the show's). Unknown names (`data`, `payload`)
 * only fill what the others left blank.
 */
const PERSON_CONTAINERS = ['attendee', 'visitor', 'registrant', 'registration', 'participant', 'person', 'contact', 'profile', 'user', 'guest', 'member'];
const TICKET_CONTAINERS = ['ticket', 'badge', 'pass', 'admission'];
const NOT_THE_PERSON = ['event', 'exhibition', 'expo', 'show', 'venue', 'session', 'seminar', 'organizer', 'organiser', 'exhibitor', 'booth', 'meta', 'metadata'];

function keyOf(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_.-]/gu, '');
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings and numbers only: an object or a boolean where a name belongs is not a name. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function readObject(object: Plain): PersonFields {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(object)) {
    const text = scalar(value);
    const key = keyOf(name);
    if (text !== undefined && !values.has(key)) values.set(key, text);
  }
  const pick = (field: Field) => {
    const alias = ALIASES[field].find((name) => values.has(name));
    return alias === undefined ? undefined : values.get(alias);
  };

  const person: PersonFields = {};
  for (const field of Object.keys(ALIASES) as Field[]) {
    if (field !== 'kana') person[field] = pick(field);
  }
  const kana = pick('kana');
  if (kana !== undefined) {
    const [family, given] = splitKana([kana]);
    person.familyNameKana ??= family;
    person.givenNameKana ??= given;
  }
  return person;
}

type Containers = { person: Plain[]; ticket: Plain[]; other: Plain[] };

/** The objects one level down, by what they speak for; anything deeper is not looked at. */
function containersOf(object: Plain): Containers {
  const found: Containers = { person: [], ticket: [], other: [] };
  for (const [name, value] of Object.entries(object)) {
    if (!isPlain(value)) continue;
    const key = keyOf(name);
    if (PERSON_CONTAINERS.includes(key)) found.person.push(value);
    else if (TICKET_CONTAINERS.includes(key)) found.ticket.push(value);
    else if (!NOT_THE_PERSON.includes(key)) found.other.push(value);
  }
  return found;
}

/** A JSON object's person fields, or undefined when the text is not a JSON object. */
export function parseJsonBadge(text: string): PersonFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlain(value)) return undefined;
  const outer = readObject(value);
  const { person, ticket, other } = containersOf(value);
  const people = person.map(readObject);
  const rest = other.map(readObject);
  // The outer object and a ticket speak for the badge id (the one printed on it); a person's
  // container speaks for the person (an outer "name" may well be the event's), and a ticket's
  // name is the kind of pass ("VIP"), so a ticket gives nothing else.
  const fields = firstOfEach([...people, outer, ...rest]);
  const badgeId = [outer, ...ticket.map(readObject), ...people, ...rest].find((source) => source.badgeId)?.badgeId;
  return badgeId === undefined ? fields : { ...fields, badgeId };
}

const NAME_PARTS = ['fullName', 'familyName', 'givenName'] as const;

/**
 * Each field from the first source that has it, except that a name comes whole from one
 * source: the attendee's first and last name with the outer object's `name` (the show's)
 * would make a wrong fullName.
 */
function firstOfEach(sources: PersonFields[]): PersonFields {
  const named = sources.find((source) => NAME_PARTS.some((part) => source[part] !== undefined));
  const fields: PersonFields = {};
  for (const source of [...sources].reverse()) {
    for (const [key, value] of Object.entries(source) as [keyof PersonFields, string | undefined][]) {
      if (value !== undefined && !(NAME_PARTS as readonly string[]).includes(key)) fields[key] = value;
    }
  }
  for (const part of NAME_PARTS) if (named?.[part] !== undefined) fields[part] = named[part];
  return fields;
}
