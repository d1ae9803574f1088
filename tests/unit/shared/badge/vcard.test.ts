import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParsedBadge } from '../../../../shared/model';
import { badgeOf, crlf, lf, sjisQp, utf8Qp } from './support';

type Case = [name: string, payload: string, expected: Partial<ParsedBadge>, absent?: (keyof ParsedBadge)[]];

const card = (...lines: string[]) => crlf('BEGIN:VCARD', ...lines, 'END:VCARD');
const card21 = (...lines: string[]) => card('VERSION:2.1', ...lines);
const card3 = (...lines: string[]) => card('VERSION:3.0', ...lines);
const card4 = (...lines: string[]) => card('VERSION:4.0', ...lines);

const names: Case[] = [
  [
    'a 3.0 card in English',
    card3('N:Smith;Jane;;;', 'FN:Jane Smith', 'ORG:Acme Corp;Sales', 'TITLE:VP Sales', 'EMAIL;TYPE=INTERNET:jane.smith@acme.example', 'TEL;TYPE=WORK:+1-415-555-0100'),
    { format: 'vcard', fullName: 'Jane Smith', familyName: 'Smith', givenName: 'Jane', company: 'Acme Corp', department: 'Sales', title: 'VP Sales', email: 'jane.smith@acme.example', phone: '+1-415-555-0100' },
  ],
  [
    'a 3.0 card with LF line ends',
    lf('BEGIN:VCARD', 'VERSION:3.0', 'N:山田;太郎;;;', 'ORG:株式会社サンプル;営業部', 'END:VCARD'),
    { familyName: '山田', givenName: '太郎', fullName: '山田 太郎', company: '株式会社サンプル', department: '営業部' },
  ],
  [
    'a card with old-Mac CR line ends',
    ['BEGIN:VCARD', 'VERSION:3.0', 'FN:田中 一郎', 'END:VCARD'].join('\r'),
    { fullName: '田中 一郎' },
  ],
  [
    'Japanese N only: fullName family first',
    card3('N:鈴木;一郎;;;'),
    { familyName: '鈴木', givenName: '一郎', fullName: '鈴木 一郎' },
  ],
  [
    'Latin N only: fullName as the owner writes it',
    card3('N:Smith;Jane;;;'),
    { fullName: 'Jane Smith' },
  ],
  [
    'FN only: no guessing at family and given',
    card3('FN:山田太郎'),
    { fullName: '山田太郎' },
    ['familyName', 'givenName'],
  ],
  [
    'FN wins over N for fullName',
    card3('N:Yamada;Taro;;;', 'FN:Taro Yamada'),
    { fullName: 'Taro Yamada', familyName: 'Yamada', givenName: 'Taro' },
  ],
  [
    'lower-case begin:vcard and property names',
    lf('begin:vcard', 'version:3.0', 'fn:佐藤 花子', 'org:(株)サンプル', 'end:vcard'),
    { format: 'vcard', fullName: '佐藤 花子', company: '(株)サンプル' },
  ],
  [
    '㈱ and full-width letters fold by NFKC',
    card3('ORG:㈱ＡＢＣ商事;第１営業部', 'TITLE:ﾏﾈｰｼﾞｬｰ'),
    { company: '(株)ABC商事', department: '第1営業部', title: 'マネージャー' },
  ],
  [
    'ORG with several units: the rest is the department',
    card3('ORG:株式会社サンプル;営業本部;第二営業部'),
    { company: '株式会社サンプル', department: '営業本部 第二営業部' },
  ],
  [
    'an empty N and ORG leave nothing behind',
    card3('N:;;;;', 'ORG:;', 'FN:Jane'),
    { fullName: 'Jane' },
    ['familyName', 'givenName', 'company', 'department'],
  ],
];

