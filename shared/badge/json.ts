import type { PersonFields } from '../model';
import { splitKana } from './fields';

type Plain = Record<string, unknown>;
type Field = keyof PersonFields | 'kana';

// Registration systems name keys every which way: camelCase, snake_case, romanized Japanese
// (sei/mei, kaisha) and Japanese itself. Keys compare after NFKC, lower-casing and dropping
// `_`, `-`, `.` and spaces; within a field the more specific key comes first.
const ALIASES: Record<Field, string[]> = {
  badgeId: ['badgeid', 'attendeeid', 'registrationid', 'visitorid', 'ticketid', 'barcode', 'id', '受付番号', '来場者番号'],
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

/** Badge apps often wrap the person: `{ "ticket": "…", "attendee": { … } }`. */
const NESTED = ['attendee', 'visitor', 'registrant', 'participant', 'person', 'contact', 'profile'];

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

function nestedObject(object: Plain): Plain | undefined {
  for (const [name, value] of Object.entries(object)) {
    if (NESTED.includes(keyOf(name)) && isPlain(value)) return value;
  }
  return undefined;
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
  const nested = nestedObject(value);
  if (!nested) return outer;
  // The outer object speaks for the badge (its id, which may be a ticket's), the nested one
  // for the person (an outer "name" may well be the event's).
  const inner = readObject(nested);
  return { ...defined(outer), ...defined(inner), badgeId: outer.badgeId ?? inner.badgeId };
}

function defined(fields: PersonFields): PersonFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
