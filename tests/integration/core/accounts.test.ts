import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input, Output } from '../../../shared/api';
import { openTestCore, type TestCore } from '../../support/temp-core';

/** Accounts over a real database file: the linker in the lead writer, merge and split, the target list. */

let core: TestCore;
let eventId: string;

beforeEach(async () => {
  core = openTestCore();
  eventId = (await core.call('events.create', { name: 'Japan IT Week 秋 2026', venue: '幕張メッセ' })).id;
});
afterEach(() => core.close());

type Fields = Input<'capture.manual'>['fields'];
async function meet(fields: Fields, event = eventId) {
  core.clock.advance(60_000);
  const captured = (await core.call('capture.manual', { eventId: event, fields, staff: '佐藤' })).lead;
  // Read back: the account is decided after the capture commits (late links), before any other call answers.
  return (await core.call('leads.get', { id: captured.id })).lead;
}
const accountOf = async (leadId: string) => (await core.call('leads.get', { id: leadId })).lead.accountId;
const keysOf = (accountId: string) =>
  core.database.sqlite.prepare('SELECT key, manual FROM account_keys WHERE account_id = ? ORDER BY key').all(accountId);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('leads find their account by themselves', () => {
  it('two spellings of one company at the same corporate domain are one account', async () => {
    const a = await meet({ fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro.yamada@hitachi.co.jp' });
    const b = await meet({ fullName: 'Hanako Sato', company: 'Hitachi, Ltd.', email: 'hanako.sato@sales.hitachi.co.jp' });
    const c = await meet({ fullName: '鈴木 一郎', company: '(株)日立製作所', email: 'ichiro@gmail.com' });
    expect(a.accountId).not.toBeNull();
    expect([b.accountId, c.accountId]).toEqual([a.accountId, a.accountId]);

    const page = await core.call('accounts.list', { eventId });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id: a.accountId, name: '株式会社日立製作所', domain: 'hitachi.co.jp', leadCount: 3, target: false });
    expect(keysOf(a.accountId!)).toEqual([
      { key: 'd:hitachi.co.jp', manual: 0 }, { key: 'n:hitachi', manual: 0 }, { key: 'n:日立製作所', manual: 0 },
    ]);
    expect(await core.call('accounts.flags', {})).toEqual([]);
  });

  it('the same name under two unrelated domains is two accounts and a flag for a person', async () => {
    const a = await meet({ fullName: '田中 一郎', company: '株式会社サンプル', email: 'tanaka@sample.co.jp' });
    const b = await meet({ fullName: '高橋 花子', company: 'サンプル株式会社', email: 'takahashi@sample-trading.com' });
    expect(b.accountId).not.toBe(a.accountId);
    const flags = await core.call('accounts.flags', {});
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'same_name', nameKey: 'サンプル', state: 'open' });
    expect(flags[0]!.accounts.map((x) => x.id)).toEqual([a.accountId, b.accountId]);

    // A third person from the second domain goes there, without asking again.
    const c = await meet({ fullName: '伊藤 次郎', company: '(株)サンプル', email: 'ito@sample-trading.com' });
    expect(c.accountId).toBe(b.accountId);
    expect(await core.call('accounts.flags', {})).toHaveLength(1);

    // "They are one company": the flag resolves by merging, and later leads follow.
    const resolved = await core.call('accounts.resolveFlag', { id: flags[0]!.id, into: a.accountId! });
    expect(resolved).toEqual({ accountId: a.accountId, moved: 2 });
    expect([await accountOf(b.id), await accountOf(c.id)]).toEqual([a.accountId, a.accountId]);
    expect(await core.call('accounts.flags', {})).toEqual([]);
    expect((await meet({ fullName: '渡辺 三郎', email: 'watanabe@sample-trading.com' })).accountId).toBe(a.accountId);
  });

  it('a dismissed flag stays dismissed and the accounts stay apart', async () => {
    await meet({ company: 'Acme, Inc.', email: 'jane@acme.com' });
    const other = await meet({ company: 'ACME Corporation', email: 'john@acme-tools.co.jp' });
    const [flag] = await core.call('accounts.flags', {});
    await core.call('accounts.dismissFlag', { id: flag!.id });
    await meet({ company: 'Acme Corp.', email: 'ann@acme-tools.co.jp' });
    expect(await core.call('accounts.flags', {})).toEqual([]);
    expect(await core.call('accounts.flags', { state: 'dismissed' })).toHaveLength(1);
    expect((await core.call('accounts.list', {})).rows.map((r) => r.leadCount).sort()).toEqual([1, 2]);
    expect(other.accountId).not.toBeNull();
  });

  it('free mail never joins: only the company name does, and no name means no account', async () => {
    const a = await meet({ fullName: '佐々木 健', company: '株式会社アルファ', email: 'ken.sasaki@gmail.com' });
    const b = await meet({ fullName: '木村 拓', company: '株式会社ベータ', email: 'taku.kimura@gmail.com' });
    const c = await meet({ fullName: '林 美咲', email: 'misaki.hayashi@gmail.com' });
    const d = await meet({ fullName: '森 大輔', company: 'ガンマ株式会社', email: 'daisuke@docomo.ne.jp' });
    expect(new Set([a.accountId, b.accountId, d.accountId]).size).toBe(3);
    expect(c.accountId).toBeNull();
    const freeKeys = core.database.sqlite.prepare("SELECT count(*) AS n FROM account_keys WHERE key LIKE 'd:%'").get();
    expect(freeKeys).toEqual({ n: 0 });
    // The first corporate address an account meets becomes its domain.
    const e = await meet({ fullName: '佐々木 健', company: 'アルファ(株)', email: 'k.sasaki@alpha.co.jp' });
    expect(e.accountId).toBe(a.accountId);
    expect((await core.call('accounts.get', { id: a.accountId! })).account.domain).toBe('alpha.co.jp');
  });

  it('counts each person once across events and shows the people of every event', async () => {
    const second = (await core.call('events.create', { name: 'セミナー 2026/12', kind: 'seminar' })).id;
    const a = await meet({ fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro@hitachi.co.jp' });
    const b = await meet({ fullName: '山田 花子', company: '日立製作所', email: 'hanako@hitachi.co.jp' }, second);
    expect(b.accountId).toBe(a.accountId);
    const detail = await core.call('accounts.get', { id: a.accountId! });
    expect(detail.people.map((p) => [p.name, p.eventName])).toEqual([
      ['山田 花子', 'セミナー 2026/12'], ['山田 太郎', 'Japan IT Week 秋 2026'],
    ]);
    expect(detail.account).toMatchObject({ leadCount: 2, eventCount: 2 });
    expect((await core.call('accounts.list', { eventId: second })).rows[0]).toMatchObject({ leadCount: 1 });
  });
});

