import { describe, expect, it } from 'vitest';
import { emailKey, kanaKey, nameKey, phoneKey } from '../../../../shared/dedupe/keys';

describe('emailKey', () => {
  it.each([
    ['taro@example.co.jp', 'taro@example.co.jp'],
    ['ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ', 'taro@example.co.jp'],
    ['  Taro.Yamada@Example.CO.JP ', 'taro.yamada@example.co.jp'],
    ['mailto:Sales@Acme.com', 'sales@acme.com'],
    ['taro @ example.co.jp', 'taro@example.co.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', 'taro@example.co.jp'],
  ])('%s → %s', (input, key) => {
    expect(emailKey(input)).toBe(key);
  });

  it.each([[null], [''], ['   '], ['not an email'], ['@']])('%j has no key', (input) => {
    expect(emailKey(input)).toBeNull();
  });

  it('keeps two addresses that differ only before the @ apart', () => {
    expect(emailKey('taro@example.co.jp')).not.toBe(emailKey('taro2@example.co.jp'));
  });
});

describe('nameKey', () => {
  it.each([
    [{ familyName: '山田', givenName: '太郎' }, '山田太郎'],
    [{ fullName: '山田 太郎' }, '山田太郎'],
    [{ fullName: '山田　太郎' }, '山田太郎'],
    [{ fullName: '山田太郎' }, '山田太郎'],
    [{ familyName: 'やまだ', givenName: 'たろう' }, 'ヤマダタロウ'],
    [{ fullName: 'ﾔﾏﾀﾞ ﾀﾛｳ' }, 'ヤマダタロウ'],
    [{ fullName: 'ジョン・スミス' }, 'ジョンスミス'],
    [{ fullName: 'John Smith' }, 'johnsmith'],
    [{ familyName: 'Smith', givenName: 'John' }, 'johnsmith'],
    [{ fullName: 'SMITH John' }, 'johnsmith'],
    [{ fullName: 'Ｊｏｈｎ　Ｓｍｉｔｈ' }, 'johnsmith'],
    [{ familyName: 'Yamada', givenName: 'Taro', fullName: 'ignored' }, 'taroyamada'],
  ])('%j → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('keeps a Japanese name in its order: 太郎 山田 is not 山田 太郎', () => {
    expect(nameKey({ fullName: '太郎 山田' })).not.toBe(nameKey({ fullName: '山田 太郎' }));
  });

  it.each([[{}], [{ fullName: '' }], [{ fullName: '   ' }], [{ familyName: null, givenName: null, fullName: null }]])(
    '%j has no key',
    (name) => {
      expect(nameKey(name)).toBeNull();
    },
  );
});

describe('kanaKey', () => {
  it.each([
    [{ familyNameKana: 'やまだ', givenNameKana: 'たろう' }, 'ヤマダタロウ'],
    [{ familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' }, 'ヤマダタロウ'],
    [{ familyNameKana: 'ﾔﾏﾀﾞ', givenNameKana: 'ﾀﾛｳ' }, 'ヤマダタロウ'],
    [{ familyNameKana: 'ヤマダ ', givenNameKana: null }, 'ヤマダ'],
    [{ familyNameKana: null, givenNameKana: null }, null],
  ])('%j → %s', (kana, key) => {
    expect(kanaKey(kana)).toBe(key);
  });
});

describe('phoneKey', () => {
  it.each([
    ['03-1234-5678', '0312345678'],
    ['03(1234)5678', '0312345678'],
    ['+81 3-1234-5678', '0312345678'],
    ['+81-(0)3-1234-5678', '0312345678'],
    ['+81 90 1234 5678', '09012345678'],
    ['０３－１２３４－５６７８', '0312345678'],
    ['tel:+81312345678', '0312345678'],
    ['0081-3-1234-5678', '0312345678'],
    ['03-1234-5678 内線 123', '0312345678'],
    ['03-1234-5678 ext. 45', '0312345678'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['090.1234.5678', '09012345678'],
  ])('%s → %s', (input, key) => {
    expect(phoneKey(input)).toBe(key);
  });

  it.each([[null], [''], ['内線 12'], ['12-34']])('%j has no key', (input) => {
    expect(phoneKey(input)).toBeNull();
  });
});
