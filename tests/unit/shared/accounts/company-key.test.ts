import { describe, expect, it } from 'vitest';
import { companyKey } from '../../../../shared/normalize/company';

// Spellings of one company, as badges, business cards and hand entry write them: each group is
// one account key, and no two groups share one.
const SAME_COMPANY: [string, string[]][] = [
  ['日立製作所', ['株式会社日立製作所', '(株)日立製作所', '（株）日立製作所', '㈱日立製作所', '日立製作所株式会社', '株式会社　日立製作所', '日立製作所(株)']],
  ['トヨタ自動車', ['トヨタ自動車株式会社', 'トヨタ自動車(株)', 'ﾄﾖﾀ自動車株式会社', 'トヨタ自動車 株式会社']],
  ['サイボウズ', ['サイボウズ株式会社', 'サイボウズ（株）', '㈱サイボウズ']],
  ['山田商店', ['有限会社山田商店', '(有)山田商店', '㈲山田商店', '山田商店有限会社']],
  ['dmmcom', ['合同会社DMM.com', 'DMM.com LLC', 'DMM.com合同会社', 'ＤＭＭ．ｃｏｍ']],
  ['日本能率協会', ['一般社団法人日本能率協会', '一般社団法人 日本能率協会', '(一社)日本能率協会']],
  ['日本財団', ['公益財団法人日本財団', '(公財)日本財団']],
  ['acme', ['Acme, Inc.', 'ACME Inc', 'Acme Corporation', 'ACME Corp.', 'Acme Corp', 'Acme Co., Ltd.', 'Acme Co.,Ltd',
    'ACME CO.,LTD.', 'Acme Co. Ltd', 'Acme Co.', 'Acme K.K.', 'Acme KK', 'Acme Kabushiki Kaisha', 'Acme GmbH', 'Acme Ltd.',
    'Acme Limited', 'Acme LLC', 'ＡＣＭＥ　Ｉｎｃ．', 'acme', ' Acme ', 'A.C.M.E. Inc.']],
  ['toyotamotor', ['Toyota Motor Corporation', 'TOYOTA MOTOR CORP.', 'Toyota Motor Co., Ltd.']],
  ['sonygroup', ['Sony Group Corporation', 'Sony Group Corp.', 'SONY GROUP']],
  ['nttデータ', ['株式会社NTTデータ', '(株)ＮＴＴデータ', 'NTT データ株式会社', 'ＮＴＴ・データ']],
  ['サンプル', ['株式会社サンプル', 'サンプル株式会社', '㈱サンプル']],
];

describe('companyKey: spellings of one company are one key', () => {
  const cases = SAME_COMPANY.flatMap(([key, spellings]) => spellings.map((s) => [s, key] as const));
  it.each(cases)('%j → %j', (spelling, key) => {
    expect(companyKey(spelling)).toBe(key);
  });

  it('no two companies share a key', () => {
    const keys = SAME_COMPANY.map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('companyKey: different companies stay apart', () => {
  const apart: [string, string][] = [
    ['株式会社日立製作所', '日立建機株式会社'],
    ['Acme, Inc.', 'Acme Japan K.K.'],
    ['Incline Systems', 'Systems Inc.'],
    ['Co Co Ichibanya', 'Ichibanya Co., Ltd.'],
    ['株式会社カーボン', '株式会社カボン'],
    ['NEC Corporation', '日本電気株式会社'],
  ];
  it.each(apart)('%j ≠ %j', (a, b) => {
    expect(companyKey(a)).not.toBe(companyKey(b));
  });
});

describe('companyKey: words that only look like legal forms are kept', () => {
  const table: [string, string][] = [
    ['Incline Systems', 'inclinesystems'],
    ['Corporate Planning Ltd.', 'corporateplanning'],
    ['Co Co Ichibanya', 'cocoichibanya'],
    ['カーボン株式会社', 'カーボン'],
    ['株式会社', '株式会社'],
    ['Inc.', 'inc'],
  ];
  it.each(table)('%j → %j', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });

  it('no company, no key', () => {
    expect(companyKey(null)).toBeUndefined();
    expect(companyKey('   ')).toBeUndefined();
  });
});
