import { checkPhone } from './phone';
import type { CardField, CardFieldName, CardFields, CardLine } from './reading';
import { DASHES, DIGITISH, findEmail, findUrl, repairDigits } from './repair';
import {
  continuesAddress, hasCompanyForm, hasPrefecture, isDepartment, isEnglishTitle, leadingTitle, looksLikeAddress,
  trailingTitle,
} from './words';

/**
 * Business-card text (OCR lines, top to bottom) into fields by rules that know Japanese cards.
 * Each line is read in two passes: first what a pattern finds anywhere in it (email, URL,
 * 〒 postal code and address, labelled phone numbers), then what is left is a company (a legal
 * form), a title and department (title words), a name (its shape, and the largest line), a
 * reading in kana or romaji, or an address line. Pure: the same lines always give the same fields.
 */

// How sure each rule is; a field's confidence is this times the OCR's confidence in its line.
const SURE = {
  email: 0.97, emailGuessed: 0.5, url: 0.92, postal: 0.97, postalBare: 0.8, address: 0.92, addressLoose: 0.7,
  phoneLabelled: 0.97, phoneBare: 0.88, phoneInvalid: 0.3, company: 0.97, title: 0.92, department: 0.88,
  nameLargest: 0.95, nameShape: 0.75, nameGuess: 0.45, kana: 0.9, latin: 0.85,
} as const;

const PHONE_LABEL: { kind: 'phone' | 'mobile' | 'fax'; pattern: string }[] = [
  { kind: 'mobile', pattern: '携帯電話|携帯|モバイル|Mobile|MOBILE|Mob\\.?|Cell|M' },
  { kind: 'fax', pattern: 'FAX|Fax|fax|ファックス|ファクス|F' },
  { kind: 'phone', pattern: 'TEL|Tel|tel|Phone|PHONE|電話|代表|直通|Direct|☎|T' },
];
const LABEL_KIND = new Map<RegExp, 'phone' | 'mobile' | 'fax'>(
  PHONE_LABEL.map(({ kind, pattern }) => [new RegExp(`^(?:${pattern})$`, 'u'), kind]),
);
const ANY_LABEL = PHONE_LABEL.map((l) => l.pattern).join('|');
/** A number run: starts with +, ( or a digit (or an O read for 0), ends with a digit-like. */
const NUMBER = `[+(0-9O][${DIGITISH}()${DASHES}. ]{7,}[${DIGITISH}]`;
const PHONE_RUN = new RegExp(`(?:(?<![A-Za-z])(${ANY_LABEL})\\s?[.:：)]?\\s?)?(?<![〒A-Za-z0-9])(${NUMBER})`, 'gu');

const POSTAL = new RegExp(`(〒|(?<![A-Za-z])T(?=\\s?[0-9]))?\\s?(?<![0-9-])([${DIGITISH}]{3})\\s?[${DASHES}]\\s?([${DIGITISH}]{4})(?![0-9${DASHES}])`, 'u');

/** Words that label a field and say nothing themselves once the field is taken out. */
const LEFTOVER_LABELS = /(?:E-?mail|e-?mail|EMAIL|Mail|MAIL|Emai|メール|URL|Web|WEB|HP|Homepage|住所|Address|所在地)\s?[.:：]?/gu;

const JA_NAME = /^[\p{Script=Han}々〆ヶ]{1,4} ?[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々ー]{1,5}$/u;
const KANA_NAME = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]{1,8} [\p{Script=Hiragana}\p{Script=Katakana}ー]{1,8}$/u;
const LATIN_NAME = /^[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){1,2}$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

type Fields = Partial<Record<CardFieldName, CardField>>;

const round = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;

function put(fields: Fields, name: CardFieldName, value: string, sure: number, line: CardLine): void {
  const confidence = round(sure * line.confidence);
  const current = fields[name];
  if (value && (!current || current.confidence < confidence)) fields[name] = { value, confidence, source: 'text' };
}

const cut = (text: string, start: number, end: number) => `${text.slice(0, start)} ${text.slice(end)}`;

/** Tokens that are only OCR noise: punctuation, stray dashes, single symbols. */
function dropNoise(text: string): string {
  return text
    .split(/\s+/u)
    .filter((tok) => /[\p{L}\p{N}]/u.test(tok) && !/^[ー一ｰ\-_~]+$/u.test(tok))
    .join(' ')
    .trim();
}

