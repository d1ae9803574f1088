import { describe, expect, it } from 'vitest';
import { checkMapping, RosterMapping, suggestMapping, type RosterField } from '../../../../shared/roster/columns';
import { codeOf } from './helpers';

describe('suggestMapping', () => {
  const cases: [RosterField, string[]][] = [
    ['fullName', ['氏名', '名前', 'お名前', 'フルネーム', 'Name', 'Full Name', 'FULL NAME', 'full_name', '氏名（漢字）']],
    ['familyName', ['姓', '氏', 'Last Name', 'Family Name', 'Surname', 'LastName', 'last-name']],
    ['givenName', ['名', 'First Name', 'Given Name', 'FirstName']],
    ['fullNameKana', ['フリガナ', 'ふりがな', '氏名(カナ)', '氏名（カナ）', 'カナ', '氏名カナ', 'よみがな', 'ﾌﾘｶﾞﾅ', '氏名(ｶﾅ)', 'お名前・フリガナ']],
    ['familyNameKana', ['セイ', '姓(カナ)', '姓（カナ）', '姓フリガナ', 'Last Name Kana', 'ｾｲ']],
    ['givenNameKana', ['メイ', '名(カナ)', '名フリガナ', 'First Name Kana', 'ﾒｲ']],
    ['company', ['会社名', '企業名', '会社', '勤務先', '所属企業', '法人名', 'Company', 'Company Name', 'Organization', 'ＣＯＭＰＡＮＹ']],
    ['department', ['部署', '部署名', '所属', '所属部署', '部門', 'Department', 'Division']],
    ['title', ['役職', '役職名', '肩書', '肩書き', 'Title', 'Job Title', 'Position']],
    ['email', ['メールアドレス', 'メール', 'E-mail', 'Email', 'Mail', 'Eメール', 'ＥーＭａｉｌ', 'Ｅ－ｍａｉｌ', 'e-Mail Address', 'ﾒｰﾙｱﾄﾞﾚｽ']],
    ['phone', ['電話番号', '電話', 'TEL', 'ＴＥＬ', 'Tel.', 'Phone', '携帯電話', 'Mobile']],
    ['badgeId', ['来場者ID', '受付番号', '登録番号', '参加者ID', 'バーコード', 'バッジID', 'ID', 'Registration ID', 'Attendee ID', 'Badge ID', 'Barcode', 'QRコード', '来場者ＩＤ', 'ｉｄ']],
  ];
  it.each(cases.flatMap(([field, headers]) => headers.map((header) => [header, field] as const)))(
    'maps the header %j to %s',
    (header, field) => {
      expect(suggestMapping([header])).toEqual([field]);
    },
  );

  it('ignores surrounding and inner spaces of any width', () => {
    expect(suggestMapping(['  氏名 ', '会社　名', ' E mail\t'])).toEqual(['fullName', 'company', 'email']);
  });

  it.each(['備考', 'アンケート回答', 'Notes', '', '   ', '来場日時', '同意', '名刺', '会社名2'])(
    'leaves the unknown header %j unmapped',
    (header) => {
      expect(suggestMapping([header])).toEqual([null]);
    },
  );

  it('maps a Japanese seminar export with split name columns', () => {
    expect(
      suggestMapping(['受付番号', '姓', '名', 'セイ', 'メイ', '会社名', '部署', '役職', 'Eメール', 'TEL', '備考']),
    ).toEqual([
      'badgeId', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'department',
      'title', 'email', 'phone', null,
    ]);
  });

  it('maps an English export', () => {
    expect(suggestMapping(['Badge ID', 'First Name', 'Last Name', 'Company', 'Job Title', 'Email', 'Phone'])).toEqual([
      'badgeId', 'givenName', 'familyName', 'company', 'title', 'email', 'phone',
    ]);
  });

  it.each([
    ['電話番号 beats 携帯電話, whichever comes first', ['携帯電話', '電話番号'], [null, 'phone']],
    ['電話番号 beats 携帯電話 (in order)', ['電話番号', '携帯電話'], ['phone', null]],
    ['a barcode column beats a generic ID', ['ID', 'バーコード'], [null, 'badgeId']],
    ['a repeated header: the leftmost wins', ['氏名', '氏名'], ['fullName', null]],
    ['two equal-rank aliases: the leftmost wins', ['Email', 'E-mail'], ['email', null]],
  ] as const)('gives each field at most one column: %s', (_name, headers, expected) => {
    expect(suggestMapping([...headers])).toEqual(expected);
  });

  it('returns one entry per column, and a valid RosterMapping', () => {
    const headers = ['ID', 'x', 'y', '氏名'];
    const mapping = suggestMapping(headers);
    expect(mapping).toHaveLength(headers.length);
    expect(RosterMapping.parse(mapping)).toEqual(mapping);
  });

  it('maps 10,000 unknown columns', () => {
    const headers = ['来場者ID', ...Array.from({ length: 9_999 }, (_, i) => `設問${i + 1}`)];
    const mapping = suggestMapping(headers);
    expect(mapping[0]).toBe('badgeId');
    expect(mapping.filter((field) => field !== null)).toHaveLength(1);
  });
});

describe('checkMapping', () => {
  it('accepts a mapping with one badge id column', () => {
    expect(codeOf(() => checkMapping(['badgeId', 'fullName', null]))).toBe('no error');
  });

  it.each([
    ['no badge id column', ['fullName', 'email', null], 'roster.mapping_no_badge_id'],
    ['nothing mapped', [null, null], 'roster.mapping_no_badge_id'],
    ['no columns', [], 'roster.mapping_no_badge_id'],
    ['a field on two columns', ['badgeId', 'email', 'email'], 'roster.mapping_field_repeated'],
    ['two badge id columns', ['badgeId', 'badgeId'], 'roster.mapping_field_repeated'],
  ] as const)('refuses %s', (_name, mapping, code) => {
    expect(codeOf(() => checkMapping([...mapping]))).toBe(code);
  });
});
