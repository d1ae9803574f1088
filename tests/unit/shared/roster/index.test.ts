import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_MAX } from '../../../../shared/model';
import { previewRoster, readRoster, RosterPreview, RosterRead } from '../../../../shared/roster';
import { PNG_HEAD, codeOf, cp932, sjisFixture, utf16le, utf8, utf8Bom } from './helpers';

const fixture = (): Uint8Array => new Uint8Array(readFileSync(sjisFixture));

describe('readRoster: the organizer fixture (Shift_JIS)', () => {
  it('reads the same attendees when the export opens with a title line and a date', () => {
    const text = new TextDecoder('shift_jis').decode(fixture());
    const titled = readRoster(cp932(`東京ビッグサイト展 2026 来場者一覧,,,,,,,\r\n出力日時: 2026/11/20 09:00,,,,,,,\r\n${text}`));
    const plain = readRoster(fixture());
    expect(titled.mapping).toEqual(plain.mapping);
    expect(titled.rows.map((r) => [r.line, r.badgeId, r.fields])).toEqual(plain.rows.map((r) => [r.line + 2, r.badgeId, r.fields]));
  });

  it('decodes, maps every column and reads all three attendees', () => {
    const result = readRoster(fixture());
    expect(RosterRead.parse(result)).toEqual(result);
    expect(result.encoding).toBe('shift_jis');
    expect(result.headers).toEqual(['来場者ID', '氏名', 'フリガナ', '会社名', '部署名', '役職', 'メールアドレス', '電話番号']);
    expect(result.mapping).toEqual(['badgeId', 'fullName', 'fullNameKana', 'company', 'department', 'title', 'email', 'phone']);
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.badgeId])).toEqual([
      [2, 'EXPO2026-000123'],
      [3, 'EXPO2026-000124'],
      [4, 'EXPO2026-000125'],
    ]);
    expect(result.rows[0]!.fields).toEqual({
      fullName: '山田 太郎',
      familyName: '山田',
      givenName: '太郎',
      fullNameKana: 'ヤマダ タロウ',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'タロウ',
      company: '株式会社サンプル',
      department: '営業部',
      title: '部長',
      email: 'taro.yamada@sample.example.jp',
      phone: '03-1234-5678',
    });
    expect(result.rows[2]!.fields).toMatchObject({ fullName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' });
    expect(result.rows[2]!.fields).not.toHaveProperty('fullNameKana');
    expect(result.rows[0]!.raw[1]).toBe('山田 太郎');
  });

  it('previews the suggested mapping and the first rows as written', () => {
    const preview = previewRoster(fixture(), 2);
    expect(RosterPreview.parse(preview)).toEqual(preview);
    expect(preview).toMatchObject({ encoding: 'shift_jis', rowCount: 3 });
    expect(preview.mapping).toContain('badgeId');
    expect(preview.sample).toEqual([
      ['EXPO2026-000123', '山田 太郎', 'ヤマダ タロウ', '株式会社サンプル', '営業部', '部長', 'taro.yamada@sample.example.jp', '03-1234-5678'],
      ['EXPO2026-000124', '佐藤 花子', 'サトウ ハナコ', 'サンプル商事株式会社', 'マーケティング部', '課長', 'hanako.sato@example.co.jp', '090-1234-5678'],
    ]);
    expect(previewRoster(fixture()).sample).toHaveLength(3);
  });

  it('uses the mapping the user confirmed instead of the suggestion', () => {
    const result = readRoster(fixture(), ['badgeId', 'fullName', null, 'company', null, null, null, null]);
    expect(result.rows[0]!.fields).toEqual({ fullName: '山田 太郎', familyName: '山田', givenName: '太郎', company: '株式会社サンプル' });
  });
});

