import { describe, expect, it } from 'vitest';
import { corporateDomain, domainOf, registrableDomain } from '../../../../shared/accounts/domain';

describe('registrableDomain', () => {
  const table: [string, string | undefined][] = [
    ['acme.co.jp', 'acme.co.jp'],
    ['sales.acme.co.jp', 'acme.co.jp'],
    ['mail.tokyo.sales.acme.co.jp', 'acme.co.jp'],
    ['hitachi.com', 'hitachi.com'],
    ['jp.fujitsu.com', 'fujitsu.com'],
    ['jma.or.jp', 'jma.or.jp'],
    ['ml.jma.or.jp', 'jma.or.jp'],
    ['u-tokyo.ac.jp', 'u-tokyo.ac.jp'],
    ['g.ecc.u-tokyo.ac.jp', 'u-tokyo.ac.jp'],
    ['meti.go.jp', 'meti.go.jp'],
    ['city.shibuya.tokyo.jp', 'city.shibuya.tokyo.jp'],
    ['soumu.city.shibuya.tokyo.jp', 'city.shibuya.tokyo.jp'],
    ['cybozu.jp', 'cybozu.jp'],
    ['eu.acme.co.uk', 'acme.co.uk'],
    ['acme.com.au', 'acme.com.au'],
    ['ACME.CO.JP', 'acme.co.jp'],
    ['acme.co.jp.', 'acme.co.jp'],
    ['co.jp', undefined],
    ['localhost', undefined],
    ['bad_host.com', undefined],
    ['10.0.0.1', undefined],
  ];
  it.each(table)('%j → %j', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });
});

describe('corporateDomain: the company an address says, never a free-mail one', () => {
  const table: [string | null, string | null][] = [
    ['taro.yamada@sales.acme.co.jp', 'acme.co.jp'],
    ['ｔａｒｏ＠ｓａｌｅｓ．ａｃｍｅ．ｃｏ．ｊｐ', 'acme.co.jp'],
    ['Hanako.Sato@Hitachi.COM', 'hitachi.com'],
    ['jane@eu.acme.co.uk', 'acme.co.uk'],
    ['yamada.taro@gmail.com', null],
    ['taro_1985@yahoo.co.jp', null],
    ['taro@ab.ocn.ne.jp', null],
    ['taro.0123@docomo.ne.jp', null],
    ['taro@i.softbank.jp', null],
    ['taro@mail.goo.ne.jp', null],
    ['no-address', null],
    [null, null],
  ];
  it.each(table)('%j → %j', (email, domain) => {
    expect(corporateDomain(email)).toBe(domain);
  });
});

describe('domainOf: a domain as a target list writes it', () => {
  const table: [string, string | null][] = [
    ['acme.co.jp', 'acme.co.jp'],
    ['https://www.acme.co.jp/', 'acme.co.jp'],
    ['http://www.hitachi.com/ja/index.html?x=1', 'hitachi.com'],
    ['ｗｗｗ．ｃｙｂｏｚｕ．ｃｏｍ', 'cybozu.com'],
    ['info@acme.co.jp', 'acme.co.jp'],
    ['gmail.com', null],
    ['', null],
    ['not a domain', null],
  ];
  it.each(table)('%j → %j', (text, domain) => {
    expect(domainOf(text)).toBe(domain);
  });
});
