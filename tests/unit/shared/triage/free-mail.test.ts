import { describe, expect, it } from 'vitest';
import { emailDomain, isFreeMail } from '../../../../shared/triage/free-mail';

describe('emailDomain', () => {
  const table: [string | null | undefined, string | undefined][] = [
    ['taro.yamada@example.co.jp', 'example.co.jp'],
    ['Taro.Yamada@Example.CO.JP', 'example.co.jp'],
    ['  hanako@sample.jp  ', 'sample.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', 'example.co.jp'],
    ['taro＠example.com', 'example.com'],
    ['<taro@example.com>', 'example.com'],
    ['taro@gmail.com.', 'gmail.com'],
    ['"odd@name"@example.org', 'example.org'],
    ['taro.example.com', undefined],
    ['taro@', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ];
  it.each(table)('%j → %j', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });
});

describe('isFreeMail', () => {
  const free = [
    'yamada.taro@gmail.com', 'YAMADA@GMAIL.COM', 'ｙａｍａｄａ＠ｇｍａｉｌ．ｃｏｍ', 'taro@googlemail.com',
    'taro_1985@yahoo.co.jp', 'taro@ymail.ne.jp', 'taro@yahoo.com', 'taro@yahoo.co.uk',
    'taro@outlook.jp', 'taro@outlook.com', 'taro@hotmail.com', 'taro@hotmail.co.jp', 'taro@live.jp', 'taro@msn.com',
    'taro@icloud.com', 'taro@me.com', 'taro@mac.com', 'taro@aol.com', 'taro@protonmail.com', 'taro@proton.me',
    'max@gmx.de', 'max@gmx.net', 'ivan@mail.ru', 'wang@qq.com', 'li@163.com',
    'taro.0123@docomo.ne.jp', 'taro@ezweb.ne.jp', 'taro@au.com', 'taro@softbank.ne.jp', 'taro@i.softbank.jp',
    'taro@nifty.com', 'taro@biglobe.ne.jp', 'taro@ocn.ne.jp', 'taro@ab.ocn.ne.jp', 'taro@so-net.ne.jp',
    'taro@excite.co.jp', 'taro@goo.jp', 'taro@livedoor.com', 'taro@plala.or.jp', 'taro@k8.dion.ne.jp',
  ];
  const corporate = [
    'taro.yamada@example.co.jp', 'sato@toyota.co.jp', 'suzuki@hitachi.com', 'info@ntt.com', 'sales@softbank.jp',
    'tanaka@nttdocomo.com', 'kato@kddi.com', 'jane@acme.com', 'jane@gmail.example.com', 'jane@mygmail.com',
    'jane@city.shibuya.tokyo.jp', 'jane@u-tokyo.ac.jp', 'ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  ];
  it.each(free)('%s is free mail', (email) => {
    expect(isFreeMail(email)).toBe(true);
  });
  it.each(corporate)('%s is a company address', (email) => {
    expect(isFreeMail(email)).toBe(false);
  });
  it('says no for a missing or unreadable address', () => {
    for (const email of [null, undefined, '', 'gmail.com', 'taro@']) expect(isFreeMail(email)).toBe(false);
  });
});
