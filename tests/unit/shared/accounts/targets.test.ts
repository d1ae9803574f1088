import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readTargets, suggestTargetMapping } from '../../../../shared/accounts/targets';
import { AppError } from '../../../../shared/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp932 = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));

describe('suggestTargetMapping', () => {
  const table: [string[], ReturnType<typeof suggestTargetMapping>][] = [
    [['会社名', 'ドメイン', 'ティア'], { name: 0, domain: 1, tier: 2 }],
    [['No.', '企業名', 'Webサイト', 'ランク'], { name: 1, domain: 2, tier: 3 }],
    [['Account Name', 'Website', 'Tier'], { name: 0, domain: 1, tier: 2 }],
    [['ＣＯＭＰＡＮＹ　ＮＡＭＥ', 'Ｅｍａｉｌ Ｄｏｍａｉｎ'], { name: 0, domain: 1 }],
    [['Name', '会社名'], { name: 1 }],
    [['氏名', '電話'], {}],
  ];
  it.each(table)('%j → %j', (headers, mapping) => {
    expect(suggestTargetMapping(headers)).toEqual(mapping);
  });
});

describe('readTargets', () => {
  it('reads a Shift_JIS list below a title line, keying each company by its normalized name', () => {
    const read = readTargets(cp932('2026年度 ABM ターゲット\r\n会社名,ドメイン,ティア\r\n㈱日立製作所,https://www.hitachi.co.jp/,1\r\nトヨタ自動車株式会社,toyota.co.jp,2\r\n'));
    expect(read.encoding).toBe('shift_jis');
    expect(read.rows).toEqual([
      { key: '日立製作所', name: '(株)日立製作所', domain: 'hitachi.co.jp', tier: '1' },
      { key: 'トヨタ自動車', name: 'トヨタ自動車株式会社', domain: 'toyota.co.jp', tier: '2' },
    ]);
  });

  it('keys a row with only a domain by the domain, and rejects a row with neither', () => {
    const read = readTargets(utf8('Company,Domain,Tier\n,www.cybozu.com,A\n,,B\nAcme Inc.,,\n'));
    expect(read.rows).toEqual([
      { key: 'd:cybozu.com', name: 'cybozu.com', domain: 'cybozu.com', tier: 'A' },
      { key: 'acme', name: 'Acme Inc.', domain: null, tier: null },
    ]);
    expect(read.rejected).toEqual([{ line: 3, reason: 'no_name_or_domain' }]);
  });

  it('one company written twice is one target, the later row winning', () => {
    const read = readTargets(utf8('会社名,ティア\n株式会社サンプル,B\nサンプル(株),A\n'));
    expect(read.rows).toEqual([{ key: 'サンプル', name: 'サンプル(株)', domain: null, tier: 'A' }]);
  });

  it('refuses a file with no name or domain column', () => {
    let code: unknown;
    try {
      readTargets(utf8('氏名,電話\n山田,03-1234-5678\n'));
    } catch (err) {
      code = err instanceof AppError ? err.code : err;
    }
    expect(code).toBe('targets.no_columns');
  });
});
