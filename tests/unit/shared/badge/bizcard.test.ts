import { describe, expect, it } from 'vitest';
import type { ParsedBadge } from '../../../../shared/model';
import { badgeOf } from './support';

type Case = [name: string, payload: string, expected: Partial<ParsedBadge>, absent?: (keyof ParsedBadge)[]];

const cases: Case[] = [
  [
    'the ZXing example: N is given, X is family',
    'BIZCARD:N:Sean;X:Owen;T:Software Engineer;C:Google;A:76 9th Avenue, New York, NY 10011;B:+12125551212;F:+12125551213;M:+12125551214;E:sean@google.com;;',
    { givenName: 'Sean', familyName: 'Owen', fullName: 'Sean Owen', title: 'Software Engineer', company: 'Google', phone: '+12125551212', email: 'sean@google.com' },
  ],
  [
    'a Japanese card: fullName family first',
    'BIZCARD:N:太郎;X:山田;T:部長;C:株式会社サンプル;B:03-1234-5678;E:taro@sample.example.jp;;',
    { fullName: '山田 太郎', company: '株式会社サンプル', title: '部長' },
  ],
  [
    'the mobile when there is no business number',
    'BIZCARD:N:花子;X:佐藤;M:０９０－１２３４－５６７８;;',
    { phone: '090-1234-5678' },
  ],
  [
    'escapes in the company',
    'BIZCARD:N:Pat;X:O\\;Brien;C:Smith\\, Jones \\; Co.;;',
    { familyName: 'O;Brien', company: 'Smith, Jones ; Co.' },
  ],
  [
    'only a given name: it is the full name too',
    'BIZCARD:N:Sean;;',
    { givenName: 'Sean', fullName: 'Sean' },
    ['familyName'],
  ],
  [
    'lower-case prefix and half-width kana',
    'bizcard:N:ﾀﾛｳ;X:ﾔﾏﾀﾞ;;',
    { fullName: 'ヤマダ タロウ' },
  ],
];

describe('BIZCARD badges', () => {
  it.each(cases)('%s', (_, payload, expected, absent = []) => {
    const badge = badgeOf(payload);
    expect(badge).toMatchObject({ format: 'bizcard', ...expected, raw: payload });
    for (const key of absent) expect(badge).not.toHaveProperty(key);
  });
});
