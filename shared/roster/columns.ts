import { z } from 'zod';
import { AppError } from '../errors';

export const RosterField = z.enum([
  'badgeId', 'fullName', 'familyName', 'givenName', 'fullNameKana', 'familyNameKana',
  'givenNameKana', 'company', 'department', 'title', 'email', 'phone',
]);
export type RosterField = z.infer<typeof RosterField>;

/** One entry per CSV column, in column order: the field it feeds, or null to ignore it. */
export const RosterMapping = z.array(RosterField.nullable());
export type RosterMapping = z.infer<typeof RosterMapping>;

/**
 * Header names organizers' systems actually write, strongest first: when two columns match
 * one field, the earlier name in its list wins (電話番号 over 携帯電話, a badge/barcode column
 * over a generic "ID"), and between equals the leftmost column wins.
 */
const HEADER_NAMES: Record<RosterField, string[]> = {
  badgeId: [
    'バッジID', 'バッジ番号', 'Badge ID', 'Badge No', 'Badge Number', 'バーコード', 'バーコード番号',
    'Barcode', 'QRコード', 'QR Code', '来場者ID', '来場者番号', '参加者ID', '参加者番号',
    'Attendee ID', '受付番号', '受付ID', '登録番号', '登録ID', 'Registration ID',
    'Registration No', 'Registration Number', '申込番号', '申込ID', 'チケット番号', 'Ticket ID', 'ID',
  ],
  fullName: [
    '氏名', 'お名前', '名前', 'フルネーム', 'Full Name', 'Name', '氏名(漢字)', 'お名前(漢字)',
    '来場者名', '来場者氏名', '参加者名', '参加者氏名',
  ],
  familyName: ['姓', '氏', 'Last Name', 'Family Name', 'Surname', '姓(漢字)'],
  givenName: ['名', 'First Name', 'Given Name', '名(漢字)'],
  fullNameKana: [
    'フリガナ', 'ふりがな', '氏名(カナ)', '氏名(フリガナ)', '氏名(ふりがな)', 'お名前(カナ)',
    'お名前(フリガナ)', 'お名前(ふりがな)', 'カナ', 'よみがな', 'ヨミガナ', 'Name Kana',
  ],
  familyNameKana: [
    'セイ', '姓(カナ)', '姓(フリガナ)', '姓(ふりがな)', 'せい', 'Last Name Kana', 'Family Name Kana',
  ],
  givenNameKana: [
    'メイ', '名(カナ)', '名(フリガナ)', '名(ふりがな)', 'めい', 'First Name Kana', 'Given Name Kana',
  ],
  company: [
    '会社名', '企業名', '会社', '勤務先', '勤務先名', '所属企業', '法人名', '貴社名', '御社名',
    '団体名', '所属団体', 'Company', 'Company Name', 'Organization', 'Organisation',
  ],
  department: [
    '部署', '部署名', '所属部署', '所属', '部門', '部門名', '所属部門', 'Department', 'Division', 'Dept',
  ],
  title: ['役職', '役職名', '肩書', '肩書き', 'Title', 'Job Title', 'Position'],
  email: [
    'メールアドレス', 'メール', 'Eメール', 'Eメールアドレス', 'E-mail', 'Email', 'E-mail Address',
    'Email Address', 'Mail', 'Mail Address',
  ],
  phone: [
    '電話番号', '電話', 'TEL', 'Phone', 'Phone Number', 'Telephone', '会社電話番号',
    '携帯電話', '携帯電話番号', '携帯番号', '携帯', 'Mobile', 'Mobile Phone', 'Cell Phone',
  ],
};

/**
 * Folds the ways one header gets written: full-width letters (ＥーＭａｉｌ), half-width kana,
 * case, spaces, and punctuation such as ・ and （）. The prolonged-sound mark ー goes too,
 * because Japanese typists use it as a hyphen in "Eーmail"; known names are folded the same
 * way, so メール and メル meet in the middle.
 */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}ー]/gu, '');
}

const KNOWN_HEADERS: ReadonlyMap<string, { field: RosterField; rank: number }> = (() => {
  const known = new Map<string, { field: RosterField; rank: number }>();
  for (const field of RosterField.options) {
    HEADER_NAMES[field].forEach((name, rank) => {
      const key = headerKey(name);
      const clash = known.get(key);
      if (clash && clash.field !== field) {
        throw new Error(`Header name ${name} is listed for both ${clash.field} and ${field}`);
      }
      if (!clash) known.set(key, { field, rank });
    });
  }
  return known;
})();

/** A first guess at which column feeds which field; the user confirms it in the preview. */
export function suggestMapping(headers: string[]): RosterMapping {
  const best = new Map<RosterField, { column: number; rank: number }>();
  headers.forEach((header, column) => {
    const known = KNOWN_HEADERS.get(headerKey(header));
    if (!known) return;
    const current = best.get(known.field);
    if (!current || known.rank < current.rank) best.set(known.field, { column, rank: known.rank });
  });

  const mapping: RosterMapping = headers.map(() => null);
  for (const [field, { column }] of best) mapping[column] = field;
  return mapping;
}

/** How far down a title block the header is looked for. */
const HEADER_SEARCH_LINES = 10;

/**
 * Which of the opening records is the header. Organizers' exports often start with a title
 * line or two (「来場者一覧」, the export date) above it: the header is the first record in
 * which at least two cells are header names we know, and the first record when none is (the
 * user then maps the columns by hand).
 */
export function findHeader(records: readonly { cells: string[] }[]): number {
  const limit = Math.min(records.length, HEADER_SEARCH_LINES);
  for (let i = 0; i < limit; i++) {
    let known = 0;
    for (const cell of records[i]!.cells) if (KNOWN_HEADERS.has(headerKey(cell)) && ++known === 2) return i;
  }
  return 0;
}

/**
 * A mapping the import can act on. Re-importing a roster updates entries by badge id, so a
 * badge id column is required; a field fed by two columns would make one silently win.
 */
export function checkMapping(mapping: RosterMapping): void {
  if (!mapping.includes('badgeId')) {
    throw new AppError('roster.mapping_no_badge_id', 'No column is mapped to the badge id');
  }
  const seen = new Set<RosterField>();
  for (const field of mapping) {
    if (field === null) continue;
    if (seen.has(field)) {
      throw new AppError('roster.mapping_field_repeated', `More than one column is mapped to ${field}`, { field });
    }
    seen.add(field);
  }
}