/** Pass one: what a pattern finds anywhere in the line. Answers the text left over. */
function takePatterns(text: string, line: CardLine, fields: Fields): { rest: string; address: boolean } {
  let rest = text;
  const email = findEmail(rest);
  if (email) {
    put(fields, 'email', email.value, email.guessed ? SURE.emailGuessed : SURE.email, line);
    rest = cut(rest, email.start, email.end);
  }
  const url = findUrl(rest);
  if (url) {
    put(fields, 'url', url.value, SURE.url, line);
    rest = cut(rest, url.start, url.end);
  }
  let address = false;
  const postal = POSTAL.exec(rest);
  if (postal) {
    const after = rest.slice(postal.index + postal[0].length);
    const marked = postal[1] !== undefined;
    // A bare 123-4567 is a postal code only beside an address (else it may be part of a number).
    if (marked || looksLikeAddress(after) || looksLikeAddress(rest.slice(0, postal.index))) {
      const code = `${repairDigits(postal[2] ?? '')}-${repairDigits(postal[3] ?? '')}`;
      if (/^\d{3}-\d{4}$/u.test(code)) {
        put(fields, 'postalCode', code, marked ? SURE.postal : SURE.postalBare, line);
        const before = rest.slice(0, postal.index).replace(LEFTOVER_LABELS, '').trim();
        const place = dropNoise(after.replace(/^[\s,]+/u, '')) || dropNoise(before);
        // English addresses put the postal code last: the address is what precedes it.
        const whole = marked ? place : dropNoise(`${before} ${after}`.replace(/[,\s]+$/u, ''));
        if (whole && looksLikeAddress(whole)) {
          put(fields, 'address', whole, hasPrefecture(whole) || !marked ? SURE.address : SURE.addressLoose, line);
          address = true;
          rest = '';
        } else rest = cut(rest, postal.index, postal.index + postal[0].length);
      }
    }
  }
  rest = takePhones(rest, line, fields);
  return { rest: dropNoise(rest.replace(LEFTOVER_LABELS, ' ')), address };
}

function takePhones(text: string, line: CardLine, fields: Fields): string {
  let rest = text;
  for (const m of [...text.matchAll(PHONE_RUN)].reverse()) {
    const checked = checkPhone(m[2] ?? '');
    if (!checked) continue;
    const label = m[1];
    const labelled = label ? [...LABEL_KIND].find(([re]) => re.test(label))?.[1] : undefined;
    // A bare number beside an address is the company's phone unless its range says mobile.
    const kind = labelled ?? (checked.mobile ? 'mobile' : 'phone');
    const sure = !checked.valid ? SURE.phoneInvalid : labelled ? SURE.phoneLabelled : SURE.phoneBare;
    put(fields, kind, checked.value, sure, line);
    rest = cut(rest, m.index, m.index + m[0].length);
  }
  return rest;
}

interface NameCandidate {
  kind: 'ja' | 'kana' | 'latin' | 'guess';
  text: string;
  line: CardLine;
}

/** Pass two: the text left on a line once patterns are out. Names are decided after all lines. */
function classify(rest: string, line: CardLine, fields: Fields, names: NameCandidate[], afterAddress: boolean): boolean {
  if (!rest) return false;
  if (afterAddress && continuesAddress(rest) && !hasCompanyForm(rest) && fields.address) {
    fields.address = { ...fields.address, value: `${fields.address.value} ${rest}` };
    return true;
  }
  if (hasCompanyForm(rest)) {
    takeCompany(rest, line, fields);
    return false;
  }
  const lead = leadingTitle(rest);
  if (lead) {
    put(fields, 'title', lead, SURE.title, line);
    return classify(rest.slice(lead.length).trim(), line, fields, names, false);
  }
  if (JA_NAME.test(rest) && !trailingTitle(rest) && !(isDepartment(rest) && !rest.includes(' '))) {
    names.push({ kind: 'ja', text: rest, line });
    return false;
  }
  if (KANA_NAME.test(rest)) {
    names.push({ kind: 'kana', text: rest, line });
    return false;
  }
  if (takeTitleAndDepartment(rest, line, fields)) return false;
  if (LATIN_NAME.test(rest) && !isDepartment(rest) && !isEnglishTitle(rest)) {
    names.push({ kind: 'latin', text: rest, line });
    return false;
  }
  if (looksLikeAddress(rest) && !fields.address) {
    put(fields, 'address', rest, hasPrefecture(rest) ? SURE.address : SURE.addressLoose, line);
    return true;
  }
  if (CJK.test(rest) && rest.replace(/\s/gu, '').length <= 10) names.push({ kind: 'guess', text: rest, line });
  return false;
}

/** A company line may carry the department after it (株式会社サンプル 営業部). */
function takeCompany(text: string, line: CardLine, fields: Fields): void {
  const parts = text.split(' ');
  let end = parts.length;
  while (end > 1 && !hasCompanyForm(parts.slice(end - 1).join(' ')) && (isDepartment(parts[end - 1]!) || trailingTitle(parts[end - 1]!))) end--;
  const company = parts.slice(0, end).join(' ');
  const compact = /[A-Za-z]/u.test(company) ? company : company.replace(/ /gu, '');
  put(fields, 'company', compact, SURE.company, line);
  if (end < parts.length) takeTitleAndDepartment(parts.slice(end).join(' '), line, fields);
}

