import { describe, expect, it } from 'vitest';
import { emailKey, nameKey, phoneKey } from '../../../../shared/dedupe/keys';
import { candidatePairs, type ScanLead } from '../../../../shared/dedupe/scan';

function lead(id: string, eventId: string, p: { name?: string; email?: string; phone?: string; account?: string; person?: string }): ScanLead {
  return {
    id, eventId, personId: p.person ?? null, emailKey: emailKey(p.email), nameKey: nameKey({ fullName: p.name }),
    phoneKey: phoneKey(p.phone), familyNameKana: null, givenNameKana: null, accountId: p.account ?? null, companyKey: null,
  };
}

const summary = (pairs: ReturnType<typeof candidatePairs>) =>
  pairs.map((p) => `${p.a}-${p.b} ${p.scope} ${p.verdict.kind} ${p.verdict.rule}`).sort();

describe('finding candidate pairs', () => {
  it('pairs one event\'s duplicates by each rule and links other events', () => {
    const leads = [
      lead('a1', 'e1', { name: '山田 太郎', email: 'taro@example.co.jp', account: 'acme' }),
      lead('a2', 'e1', { name: '山田太郎', email: 'ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ' }),
      lead('b1', 'e1', { name: '佐藤 花子', account: 'acme', phone: '03-1234-5678' }),
      lead('b2', 'e1', { name: '佐藤花子', account: 'acme', phone: '+81 3 1234 5678' }),
      lead('c1', 'e1', { name: '鈴木 次郎', account: 'acme' }),
      lead('c2', 'e1', { name: '鈴木 次郎', account: 'acme' }),
      lead('d1', 'e1', { name: '佐藤 健', account: 'acme' }),
      lead('d2', 'e1', { name: '佐藤 健', account: 'globex' }),
      lead('x1', 'e2', { name: '山田 太郎', email: 'taro@example.co.jp' }),
    ];
    expect(summary(candidatePairs(leads))).toEqual([
      'a1-a2 event auto email',
      'a1-x1 person auto email',
      'b1-b2 event auto name_kana_account_phone',
      'c1-c2 event suggest name_account',
    ]);
  });

  it('leaves out pairs a person told apart, and people already linked across events', () => {
    const leads = [
      lead('a1', 'e1', { name: '鈴木 次郎', account: 'acme' }),
      lead('a2', 'e1', { name: '鈴木 次郎', account: 'acme' }),
      lead('p1', 'e1', { email: 'p@example.com', person: 'P' }),
      lead('p2', 'e2', { email: 'p@example.com', person: 'P' }),
    ];
    expect(candidatePairs(leads, (a, b) => a === 'a1' && b === 'a2')).toEqual([]);
  });

  it('compares a block with its first lead only: a thousand copies make 999 pairs, not 499,500', () => {
    const leads = Array.from({ length: 1000 }, (_, i) => lead(`l${String(i).padStart(4, '0')}`, 'e1', { email: 'info@example.co.jp' }));
    const pairs = candidatePairs(leads);
    expect(pairs).toHaveLength(999);
    expect(pairs.every((p) => p.a === 'l0000')).toBe(true);
  });
});
