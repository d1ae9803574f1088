import { describe, expect, it } from 'vitest';
import type { ParsedBadge } from '../../../../shared/model';
import { badgeOf } from './support';

type Case = [name: string, value: unknown, expected: Partial<ParsedBadge>, absent?: (keyof ParsedBadge)[]];

const cases: Case[] = [
  [
    'camelCase keys',
    { badgeId: 'A-0001', firstName: 'Taro', lastName: 'Yamada', companyName: 'Sample Inc.', jobTitle: 'CTO', email: 'taro@sample.example', phone: '03-1234-5678', website: 'https://sample.example' },
    { badgeId: 'A-0001', givenName: 'Taro', familyName: 'Yamada', fullName: 'Taro Yamada', company: 'Sample Inc.', title: 'CTO', email: 'taro@sample.example', phone: '03-1234-5678', url: 'https://sample.example' },
  ],
  [
    'snake_case keys with Japanese values',
    { badge_id: 'EXPO-1', last_name: '山田', first_name: '太郎', last_name_kana: 'やまだ', first_name_kana: 'たろう', organization: '株式会社サンプル', dept: '営業部', position: '部長', mail: 'taro@sample.jp', tel: '０３－１２３４－５６７８' },
    { badgeId: 'EXPO-1', familyName: '山田', givenName: '太郎', fullName: '山田 太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', company: '株式会社サンプル', department: '営業部', title: '部長', email: 'taro@sample.jp', phone: '03-1234-5678' },
  ],
  [
    'keys in any case',
    { ID: 'X1', NAME: 'Jane Smith', Company: 'Acme', 'E-Mail': 'Jane@Acme.example' },
    { badgeId: 'X1', fullName: 'Jane Smith', company: 'Acme', email: 'jane@acme.example' },
    ['familyName', 'givenName'],
  ],
  [
    'romanized Japanese keys',
    { sei: '佐藤', mei: '花子', seiKana: 'サトウ', meiKana: 'ハナコ', kaisha: '(株)サンプル', busho: '開発部', yakushoku: '主任' },
    { familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', company: '(株)サンプル', department: '開発部', title: '主任' },
  ],
  [
    'Japanese keys',
    { 受付番号: 'R-0042', 氏名: '鈴木 一郎', フリガナ: 'スズキ イチロウ', 会社名: 'サンプル商事株式会社', 部署: '総務部', 役職: '課長', メールアドレス: 'ichiro@example.jp', 電話番号: '03-0000-1111' },
    { badgeId: 'R-0042', fullName: '鈴木 一郎', familyNameKana: 'スズキ', givenNameKana: 'イチロウ', company: 'サンプル商事株式会社', department: '総務部', title: '課長', email: 'ichiro@example.jp', phone: '03-0000-1111' },
  ],
  [
    'a kana string split on the full-width space',
    { name: '山田 太郎', kana: 'ヤマダ　タロウ' },
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'a kana string without a space goes to the family reading',
    { name: '山田太郎', kana: 'ヤマダタロウ' },
    { familyNameKana: 'ヤマダタロウ' },
    ['givenNameKana'],
  ],
  [
    'explicit kana fields win over a combined one',
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', kana: 'ヨミ ガナ' },
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'numbers become strings; booleans, nulls and objects are ignored',
    { attendeeId: 123456, name: 'Jane', company: true, title: null, phone: 5551234, email: { work: 'x@y.z' } },
    { badgeId: '123456', phone: '5551234', fullName: 'Jane' },
    ['company', 'title', 'email'],
  ],
  [
    'the more specific id key wins over id',
    { id: 'db-row-9', registrationId: 'REG-2026-001' },
    { badgeId: 'REG-2026-001' },
  ],
  [
    'phone beats mobile',
    { mobile: '090-0000-0000', telephone: '03-1234-5678' },
    { phone: '03-1234-5678' },
  ],
  [
    'the person nested one level under attendee',
    { ticket: 'T-1', barcode: 'EXPO-777', name: 'Expo 2026 Admission', attendee: { name: '田中 一郎', company: '株式会社テスト', email: 'tanaka@test.jp' } },
    { badgeId: 'EXPO-777', fullName: '田中 一郎', company: '株式会社テスト', email: 'tanaka@test.jp' },
  ],
  [
    'the nested id is used when the outer object has none',
    { attendee: { id: 'A-9', firstName: 'Jane', lastName: 'Smith' } },
    { badgeId: 'A-9', fullName: 'Jane Smith' },
  ],
  [
    'ticket as a string is the id',
    { ticket: 'T-2026-0042', name: 'Jane Smith' },
    { badgeId: 'T-2026-0042', fullName: 'Jane Smith' },
  ],
  ['badge as a string is the id', { badge: 'B-2' }, { badgeId: 'B-2' }],
  ['Badge_ID in any case and spelling', { Badge_ID: 'B-3' }, { badgeId: 'B-3' }],
  ['TICKET in capitals', { TICKET: 'T-4', EMAIL: 'T@Example.jp' }, { badgeId: 'T-4', email: 't@example.jp' }],
  ['ticketId', { ticketId: 'T-5' }, { badgeId: 'T-5' }],
  ['code alone is the id', { code: 'C-5', fullName: 'Jane' }, { badgeId: 'C-5', fullName: 'Jane' }],
  ['id beats code, which is as often the event\'s', { code: 'EXPO26', id: 'A-1' }, { badgeId: 'A-1' }],
  ['attendee as a string is the id', { attendee: 'A-77', name: 'Jane' }, { badgeId: 'A-77', fullName: 'Jane' }],
  [
    'attendee as an object holds the id and the person',
    { attendee: { id: 'A-1', name: '山田 太郎' } },
    { badgeId: 'A-1', fullName: '山田 太郎' },
  ],
  [
    'a ticket object gives the id, a person object the person',
    { ticket: { code: 'T9' }, person: { name: 'Jane Smith', company: 'Acme', mail: 'jane@acme.example', tel: '03-1234-5678', title: 'CTO', department: 'R&D' } },
    { badgeId: 'T9', fullName: 'Jane Smith', company: 'Acme', email: 'jane@acme.example', phone: '03-1234-5678', title: 'CTO', department: 'R&D' },
  ],
  [
    'a ticket\'s name is the kind of pass, not the person',
    { ticket: { name: 'VIP Pass', ticketId: 'T-10' } },
    { badgeId: 'T-10' },
    ['fullName'],
  ],
  [
    'an event object says nothing about the person',
    { event: { id: 'E-1', name: 'EXPO 2026' }, attendee: { fullName: 'Jane Smith' } },
    { fullName: 'Jane Smith' },
    ['badgeId'],
  ],
  [
    'an unknown wrapper is read one level down',
    { data: { registrationId: 'R-1', fullName: '鈴木 一郎', organization: 'サンプル株式会社', mail: 'ichiro@example.jp' } },
    { badgeId: 'R-1', fullName: '鈴木 一郎', company: 'サンプル株式会社', email: 'ichiro@example.jp' },
  ],
  [
    'container names in any case',
    { Ticket: { Code: 'T-11' }, ATTENDEE: { Name: 'Jane' } },
    { badgeId: 'T-11', fullName: 'Jane' },
  ],
  [
    'the outer badge id beats a nested one',
    { badgeId: 'B-1', attendee: { id: 'A-1', name: 'Jane' } },
    { badgeId: 'B-1', fullName: 'Jane' },
  ],
  [
    'a person object fills what the outer object lacks, and the outer what it lacks',
    { company: 'Outer Inc.', attendee: { name: 'Jane' } },
    { fullName: 'Jane', company: 'Outer Inc.' },
  ],
  [
    'a name comes whole from the attendee, never mixed with the show\'s',
    { name: 'EXPO 2026 Admission', attendee: { firstName: 'Jane', lastName: 'Smith' } },
    { givenName: 'Jane', familyName: 'Smith', fullName: 'Jane Smith' },
  ],
  [
    'two levels down is not read',
    { attendee: { profile: { name: 'Deep' } } },
    {},
    ['fullName'],
  ],
  [
    'a javascript: website is dropped',
    { name: 'Jane', url: 'javascript:alert(1)' },
    { fullName: 'Jane' },
    ['url'],
  ],
  [
    'an object with nothing known is still json',
    { foo: 'bar', event: 'EXPO 2026' },
    {},
    ['fullName'],
  ],
  [
    'blank strings are no value',
    { name: '   ', email: '' },
    {},
    ['fullName', 'email'],
  ],
];

describe('JSON badges', () => {
  it.each(cases)('%s', (_, value, expected, absent = []) => {
    const payload = JSON.stringify(value);
    const badge = badgeOf(payload);
    expect(badge).toMatchObject({ format: 'json', ...expected, raw: payload });
    for (const key of absent) expect(badge).not.toHaveProperty(key);
  });

  it('reads pretty-printed JSON with a BOM', () => {
    const payload = `\uFEFF${JSON.stringify({ id: 'B-1', name: 'Jane' }, null, 2)}\n`;
    expect(badgeOf(payload)).toMatchObject({ format: 'json', badgeId: 'B-1', fullName: 'Jane', raw: payload });
  });

  it('takes a literal __proto__ key as data, without touching Object.prototype', () => {
    const badge = badgeOf('{"__proto__":{"name":"polluted"},"name":"Jane"}');
    expect(badge).toMatchObject({ format: 'json', fullName: 'Jane' });
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it.each([
    ['invalid JSON starting with {', '{"name": "Jane", }'],
    ['an unterminated string', '{"name":"Jane'],
    ['just a brace', '{'],
    ['an array', '[{"name":"Jane"}]'],
    ['a JSON string', '"Jane Smith"'],
    ['null', 'null'],
    ['true', 'true'],
  ])('%s is text', (_, payload) => {
    const badge = badgeOf(payload);
    expect(badge).toEqual({ format: 'text', raw: payload });
  });
});