const kana: Case[] = [
  [
    'Apple/Android X-PHONETIC-* properties',
    card3('N:山田;太郎;;;', 'X-PHONETIC-LAST-NAME:ヤマダ', 'X-PHONETIC-FIRST-NAME:タロウ'),
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'hiragana readings are stored in katakana',
    card3('N:山田;太郎;;;', 'X-PHONETIC-LAST-NAME:やまだ', 'X-PHONETIC-FIRST-NAME:たろう'),
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'X-FURIGANA-* properties',
    card3('N:高橋;花子;;;', 'X-FURIGANA-LAST-NAME:タカハシ', 'X-FURIGANA-FIRST-NAME:ハナコ'),
    { familyNameKana: 'タカハシ', givenNameKana: 'ハナコ' },
  ],
  [
    'vCard 4.0 SORT-AS on N',
    card4('N;SORT-AS="ヤマダ,タロウ":山田;太郎;;;', 'FN:山田 太郎'),
    { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'SORT-AS without quotes',
    card4('N;SORT-AS=サトウ,ハナコ:佐藤;花子;;;'),
    { familyNameKana: 'サトウ', givenNameKana: 'ハナコ' },
  ],
  [
    'a Latin SORT-AS is not a reading',
    card4('N;SORT-AS="Smith,Jane":Smith;Jane;;;'),
    { familyName: 'Smith' },
    ['familyNameKana', 'givenNameKana'],
  ],
  [
    'vCard 3 SOUND flagged X-IRMC-N, half-width kana',
    card3('N:山田;太郎;;;', 'SOUND;X-IRMC-N;CHARSET=SHIFT_JIS:ﾔﾏﾀﾞ;ﾀﾛｳ;;;'),
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'SOUND as one kana string split at the space',
    card3('N:山田;太郎;;;', 'SOUND:ヤマダ タロウ'),
    { familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' },
  ],
  [
    'SOUND holding an audio URL is not a reading',
    card3('N:Smith;Jane;;;', 'SOUND;VALUE=uri:https://example.com/jane.ogg'),
    {},
    ['familyNameKana', 'givenNameKana'],
  ],
  [
    'SOUND holding base64 audio is skipped',
    card3('N:Smith;Jane;;;', 'SOUND;TYPE=BASIC;ENCODING=b:MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcN'),
    {},
    ['familyNameKana', 'givenNameKana'],
  ],
];

const lines: Case[] = [
  [
    'a 3.0 folded line drops the space after the break',
    card3('ORG:株式会社サン', ' プル;営業部', 'NOTE:a long note that was', '\tfolded with a tab'),
    { company: '株式会社サンプル', department: '営業部' },
  ],
  [
    'a 3.0 fold inside an email',
    card3('EMAIL:taro.yamada@sam', ' ple.example.jp'),
    { email: 'taro.yamada@sample.example.jp' },
  ],
  [
    'a 2.1 fold keeps the whitespace, as RFC 822 does',
    card21('ORG:Acme', ' Corporation'),
    { company: 'Acme Corporation' },
  ],
  [
    'a BOM and blank lines around the card',
    `\uFEFF\r\n\r\n${card3('FN:山田 太郎')}\r\n\r\n\r\n`,
    { format: 'vcard', fullName: '山田 太郎' },
  ],
  [
    'blank lines inside the card',
    crlf('BEGIN:VCARD', '', 'VERSION:3.0', '', 'FN:Jane', '', 'END:VCARD'),
    { fullName: 'Jane' },
  ],
  [
    'lines after END:VCARD are ignored',
    `${card3('FN:First Person')}\r\nBEGIN:VCARD\r\nFN:Second Person\r\nEMAIL:second@example.com\r\nEND:VCARD`,
    { fullName: 'First Person' },
    ['email'],
  ],
  [
    'an embedded 2.1 AGENT card is someone else',
    card21('N:Smith;Jane', 'AGENT:', 'BEGIN:VCARD', 'VERSION:2.1', 'N:Assistant;Amy', 'EMAIL:amy@example.com', 'END:VCARD', 'EMAIL:jane@example.com'),
    { familyName: 'Smith', email: 'jane@example.com' },
  ],
  [
    'a folded base64 PHOTO is skipped',
    card3('FN:Jane', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD', ' /2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcU', 'TITLE:CTO'),
    { fullName: 'Jane', title: 'CTO' },
  ],
  [
    'unknown and malformed lines are ignored',
    card3('X-SOCIALPROFILE;type=twitter:https://twitter.com/x', 'this line has no colon', 'N;SORT-AS="ヤマダ:山田;太郎;;;', 'FN:Jane'),
    { fullName: 'Jane' },
  ],
];

const escapes: Case[] = [
  [
    'escaped comma and semicolon in ORG',
    card3('ORG:Smith\\, Jones & Co.;R\\;D'),
    { company: 'Smith, Jones & Co.', department: 'R;D' },
  ],
  [
    'escaped newline and backslash',
    card3('TITLE:Head of\\nSales', 'FN:A\\\\B'),
    { title: 'Head of Sales', fullName: 'A\\B' },
  ],
  [
    'an unescaped semicolon in FN is part of the name',
    card3('FN:Jane; Smith'),
    { fullName: 'Jane; Smith' },
  ],
  [
    'Apple groups and an escaped colon in the URL',
    card3('item1.EMAIL;type=INTERNET;type=pref:jane@example.com', 'item1.X-ABLabel:_$!<Work>!$_', 'item2.URL;type=pref:https\\://www.example.com/jane'),
    { email: 'jane@example.com', url: 'https://www.example.com/jane' },
  ],
  [
    'a javascript: URL is never kept',
    card3('FN:Jane', 'URL:javascript:alert(1)'),
    { fullName: 'Jane' },
    ['url'],
  ],
  [
    'RFC 6868 caret escapes in a parameter',
    card4('N;SORT-AS="ヤマダ,タロウ^^":山田;太郎;;;', 'FN:山田 太郎'),
    { fullName: '山田 太郎' },
    ['familyNameKana'],
  ],
];

const contacts: Case[] = [
  [
    'EMAIL: PREF beats WORK beats the first',
    card3('EMAIL;TYPE=HOME:home@example.com', 'EMAIL;TYPE=WORK:work@example.com', 'EMAIL;TYPE=INTERNET,PREF:pref@example.com'),
    { email: 'pref@example.com' },
  ],
  [
    'EMAIL: WORK beats the first',
    card3('EMAIL;TYPE=HOME:home@example.com', 'EMAIL;TYPE=WORK:work@example.com'),
    { email: 'work@example.com' },
  ],
  [
    'EMAIL: the first when none is marked, upper case folded',
    card3('EMAIL:Taro.Yamada@Sample.Example.JP', 'EMAIL:other@example.com'),
    { email: 'taro.yamada@sample.example.jp' },
  ],
  [
    'EMAIL: vCard 4.0 PREF=1 and a mailto: value',
    card4('EMAIL;TYPE=home:home@example.com', 'EMAIL;PREF=1:mailto:pref@example.com'),
    { email: 'pref@example.com' },
  ],
  [
    'TEL: WORK beats HOME listed first',
    card3('TEL;TYPE=HOME:03-0000-0000', 'TEL;TYPE=WORK,VOICE:03-1234-5678'),
    { phone: '03-1234-5678' },
  ],
  [
    'TEL: CELL beats an untyped number',
    card3('TEL:03-0000-0000', 'TEL;TYPE=CELL:090-1234-5678'),
    { phone: '090-1234-5678' },
  ],
  [
    'TEL: a work fax is last',
    card3('TEL;TYPE=WORK,FAX:03-9999-9999', 'TEL;TYPE=HOME:03-0000-0000'),
    { phone: '03-0000-0000' },
  ],
  [
    'TEL: 2.1 bare types',
    card21('TEL;HOME:03-0000-0000', 'TEL;WORK;VOICE:03-1234-5678'),
    { phone: '03-1234-5678' },
  ],
  [
    'TEL: vCard 4.0 tel: URI',
    card4('TEL;VALUE=uri;TYPE="work,voice":tel:+81-3-1234-5678'),
    { phone: '+81-3-1234-5678' },
  ],
  [
    'TEL: full-width digits and a long-vowel dash',
    card3('TEL:０３ー１２３４ー５６７８'),
    { phone: '03-1234-5678' },
  ],
  [
    'TEL: a blank first number is passed over',
    card3('TEL;TYPE=WORK:', 'TEL:03-1234-5678'),
    { phone: '03-1234-5678' },
  ],
];

const ids: Case[] = [
  ['X-BADGE-ID is the badge id', card3('FN:Jane', 'X-BADGE-ID:EXPO2026-000123'), { badgeId: 'EXPO2026-000123' }],
  ['X-ATTENDEE-ID is the badge id', card3('FN:Jane', 'X-ATTENDEE-ID:A-42'), { badgeId: 'A-42' }],
  ['UID and NOTE never are', card3('FN:Jane', 'UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1', 'NOTE:badge 12345'), {}, ['badgeId']],
];

describe('vCard badges', () => {
  it.each([...names, ...kana, ...lines, ...escapes, ...contacts, ...ids])('%s', (_, payload, expected, absent = []) => {
    const badge = badgeOf(payload);
    expect(badge).toMatchObject({ format: 'vcard', ...expected, raw: payload });
    for (const key of absent) expect(badge).not.toHaveProperty(key);
  });
});

describe('vCard 2.1 QUOTED-PRINTABLE', () => {
  it('decodes UTF-8 with soft line breaks, as Android exports', () => {
    const payload = card21(
      `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${utf8Qp('山田')};${utf8Qp('太郎')};;;`,
      `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${utf8Qp('山田 太郎')}`,
      `ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${utf8Qp('株式会社サンプル・ホールディングス・インターナショナル;海外事業本部 営業企画部')}`,
      'X-PHONETIC-LAST-NAME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:' + utf8Qp('ヤマダ'),
    );
    expect(payload).toMatch(/=\r\n/u);
    expect(badgeOf(payload)).toMatchObject({
      familyName: '山田',
      givenName: '太郎',
      fullName: '山田 太郎',
      company: '株式会社サンプル・ホールディングス・インターナショナル',
      department: '海外事業本部 営業企画部',
      familyNameKana: 'ヤマダ',
    });
  });

  it.each([
    ['CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE'],
    ['CHARSET=Shift_JIS;QUOTED-PRINTABLE'],
    ['ENCODING=QUOTED-PRINTABLE;CHARSET=x-sjis'],
    ['ENCODING=QUOTED-PRINTABLE'],
  ])('decodes Shift_JIS bytes with %s, a 0x5C trail byte (ソ, 表) not taken for an escape', (params) => {
    const payload = card21(
      `N;${params}:${sjisQp('曽根')};${sjisQp('表示')};;;`,
      `ORG;${params}:${sjisQp('ソニー株式会社')};${sjisQp('表示デバイス事業部')}`,
      `TITLE;${params}:${sjisQp('ソフトウェア開発 課長')}`,
      `SOUND;X-IRMC-N;${params}:${sjisQp('ｿﾈ')};${sjisQp('ﾋｮｳｼﾞ')};;;`,
      'TEL;WORK;VOICE:03-1234-5678',
    );
    expect(iconv.encode('ソ', 'Shift_JIS')[1]).toBe(0x5c);
    expect(payload).toContain('\\');
    expect(badgeOf(payload)).toMatchObject({
      familyName: '曽根',
      givenName: '表示',
      fullName: '曽根 表示',
      company: 'ソニー株式会社',
      department: '表示デバイス事業部',
      title: 'ソフトウェア開発 課長',
      familyNameKana: 'ソネ',
      givenNameKana: 'ヒョウジ',
      phone: '03-1234-5678',
    });
  });

  it('keeps a stray = that is not an escape', () => {
    expect(badgeOf(card21('TITLE;ENCODING=QUOTED-PRINTABLE:A=ZB'))).toMatchObject({ title: 'A=ZB' });
  });

  it('falls back to UTF-8 for a CHARSET nobody knows', () => {
    const payload = card21(`FN;CHARSET=X-MADE-UP;ENCODING=QUOTED-PRINTABLE:${utf8Qp('山田 太郎')}`);
    expect(badgeOf(payload)).toMatchObject({ fullName: '山田 太郎' });
  });
});