/** 営業本部 第一営業部 部長 → department 営業本部 第一営業部, title 部長. Answers whether it took anything. */
function takeTitleAndDepartment(text: string, line: CardLine, fields: Fields): boolean {
  const title = trailingTitle(text);
  if (title) {
    const before = text.slice(0, -title.length);
    const spaced = before.endsWith(' ');
    const dept = before.trim();
    if (!dept) put(fields, 'title', title, SURE.title, line);
    else if (spaced || isDepartment(dept)) {
      put(fields, 'title', title, SURE.title, line);
      put(fields, 'department', dept, SURE.department, line);
    } else put(fields, 'title', text, SURE.title, line);
    return true;
  }
  if (/[A-Za-z]/u.test(text) && (isDepartment(text) || isEnglishTitle(text))) {
    for (const part of text.split(/\s*[,/|]\s*/u)) {
      if (isDepartment(part)) put(fields, 'department', part, SURE.department, line);
      else if (isEnglishTitle(part)) put(fields, 'title', part, SURE.title, line);
    }
    return true;
  }
  if (CJK.test(text) && isDepartment(text.split(' ').at(-1) ?? '')) {
    put(fields, 'department', text, SURE.department, line);
    return true;
  }
  return false;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/** The name: the largest name-shaped line; a reading in kana or romaji beside it. */
function decideNames(names: NameCandidate[], lines: readonly CardLine[], fields: Fields): void {
  const tallest = Math.max(0, ...lines.map((l) => l.height));
  const typical = median(lines.map((l) => l.height));
  const isLargest = (c: NameCandidate) => tallest > 0 && c.line.height === tallest && tallest >= typical * 1.3;
  const byHeight = (a: NameCandidate, b: NameCandidate) => b.line.height - a.line.height;

  const ja = names.filter((c) => c.kind === 'ja').sort(byHeight)[0] ?? names.filter((c) => c.kind === 'guess' && isLargest(c))[0];
  if (ja) {
    const sure = ja.kind === 'guess' ? SURE.nameGuess : isLargest(ja) ? SURE.nameLargest : SURE.nameShape;
    putName(fields, ja.text.replace(/ +/gu, ' '), sure, ja.line, false);
  }
  const kana = names.find((c) => c.kind === 'kana');
  if (kana) {
    const [family, given] = kana.text.split(' ');
    put(fields, 'familyNameKana', family ?? '', SURE.kana, kana.line);
    put(fields, 'givenNameKana', given ?? '', SURE.kana, kana.line);
  }
  const latin = names.filter((c) => c.kind === 'latin').sort(byHeight)[0];
  if (latin) {
    put(fields, 'nameLatin', latin.text, SURE.latin, latin.line);
    if (!ja) putName(fields, latin.text, isLargest(latin) ? SURE.nameLargest : SURE.latin, latin.line, true);
  }
}

function putName(fields: Fields, text: string, sure: number, line: CardLine, latin: boolean): void {
  put(fields, 'fullName', text, sure, line);
  const parts = text.split(' ');
  if (parts.length < 2) return;
  // Romaji is printed given-first (Taro Yamada) unless the family name is in capitals (YAMADA Taro).
  const familyFirst = !latin || (parts[0]!.length > 1 && parts[0] === parts[0]!.toUpperCase());
  const family = familyFirst ? parts[0]! : parts.at(-1)!;
  const given = familyFirst ? parts.slice(1).join(' ') : parts.slice(0, -1).join(' ');
  put(fields, 'familyName', family, sure, line);
  put(fields, 'givenName', given, sure, line);
}

/** NFKC (full-width ASCII, ℡ → TEL), one space between words, ideographic spaces included. */
const normalizeLine = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/gu, ' ').trim();

export function readCardText(lines: readonly CardLine[]): CardFields {
  const fields: Fields = {};
  const names: NameCandidate[] = [];
  let afterAddress = false;
  for (const line of lines) {
    const text = normalizeLine(line.text);
    if (!text) continue;
    const { rest, address } = takePatterns(text, line, fields);
    const continued = classify(rest, line, fields, names, afterAddress);
    afterAddress = address || continued;
  }
  decideNames(names, lines, fields);
  return fields;
}

/** Plain text (one line per line, no heights or confidences): what the CLI and tests hand in. */
export function readCardLines(text: string, confidence = 1): CardFields {
  return readCardText(text.split(/\r?\n/u).map((t) => ({ text: t, confidence, height: 0 })));
}
