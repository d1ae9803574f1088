import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountPage, AccountSortColumn, AccountSummary } from '../../../shared/accounts/api';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * The Accounts list paged by its keyset cursor over a real database file: 1,560 accounts, with
 * many ties in every column (one lead each, mostly; one grade; one name under two unrelated
 * domains, which stays two accounts), read to the end under each sort in both directions.
 */

let core: TestCore;
const ACCOUNTS = 1560;

beforeAll(async () => {
  core = openTestCore();
  const eventId = (await core.call('events.create', { name: 'Japan IT Week 秋 2026' })).id;
  for (let i = 0; i < ACCOUNTS; i++) {
    core.clock.advance(1000);
    // テスト商事0…1299, then the first 260 names again under their own domains: same name, another account.
    const company = `テスト商事${i % 1300}`;
    const title = ['部長', '課長', undefined][i % 3];
    await core.call('capture.manual', { eventId, fields: { fullName: `山田 ${i}`, company, email: `p${i}@d${i}.co.jp`, ...(title ? { title } : {}) } });
    if (i % 7 === 0) await core.call('capture.manual', { eventId, fields: { fullName: `佐藤 ${i}`, company, email: `q${i}@d${i}.co.jp` } });
  }
  const csv = ['会社名,ドメイン,ティア', ...Array.from({ length: 40 }, (_, k) => `テスト商事${k * 11},d${k * 11}.co.jp,Tier ${1 + (k % 2)}`)].join('\n');
  await core.call('targets.import', { file: Buffer.from(csv, 'utf8').toString('base64') });
}, 240_000);
afterAll(() => core.close());

const valueOf: Record<AccountSortColumn, (a: AccountSummary) => string | number> = {
  name: (a) => a.name,
  leadCount: (a) => a.leadCount,
  bestGrade: (a) => a.bestGrade ?? '',
  bestScore: (a) => a.bestScore,
  totalScore: (a) => a.totalScore,
  lastTouchAt: (a) => Date.parse(a.lastTouchAt ?? ''),
  target: (a) => (a.target ? 1 : 0),
};
const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);

describe('the Accounts list pages by keyset', () => {
  const columns: AccountSortColumn[] = ['name', 'leadCount', 'bestGrade', 'bestScore', 'totalScore', 'lastTouchAt', 'target'];
  for (const column of columns) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`reads every account once, in order, sorted by ${column} ${dir}`, async () => {
        const sort = { column, dir };
        const seen: AccountSummary[] = [];
        let after: string | null = null;
        let total = -1;
        for (let pages = 0; pages < 100; pages++) {
          const page: AccountPage = await core.call('accounts.list', { sort, limit: 97, ...(after ? { after } : {}) });
          if (pages === 0) total = page.total;
          seen.push(...page.rows);
          after = page.next;
          if (after === null) break;
        }
        expect(after).toBeNull();
        expect(total).toBe(ACCOUNTS);
        expect(seen).toHaveLength(ACCOUNTS);
        expect(new Set(seen.map((a) => a.id)).size).toBe(ACCOUNTS);
        // Each row after the one before it: the column in the direction asked, then name, then id.
        for (let i = 1; i < seen.length; i++) {
          const [p, q] = [seen[i - 1]!, seen[i]!];
          const byValue = cmp(valueOf[column](p), valueOf[column](q)) * (dir === 'asc' ? 1 : -1);
          const order = byValue || cmp(p.name, q.name) || cmp(p.id, q.id);
          expect(order, `${p.name} before ${q.name}`).toBe(-1);
        }
      });
    }
  }

  it('has ties to break: one name under two domains is two accounts', async () => {
    const page = await core.call('accounts.list', { query: 'テスト商事11', sort: { column: 'name', dir: 'asc' } });
    expect(page.rows.filter((a) => a.name === '株式会社テスト商事11' || a.name === 'テスト商事11')).toHaveLength(2);
  });

  it('continues a filtered list, and refuses a cursor made for another sort', async () => {
    const first = await core.call('accounts.list', { target: true, sort: { column: 'name', dir: 'asc' }, limit: 30 });
    const second = await core.call('accounts.list', { target: true, sort: { column: 'name', dir: 'asc' }, limit: 30, after: first.next });
    expect(first.total).toBe(second.total);
    const all = [...first.rows, ...second.rows];
    expect(all.every((a) => a.target)).toBe(true);
    expect(new Set(all.map((a) => a.id)).size).toBe(first.total);
    expect(second.next).toBeNull();
    const wrong = await core.raw('accounts.list', { sort: { column: 'leadCount', dir: 'desc' }, after: first.next });
    expect(wrong.ok ? null : wrong.error.code).toBe('accounts.bad_cursor');
  });
});
