import { describe, expect, it } from 'vitest';
import { FIELD_MAX } from '../../../../shared/model';
import { suggestMapping, type RosterMapping } from '../../../../shared/roster/columns';
import { parseCsv } from '../../../../shared/roster/parse';
import { RejectedRow, rosterRowConverter, RosterRow, toRosterRows } from '../../../../shared/roster/rows';
import { codeOf } from './helpers';

function rowsOf(text: string, mapping?: RosterMapping) {
  const parsed = parseCsv(text);
  return toRosterRows(parsed, mapping ?? suggestMapping(parsed.headers));
}

/** One data row under the given header; its fields. */
function fieldsOf(header: string, row: string) {
  const { rows, rejected } = rowsOf(`${header}\n${row}\n`);
  expect(rejected).toEqual([]);
  return rows[0]!.fields;
}

describe('toRosterRows: names', () => {
  it.each([
    ['a Japanese name with a half-width space', '山田 太郎', { fullName: '山田 太郎', familyName: '山田', givenName: '太郎' }],
    ['a Japanese name with a full-width space', '山田\u3000太郎', { fullName: '山田 太郎', familyName: '山田', givenName: '太郎' }],
    ['a CP932 extension kanji', '髙橋  一郎', { fullName: '髙橋 一郎', familyName: '髙橋', givenName: '一郎' }],
    ['a Latin name, Western order', 'Jane Smith', { fullName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' }],
    ['a full-width Latin name', 'Ｊａｎｅ　Ｓｍｉｔｈ', { fullName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' }],
    ['an apostrophe and a hyphen', "Sean O'Brien-Kelly", { fullName: "Sean O'Brien-Kelly", givenName: 'Sean', familyName: "O'Brien-Kelly" }],
    ['a Japanese name without a space', '山田太郎', { fullName: '山田太郎' }],
    ['three parts', 'Mary Jane Smith', { fullName: 'Mary Jane Smith' }],
    ['"Family, Given" (quoted in the file)', '"Smith, Jane"', { fullName: 'Smith, Jane' }],
    ['mixed scripts', 'Smith ジェーン', { fullName: 'Smith ジェーン' }],
  ])('splits the 氏名 column: %s', (_name, cell, expected) => {
    expect(fieldsOf('ID,氏名', `A-1,${cell}`)).toEqual(expected);
  });

  it.each([
    ['Japanese 姓/名', '受付番号,姓,名', 'A-1,山田,太郎', { fullName: '山田 太郎', familyName: '山田', givenName: '太郎' }],
    ['English First/Last Name', 'Badge ID,First Name,Last Name', 'A-1,Jane,Smith', { fullName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' }],
    ['only a family name', 'ID,姓,名', 'A-1,山田,', { fullName: '山田', familyName: '山田' }],
  ])('builds the full name from split columns: %s', (_name, header, row, expected) => {
    expect(fieldsOf(header, row)).toEqual(expected);
  });

  it('keeps all three name columns as written when the file has them', () => {
    expect(fieldsOf('ID,氏名,姓,名', 'A-1,山田 太郎 様,山田,太郎')).toEqual({
      fullName: '山田 太郎 様',
      familyName: '山田',
      givenName: '太郎',
    });
  });

  it.each([
    ['katakana', 'ヤマダ タロウ', { fullNameKana: 'ヤマダ タロウ', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' }],
    ['hiragana (stored as katakana)', 'やまだ　たろう', { fullNameKana: 'ヤマダ タロウ', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' }],
    ['half-width katakana', 'ﾔﾏﾀﾞ ﾀﾛｳ', { fullNameKana: 'ヤマダ タロウ', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' }],
    ['a reading that does not split', 'ヤマダタロウ', { fullNameKana: 'ヤマダタロウ' }],
  ])('splits the フリガナ column, family first: %s', (_name, cell, expected) => {
    expect(fieldsOf('ID,フリガナ', `A-1,${cell}`)).toEqual(expected);
  });

  it('builds the full reading from セイ/メイ', () => {
    expect(fieldsOf('ID,セイ,メイ', 'A-1,やまだ,ﾀﾛｳ')).toEqual({
      fullNameKana: 'ヤマダ タロウ',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'タロウ',
    });
  });
});

describe('toRosterRows: values', () => {
  it('cleans each field the way the rest of the app does', () => {
    expect(
      fieldsOf(
        'ID,会社名,部署,役職,メール,電話',
        '  ＥＸＰＯ－１ ,㈱サンプル,営業部　第二課,部長,Taro.Yamada@Example.JP ,０３－１２３４－５６７８',
      ),
    ).toEqual({
      company: '(株)サンプル',
      department: '営業部 第二課',
      title: '部長',
      email: 'taro.yamada@example.jp',
      phone: '03-1234-5678',
    });
    expect(rowsOf('ID\n  ＥＸＰＯ－１ \n').rows[0]!.badgeId).toBe('EXPO-1');
  });

  it('keeps every cell verbatim in raw, mapped or not, in column order', () => {
    const { rows } = rowsOf('来場者ID,会社名,備考\r\n A-1 ,㈱サンプル　,"=cmd|\'/C calc\'!A0"\r\n');
    expect(rows[0]!.raw).toEqual([' A-1 ', '㈱サンプル\u3000', "=cmd|'/C calc'!A0"]);
  });

  it('keeps cells under empty, repeated and __proto__ headers like any other', () => {
    const { rows } = rowsOf('ID,備考,備考,,__proto__\nA-1,a,b,c,{"polluted":true}\n');
    expect(rows[0]!.raw).toEqual(['A-1', 'a', 'b', 'c', '{"polluted":true}']);
    expect(RosterRow.parse(rows[0]).raw).toEqual(rows[0]!.raw);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names an empty header by its column when a cell under it is too long', () => {
    const { rejected } = rowsOf(`ID,\nA-1,${'x'.repeat(FIELD_MAX + 1)}\n`, ['badgeId', 'company']);
    expect(rejected).toEqual([{ line: 2, code: 'roster.row_field_too_long', detail: `#2: over ${FIELD_MAX} characters` }]);
  });

  it('fills missing trailing cells with empty strings', () => {
    const { rows, rejected } = rowsOf('ID,氏名,会社名,メール\nA-1,山田 太郎\n');
    expect(rejected).toEqual([]);
    expect(rows[0]).toMatchObject({ badgeId: 'A-1', fields: { fullName: '山田 太郎' }, raw: ['A-1', '山田 太郎', '', ''] });
    expect(rows[0]!.fields).not.toHaveProperty('company');
  });

  it('accepts extra cells when they are empty (trailing commas)', () => {
    expect(rowsOf('ID,氏名\nA-1,山田,,,\n').rejected).toEqual([]);
  });

  it('accepts a value of exactly FIELD_MAX characters', () => {
    const { rows, rejected } = rowsOf(`ID,会社名\nA-1,${'社'.repeat(FIELD_MAX)}\n`);
    expect(rejected).toEqual([]);
    expect(rows[0]!.fields.company).toHaveLength(FIELD_MAX);
  });

  it('keeps a long cell in an unmapped column whole, in raw only', () => {
    const note = 'メモ'.repeat(5_000);
    const { rows, rejected } = rowsOf(`ID,備考\nA-1,${note}\n`);
    expect(rejected).toEqual([]);
    expect(rows[0]!.raw[1]).toBe(note);
  });

  it('produces rows that satisfy the RosterRow schema', () => {
    const { rows } = rowsOf('ID,氏名,フリガナ,会社名,メール\nA-1,山田 太郎,ヤマダ タロウ,サンプル,t@example.jp\nA-2,Jane Smith,,Acme,\n');
    for (const row of rows) expect(RosterRow.parse(row)).toEqual(row);
  });
});

describe('toRosterRows: rejected rows', () => {
  it.each([
    ['a row with data but no badge id', 'ID,氏名\nA-1,山田\n ,佐藤\n', [{ line: 3, code: 'roster.row_badge_id_missing' }]],
    ['a repeated badge id (the first is kept)', 'ID,氏名\nA-1,山田\nA-2,佐藤\nA-1,鈴木\n', [
      { line: 4, code: 'roster.row_badge_id_duplicate', detail: 'A-1 first appears on line 2' },
    ]],
    ['a badge id repeated in full-width', 'ID,氏名\nA-1,山田\nＡ－１,鈴木\n', [
      { line: 3, code: 'roster.row_badge_id_duplicate', detail: 'A-1 first appears on line 2' },
    ]],
    ['an email that is not email-shaped', 'ID,メール\nA-1,taro.example.jp\nA-2,a@b.jp\n', [
      { line: 2, code: 'roster.row_email_invalid', detail: 'taro.example.jp' },
    ]],
    ['more cells than headers, with data in them', 'ID,氏名\nA-1,山田,太郎\n', [
      { line: 2, code: 'roster.row_too_many_cells', detail: '3 cells for 2 columns' },
    ]],
    ['a mapped cell over FIELD_MAX', `ID,会社名\nA-1,${'社'.repeat(FIELD_MAX + 1)}\n`, [
      { line: 2, code: 'roster.row_field_too_long', detail: `会社名: over ${FIELD_MAX} characters` },
    ]],
    ['a cell that NFKC stretches past FIELD_MAX (㈱ → (株))', `ID,会社名\nA-1,${'㈱'.repeat(200)}\n`, [
      { line: 2, code: 'roster.row_field_too_long', detail: `会社名: over ${FIELD_MAX} characters` },
    ]],
    ['a full name joined from two long columns', `ID,姓,名\nA-1,${'山'.repeat(300)},${'太'.repeat(300)}\n`, [
      { line: 2, code: 'roster.row_field_too_long', detail: `fullName: over ${FIELD_MAX} characters` },
    ]],
  ])('rejects %s', (_name, text, expected) => {
    const { rejected } = rowsOf(text);
    expect(rejected).toEqual(expected);
    for (const row of rejected) expect(RejectedRow.parse(row)).toEqual(row);
  });

  it('reports the line a rejected row starts on, after multi-line cells, and keeps importing', () => {
    const text = [
      '来場者ID,氏名,メールアドレス,備考',
      'A-1,山田 太郎,taro@example.jp,"二行の',
      '備考"',
      'A-2,佐藤 花子,hanako@,',
      'A-3,"鈴木',
      '一郎",ichiro@example.jp,',
      '',
      'A-1,重複,dup@example.jp,',
      ',名無し,,',
      'A-4,Jane Smith,jane@example.com,',
    ].join('\r\n');
    const { rows, rejected } = rowsOf(text);
    expect(rows.map((r) => [r.line, r.badgeId])).toEqual([[2, 'A-1'], [5, 'A-3'], [10, 'A-4']]);
    expect(rejected).toEqual([
      { line: 4, code: 'roster.row_email_invalid', detail: 'hanako@' },
      { line: 8, code: 'roster.row_badge_id_duplicate', detail: 'A-1 first appears on line 2' },
      { line: 9, code: 'roster.row_badge_id_missing' },
    ]);
  });

  it('rejects a later row with the same badge id even when the first was itself rejected', () => {
    const { rows, rejected } = rowsOf('ID,メール\nA-1,broken\nA-1,ok@example.jp\n');
    expect(rows).toEqual([]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'roster.row_email_invalid'],
      [3, 'roster.row_badge_id_duplicate'],
    ]);
  });

  it('does not let a structurally broken row claim its badge id', () => {
    const { rows, rejected } = rowsOf('ID,氏名\nA-1,山田,extra\nA-1,山田\n');
    expect(rejected.map((r) => r.code)).toEqual(['roster.row_too_many_cells']);
    expect(rows.map((r) => r.line)).toEqual([3]);
  });
});

describe('toRosterRows: mapping', () => {
  const parsed = parseCsv('ID,氏名,メール\nA-1,山田,t@example.jp\n');

  it('follows the mapping it is given, ignoring null columns', () => {
    expect(toRosterRows(parsed, ['badgeId', null, 'email']).rows[0]!.fields).toEqual({ email: 't@example.jp' });
  });

  it.each([
    ['no badge id column', [null, 'fullName', 'email'], 'roster.mapping_no_badge_id'],
    ['fewer entries than columns', ['badgeId', 'fullName'], 'roster.mapping_column_count'],
    ['more entries than columns', ['badgeId', 'fullName', 'email', null], 'roster.mapping_column_count'],
    ['a field on two columns', ['badgeId', 'email', 'email'], 'roster.mapping_field_repeated'],
  ] as const)('refuses a mapping with %s', (_name, mapping, code) => {
    expect(codeOf(() => toRosterRows(parsed, [...mapping]))).toBe(code);
  });
});