describe('a person merges and splits accounts, and the choice holds', () => {
  async function acme() {
    const jp = await meet({ fullName: '中村 翔', company: 'アクメ・ジャパン株式会社', email: 'sho.nakamura@acme.co.jp' });
    const us = await meet({ fullName: 'John Smith', company: 'ACME Inc.', email: 'john.smith@acme.com' });
    expect(us.accountId).not.toBe(jp.accountId);
    return { jp, us };
  }

  /** The event exported and imported again into the same file: every lead goes through the writer's put. */
  async function reimport() {
    const file = await core.call('bundle.export', { eventId });
    await core.call('bundle.import', { file: file.base64 });
  }

  it('a merge moves the leads, is remembered as manual keys and survives re-derivation and a bundle re-import', async () => {
    const { jp, us } = await acme();
    const merged = await core.call('accounts.merge', { from: us.accountId!, into: jp.accountId! });
    expect(merged).toEqual({ accountId: jp.accountId, moved: 1 });
    expect(await accountOf(us.id)).toBe(jp.accountId);
    expect(keysOf(jp.accountId!)).toEqual([
      { key: 'd:acme.co.jp', manual: 0 }, { key: 'd:acme.com', manual: 1 }, { key: 'n:acme', manual: 1 }, { key: 'n:アクメジャパン', manual: 0 },
    ]);
    // A new person from the merged company goes to the account it was merged into.
    const later = await meet({ fullName: 'Mary Jones', company: 'Acme Corporation', email: 'mary@acme.com' });
    expect(later.accountId).toBe(jp.accountId);

    await reimport();
    // Re-derivation of every lead (as after a rules change).
    const rules = await core.call('rules.get', {});
    await core.call('rules.save', { scoring: rules.scoring });
    for (const lead of [jp, us, later]) expect(await accountOf(lead.id)).toBe(jp.accountId);
    expect((await core.call('accounts.list', {})).total).toBe(1);
    // The merged account opens as the one it went into.
    expect((await core.call('accounts.get', { id: us.accountId! })).account.id).toBe(jp.accountId);
  });

  it('a split moves one key and its leads to a new account, and survives a bundle re-import', async () => {
    const { jp, us } = await acme();
    await core.call('accounts.merge', { from: us.accountId!, into: jp.accountId! });
    const split = await core.call('accounts.split', { id: jp.accountId!, key: 'd:acme.com' });
    expect(split.moved).toBe(1);
    expect(split.accountId).not.toBe(jp.accountId);
    expect(await accountOf(us.id)).toBe(split.accountId);
    expect(await accountOf(jp.id)).toBe(jp.accountId);
    const detail = await core.call('accounts.get', { id: split.accountId });
    expect(detail.account).toMatchObject({ name: 'ACME Inc.', domain: 'acme.com', leadCount: 1 });
    expect(detail.keys).toEqual([{ key: 'd:acme.com', kind: 'domain', value: 'acme.com', manual: true }]);

    await reimport();
    expect(await accountOf(us.id)).toBe(split.accountId);
    expect(await accountOf(jp.id)).toBe(jp.accountId);
    // The name "ACME" still belongs to the first account; from acme.com, the split-off one wins (newer decision).
    expect((await meet({ company: 'Acme Inc.', email: 'kate@acme.com' })).accountId).toBe(split.accountId);
    expect((await meet({ company: 'Acme Inc.', email: 'kate@yahoo.co.jp' })).accountId).toBe(jp.accountId);
  });

  it('refuses what cannot be done, with codes', async () => {
    const { jp, us } = await acme();
    const codes = async (name: string, input: unknown) => ((await core.raw(name, input)) as { ok: false; error: { code: string } }).error.code;
    expect(await codes('accounts.merge', { from: jp.accountId, into: jp.accountId })).toBe('accounts.merge_same');
    expect(await codes('accounts.merge', { from: 'nope', into: jp.accountId })).toBe('accounts.not_found');
    expect(await codes('accounts.split', { id: jp.accountId, key: 'd:acme.com' })).toBe('accounts.key_not_found');
    await core.call('accounts.split', { id: us.accountId!, key: 'n:acme' });
    expect(await codes('accounts.split', { id: us.accountId, key: 'd:acme.com' })).toBe('accounts.split_last_key');
    await core.call('accounts.merge', { from: us.accountId!, into: jp.accountId! });
    expect(await codes('accounts.merge', { from: us.accountId, into: jp.accountId })).toBe('accounts.merged');
  });
});

