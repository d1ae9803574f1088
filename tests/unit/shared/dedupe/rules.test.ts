import { describe, expect, it } from 'vitest';
import { emailKey, nameKey, phoneKey } from '../../../../shared/dedupe/keys';
import { classifyPair, type DedupeSubject, type Verdict } from '../../../../shared/dedupe/rules';

interface Person {
  name?: string;
  family?: string;
  given?: string;
  kana?: [string, string];
  email?: string;
  phone?: string;
  account?: string;
  company?: string;
}

let n = 0;
function lead(p: Person): DedupeSubject {
  return {
    id: `lead-${++n}`,
    emailKey: emailKey(p.email),
    nameKey: nameKey({ fullName: p.name, familyName: p.family, givenName: p.given }),
    phoneKey: phoneKey(p.phone),
    familyNameKana: p.kana?.[0] ?? null,
    givenNameKana: p.kana?.[1] ?? null,
    accountId: p.account ?? null,
    companyKey: p.company ?? null,
  };
}

const auto = (rule: string): Verdict => ({ kind: 'auto', rule } as Verdict);
const suggest = (rule: string): Verdict => ({ kind: 'suggest', rule } as Verdict);
const never = (reason: string): Verdict => ({ kind: 'never', reason } as Verdict);
const none: Verdict = { kind: 'none' };

describe('duplicate rules', () => {
  it.each<[string, Person, Person, Verdict]>([
    // Automatic.
    ['one email, one in full width', { name: '山田 太郎', email: 'taro@example.co.jp' }, { name: '山田太郎', email: 'ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ' }, auto('email')],
    ['one email, different case, no names', { email: 'J.Smith@Acme.com' }, { email: 'j.smith@acme.com' }, auto('email')],
    ['one email even under two spellings of the name', { name: '斎藤 一', email: 'saito@example.co.jp' }, { name: '齋藤 一', email: 'saito@example.co.jp' }, auto('email')],
    ['name, kana, account and phone', { family: '佐藤', given: '花子', kana: ['さとう', 'はなこ'], account: 'acc-1', phone: '03-1234-5678' }, { name: '佐藤 花子', kana: ['サトウ', 'ハナコ'], account: 'acc-1', phone: '+81 3 1234 5678' }, auto('name_kana_account_phone')],
    ['name, account and phone, kana on one side only', { name: '佐藤 花子', kana: ['サトウ', 'ハナコ'], account: 'acc-1', phone: '03-1234-5678' }, { name: '佐藤花子', account: 'acc-1', phone: '0312345678' }, auto('name_kana_account_phone')],
    ['an English name either way round, same company and phone', { name: 'John Smith', company: 'acme', phone: '+1 415 555 0100' }, { family: 'Smith', given: 'John', company: 'acme', phone: '+1 (415) 555-0100' }, auto('name_kana_account_phone')],
    ['free mail on one side does not block the name rules', { name: '田中 一郎', email: 'ichiro.tanaka@gmail.com', account: 'acc-2', phone: '090-1111-2222' }, { name: '田中 一郎', email: 'tanaka@globex.co.jp', account: 'acc-2', phone: '09011112222' }, auto('name_kana_account_phone')],
    // Suggested.
    ['name and account only', { name: '鈴木 次郎', account: 'acc-3' }, { name: '鈴木次郎', account: 'acc-3', phone: '03-9999-0000' }, suggest('name_account')],
    ['name and phone only (the company typed differently)', { name: '高橋 健', account: 'acc-4', phone: '06-1234-5678' }, { name: '高橋 健', account: 'acc-5', phone: '06(1234)5678' }, suggest('name_phone')],
    ['name and company name when one lead has no account yet', { name: 'Mary Jones', company: 'globex' }, { name: 'mary jones', account: 'acc-9', company: 'globex' }, suggest('name_account')],
    // Not duplicates.
    ['同姓同名 at different companies', { name: '佐藤 健', account: 'acc-6' }, { name: '佐藤 健', account: 'acc-7' }, none],
    ['same company, different people', { name: '伊藤 真一', account: 'acc-8', phone: '03-1111-1111' }, { name: '伊藤 真二', account: 'acc-8', phone: '03-1111-1111' }, none],
    ['two people sharing a switchboard number and a name at two companies', { name: '中村 誠', phone: '0120-000-111', account: 'a' }, { name: '中村 誠', phone: '0120000112', account: 'b' }, none],
    ['no name and no email', { phone: '03-1234-5678' }, { phone: '03-1234-5678' }, none],
    // Never.
    ['同姓同名 at one company with two corporate emails', { name: '佐藤 健', email: 'k.sato@example.co.jp', account: 'acc-1', phone: '03-1234-5678' }, { name: '佐藤 健', email: 'ken.sato@example.co.jp', account: 'acc-1', phone: '03-1234-5678' }, never('emails_differ')],
    ['readings that differ (やまさき / やまざき)', { name: '山崎 翔', kana: ['やまさき', 'しょう'], account: 'acc-1', phone: '03-1234-5678' }, { name: '山崎 翔', kana: ['やまざき', 'しょう'], account: 'acc-1', phone: '03-1234-5678' }, never('kana_differs')],
  ])('%s', (_, x, y, verdict) => {
    const a = lead(x);
    const b = lead(y);
    expect(classifyPair(a, b)).toEqual(verdict);
    // Symmetric: the order the leads come in does not matter.
    expect(classifyPair(b, a)).toEqual(verdict);
  });

  it('never merges or suggests a pair a person told apart, even with one email', () => {
    const a = lead({ email: 'info@example.co.jp' });
    const b = lead({ email: 'INFO@example.co.jp' });
    expect(classifyPair(a, b, true)).toEqual(never('dismissed'));
  });

  it('a lead is not its own duplicate', () => {
    const a = lead({ email: 'x@example.com' });
    expect(classifyPair(a, a)).toEqual(none);
  });
});