describe('readRoster: encodings', () => {
  const CSV = [
    '受付番号,姓,名,セイ,メイ,会社名,役職,Eメール',
    'S-001,髙橋,一郎,たかはし,いちろう,㈱サンプル,第①営業部～企画室,Ichiro@Example.JP',
    'S-002,山﨑,花子,ﾔﾏｻﾞｷ,ﾊﾅｺ,サンプル商事―東京,Ⅲ課長,hanako@example.jp',
  ].join('\r\n');

  it.each([
    ['Shift_JIS with CP932 extensions', cp932(CSV), 'shift_jis'],
    ['UTF-8', utf8(CSV), 'utf-8'],
    ['UTF-8 with a BOM', utf8Bom(CSV), 'utf-8-bom'],
    ['UTF-16LE with a BOM', utf16le(CSV), 'utf-16le'],
  ] as const)('reads the same attendees from %s', (_name, bytes, encoding) => {
    const result = readRoster(bytes);
    expect(result.encoding).toBe(encoding);
    expect(result.headers[0]).toBe('受付番号');
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => r.fields)).toEqual([
      {
        fullName: '髙橋 一郎', familyName: '髙橋', givenName: '一郎',
        fullNameKana: 'タカハシ イチロウ', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ',
        // NFKC, as everywhere in the app: ㈱ → (株), ① → 1, ～ → ~; raw keeps the originals.
        company: '(株)サンプル', title: '第1営業部~企画室', email: 'ichiro@example.jp',
      },
      {
        fullName: '山﨑 花子', familyName: '山﨑', givenName: '花子',
        fullNameKana: 'ヤマザキ ハナコ', familyNameKana: 'ヤマザキ', givenNameKana: 'ハナコ',
        company: 'サンプル商事―東京', title: 'III課長', email: 'hanako@example.jp',
      },
    ]);
    expect(result.rows[0]!.raw).toEqual(expect.arrayContaining(['㈱サンプル', '第①営業部～企画室']));
  });

  it('reads a TSV export the same way', () => {
    const result = readRoster(utf8('Badge ID\tFull Name\tCompany\nB-1\tJane Smith\tAcme, Inc.\n'));
    expect(result.rows[0]).toMatchObject({ badgeId: 'B-1', fields: { givenName: 'Jane', familyName: 'Smith', company: 'Acme, Inc.' } });
  });

  it('reads full-width headers (ＥーＭａｉｌ, ＩＤ)', () => {
    const result = readRoster(cp932('ＩＤ,氏名,ＥーＭａｉｌ\r\n1,山田 太郎,taro@example.jp\r\n'));
    expect(result.mapping).toEqual(['badgeId', 'fullName', 'email']);
    expect(result.rows[0]!.fields.email).toBe('taro@example.jp');
  });

  it('refuses a file whose columns include no badge id', () => {
    expect(codeOf(() => readRoster(utf8('氏名,会社名\n山田 太郎,サンプル\n')))).toBe('roster.mapping_no_badge_id');
  });
});

describe('readRoster: hostile input', () => {
  it.each([
    ['a PNG image', PNG_HEAD],
    ['an empty file', new Uint8Array(0)],
  ])('refuses %s with a coded error', (_name, bytes) => {
    expect(['roster.encoding_unknown', 'roster.not_csv', 'roster.empty']).toContain(codeOf(() => readRoster(bytes)));
    expect(['roster.encoding_unknown', 'roster.not_csv', 'roster.empty']).toContain(codeOf(() => previewRoster(bytes)));
  });

  it('keeps a 1 MB cell in an unmapped column, quoted with line breaks, and rejects one in a mapped column', () => {
    const huge = `${'あ'.repeat(500_000)}\r\n${'x'.repeat(500_000)}`;
    const text = `ID,会社名,備考\r\nA-1,サンプル,"${huge}"\r\nA-2,"${huge}",\r\nA-3,ok,\r\n`;
    const result = readRoster(utf8(text));
    expect(result.rows.map((r) => r.badgeId)).toEqual(['A-1', 'A-3']);
    expect(result.rows[0]!.raw[2]).toBe(huge);
    expect(result.rejected).toEqual([{ line: 4, code: 'roster.row_field_too_long', detail: `会社名: over ${FIELD_MAX} characters` }]);
    expect(result.rows[1]!.line).toBe(6);
  });

  it('keeps a formula-looking cell verbatim (neutralizing is the exporter\'s job)', () => {
    const result = readRoster(utf8(`ID,会社名,備考\r\nA-1,"=cmd|'/C calc'!A0",@SUM(1+1)\r\n`));
    expect(result.rows[0]!.fields.company).toBe("=cmd|'/C calc'!A0");
    expect(result.rows[0]!.raw).toEqual(['A-1', "=cmd|'/C calc'!A0", '@SUM(1+1)']);
  });

  it('reads 10,000 columns', () => {
    const width = 10_000;
    const header = ['来場者ID', ...Array.from({ length: width - 1 }, (_, i) => `Q${i + 1}`)].join(',');
    const row = (id: string) => [id, ...Array.from({ length: width - 1 }, (_, i) => String(i))].join(',');
    const result = readRoster(utf8([header, row('A-1'), row('A-2')].join('\n')));
    expect(result.mapping).toHaveLength(width);
    expect(result.rows.map((r) => r.badgeId)).toEqual(['A-1', 'A-2']);
    expect(result.rows[1]!.raw).toHaveLength(width);
    expect(result.rows[1]!.raw[9999]).toBe('9998');
  });
});