describe('the target-account list', () => {
  const grades = ['A', 'B', 'C', 'D'];

  it('from Shift_JIS: marks the account, lifts the lead, and filters in Triage', async () => {
    const lead = await meet({ fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro.yamada@sales.hitachi.co.jp', title: '部長' });
    const other = await meet({ fullName: '高橋 花子', company: '株式会社サンプル', email: 'hanako@sample.co.jp', title: '部長' });
    const csv = 'ターゲット企業一覧 2026年度\r\n会社名,ドメイン,ティア\r\n㈱日立製作所,https://www.hitachi.co.jp/,Tier 1\r\n富士通株式会社,fujitsu.com,Tier 2\r\n,,\r\n';
    const result = await core.call('targets.import', { file: b64(iconv.encode(csv, 'cp932')) });
    expect(result).toMatchObject({ encoding: 'shift_jis', imported: 2, rejectedCount: 0, rescored: 1 });

    const after = (await core.call('leads.get', { id: lead.id })).lead;
    expect(after.score).toBeGreaterThanOrEqual(lead.score);
    expect(grades.indexOf(after.grade)).toBeLessThan(grades.indexOf(lead.grade));
    expect((await core.call('leads.get', { id: other.id })).lead.grade).toBe(other.grade);

    const rows = (await core.call('accounts.list', { sort: { column: 'target', dir: 'desc' } })).rows;
    expect(rows.map((r) => [r.name, r.target, r.tier])).toEqual([['株式会社日立製作所', true, 'Tier 1'], ['株式会社サンプル', false, null]]);
    expect((await core.call('accounts.list', { target: true })).rows.map((r) => r.id)).toEqual([lead.accountId]);

    const triage = async (filter: Input<'triage.query'>['filter']) => (await core.call('triage.query', { filter })).rows.map((r) => r.id);
    expect(await triage({ isTarget: true })).toEqual([lead.id]);
    expect(await triage({ isTarget: false })).toEqual([other.id]);
    expect(await triage({ accountIds: [other.accountId!] })).toEqual([other.id]);

    expect(await core.call('targets.list', {})).toEqual([
      { key: '日立製作所', name: '(株)日立製作所', domain: 'hitachi.co.jp', tier: 'Tier 1' },
      { key: '富士通', name: '富士通株式会社', domain: 'fujitsu.com', tier: 'Tier 2' },
    ]);
  });

  it('from UTF-8, by domain alone: marks the account of any spelling; a new list unmarks', async () => {
    const lead = await meet({ fullName: 'Jane Doe', company: 'Cybozu, Inc.', email: 'jane@cybozu.co.jp', title: 'Director' });
    const csv = 'Company Name,Website,Tier\n,https://cybozu.co.jp,A\n';
    const result = await core.call('targets.import', { file: b64(new TextEncoder().encode(csv)) });
    expect(result).toMatchObject({ encoding: 'utf-8', imported: 1, rescored: 1 });
    const lifted = (await core.call('leads.get', { id: lead.id })).lead;
    expect(grades.indexOf(lifted.grade)).toBeLessThan(grades.indexOf(lead.grade));
    expect((await core.call('accounts.get', { id: lead.accountId! })).account).toMatchObject({ target: true, tier: 'A' });

    await core.call('targets.import', { file: b64(new TextEncoder().encode('会社名,ティア\nサンプル,B\n')) });
    const back = (await core.call('leads.get', { id: lead.id })).lead;
    expect([back.grade, back.score]).toEqual([lead.grade, lead.score]);
    expect((await core.call('accounts.get', { id: lead.accountId! })).account.target).toBe(false);
  });

  it('refuses a file without a name or domain column', async () => {
    const out = await core.raw('targets.import', { file: b64(new TextEncoder().encode('氏名,電話\n山田,03\n')) });
    expect(out).toMatchObject({ ok: false, error: { code: 'targets.no_columns' } });
  });
});

describe('at open', () => {
  it('links leads stored before accounts existed, once', async () => {
    const a = await meet({ company: '株式会社日立製作所', email: 'taro@hitachi.co.jp' });
    const b = await meet({ company: 'Hitachi Ltd.', email: 'jiro@hitachi.co.jp' });
    const sqlite = core.database.sqlite;
    // As a database from before accounts: no account on any lead, no keys, never linked.
    sqlite.exec("UPDATE leads SET account_id = NULL; DELETE FROM account_keys; DELETE FROM accounts; DELETE FROM settings WHERE key = 'accounts.linked'");
    const { dbFile, clock } = core;
    core.close();
    core = openTestCore({ dbFile, clock });
    const [one, two] = [await accountOf(a.id), await accountOf(b.id)];
    expect(one).not.toBeNull();
    expect(two).toBe(one);
    expect((await core.call('accounts.list', {})).rows).toMatchObject([{ leadCount: 2, domain: 'hitachi.co.jp' }]);
  });
});

export type { Output };
