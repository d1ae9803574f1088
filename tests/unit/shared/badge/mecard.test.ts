import { describe, expect, it } from 'vitest';
import type { ParsedBadge } from '../../../../shared/model';
import { badgeOf } from './support';

type Case = [name: string, payload: string, expected: Partial<ParsedBadge>, absent?: (keyof ParsedBadge)[]];

const cases: Case[] = [
  [
    'a Japanese card with a reading',
    'MECARD:N:佐藤,花子;SOUND:サトウ,ハナコ;TEL:09012345678;EMAIL:hanako.sato@example.co.jp;ORG:サンプル商事株式会社;;',
    { familyName: '佐藤', givenName: '花子', fullName: '佐藤 花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', company: 'サンプル商事株式会社', email: 'hanako.sato@example.co.jp', phone: '09012345678' },
  ],
  [
    'N without a comma is a full name, not split',
    'MECARD:N:佐藤 花子;TEL:03-1234-5678;;',
    { fullName: '佐藤 花子' },
    ['familyName', 'givenName'],
  ],
  [
    'the ZXing example with a Latin name',
    'MECARD:N:Owen,Sean;ADR:76 9th Avenue, 4th Floor, New York, NY 10011;TEL:12125551212;EMAIL:srowen@example.com;;',
    { familyName: 'Owen', givenName: 'Sean', fullName: 'Sean Owen', phone: '12125551212', email: 'srowen@example.com' },
  ],
  [
    'escaped ; : , and \\ in values',
    'MECARD:N:O\\,Brien,Pat;ORG:Foo\\; Bar\\: Baz \\\\ Co;;',
    { familyName: 'O,Brien', givenName: 'Pat', company: 'Foo; Bar: Baz \\ Co' },
  ],
  [
    'a hiragana reading in half-width and full-width forms',
    'MECARD:N:山田,太郎;SOUND:やまだ,ﾀﾛｳ;;',
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'a reading with a space instead of a comma',
    'MECARD:N:山田,太郎;SOUND:ヤマダ　タロウ;;',
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'the first TEL and EMAIL win, blanks passed over',
    'MECARD:N:山田,太郎;TEL:;TEL:０３－１２３４－５６７８;TEL:090-0000-0000;EMAIL:Taro@Example.JP;EMAIL:x@example.jp;;',
    { phone: '03-1234-5678', email: 'taro@example.jp' },
  ],
  [
    'an http URL is kept, NOTE, ADR and BDAY are not fields',
    'MECARD:N:山田,太郎;URL:https://example.jp/taro;NOTE:ID 12345;ADR:東京都千代田区;BDAY:19800101;;',
    { url: 'https://example.jp/taro' },
    ['badgeId'],
  ],
  [
    'a javascript: URL is dropped',
    'MECARD:N:山田,太郎;URL:javascript:alert(1);;',
    { fullName: '山田 太郎' },
    ['url'],
  ],
  [
    'lower-case prefix and keys, no terminating ;;',
    'mecard:n:田中,一郎;email:ichiro@example.jp',
    { familyName: '田中', givenName: '一郎', email: 'ichiro@example.jp' },
  ],
  [
    'fields on separate lines, with a BOM and trailing newline',
    '\uFEFFMECARD:N:田中,一郎;\r\nTEL:03-1234-5678;\r\n;\r\n',
    { fullName: '田中 一郎', phone: '03-1234-5678' },
  ],
  [
    'an empty MECARD is still a MECARD',
    'MECARD:;;',
    {},
    ['fullName', 'email'],
  ],
];

describe('MECARD badges', () => {
  it.each(cases)('%s', (_, payload, expected, absent = []) => {
    const badge = badgeOf(payload);
    expect(badge).toMatchObject({ format: 'mecard', ...expected, raw: payload });
    for (const key of absent) expect(badge).not.toHaveProperty(key);
  });
});
