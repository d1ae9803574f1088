import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import type { Input, Output, ProcName } from '../../../shared/api';
import { startFakeWebhook, type FakeWebhook } from '../../support/crm/webhook';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * The link at open (a database from before accounts, or linked under older rules) takes the
 * lead writer's batch path for accounts. Whatever it decides must be what the writer decides
 * lead by lead as each lead is captured: the same accounts, keys and flags, the same grades.
 */

let core: TestCore;
let eventId: string;

beforeEach(async () => {
  core = openTestCore();
  eventId = (await core.call('events.create', { name: 'Japan IT Week 秋 2026' })).id;
});
afterEach(() => core.close());

type Fields = Input<'capture.manual'>['fields'];
async function meet(fields: Fields) {
  core.clock.advance(60_000);
  const captured = (await core.call('capture.manual', { eventId, fields, staff: '佐藤' })).lead;
  // Read back: the account is decided after the capture commits (late links), before any other call answers.
  return (await core.call('leads.get', { id: captured.id })).lead;
}

/**
 * Accounts as ids cannot show them (they are new ones after a link from nothing): each account
 * by its keys, with its name and domain; each lead by its account's; each flag by its accounts'.
 */
function accountsAsSeen() {
  const sqlite = core.database.sqlite;
  const accounts = sqlite
    .prepare(
      `SELECT a.id, a.name, a.name_key AS nameKey, a.domain, a.merged_into AS mergedInto,
         (SELECT group_concat(key || (CASE manual WHEN 1 THEN '*' ELSE '' END), ' ') FROM (SELECT key, manual FROM account_keys k WHERE k.account_id = a.id ORDER BY key)) AS keys
       FROM accounts a`,
    )
    .all() as { id: string; name: string; nameKey: string | null; domain: string | null; mergedInto: string | null; keys: string | null }[];
  const seen = new Map(accounts.map((a) => [a.id, `${a.keys ?? ''} | ${a.name} | ${a.nameKey ?? ''} | ${a.domain ?? ''}${a.mergedInto ? ' | merged' : ''}`]));
  const leads = sqlite.prepare('SELECT id, account_id AS accountId, company_key AS companyKey, grade, score FROM leads ORDER BY id').all() as {
    id: string;
    accountId: string | null;
    companyKey: string | null;
    grade: string;
    score: number;
  }[];
  const flags = sqlite.prepare('SELECT name_key AS nameKey, account_ids AS ids, state FROM account_flags ORDER BY name_key').all() as {
    nameKey: string;
    ids: string;
    state: string;
  }[];
  return {
    accounts: [...seen.values()].sort(),
    leads: leads.map((l) => ({ ...l, accountId: l.accountId === null ? null : seen.get(l.accountId) })),
    flags: flags.map((f) => ({ ...f, ids: (JSON.parse(f.ids) as string[]).map((id) => seen.get(id)) })),
  };
}

/** As a database from before accounts leaves it: no account on any lead, no keys, never linked; then opened. */
function reopenAsBeforeAccounts(extra = '') {
  core.database.sqlite.exec(
    `UPDATE leads SET account_id = NULL; DELETE FROM account_keys; DELETE FROM accounts; DELETE FROM account_flags;
     DELETE FROM settings WHERE key = 'accounts.linked'; ${extra}`,
  );
  reopen();
}

function reopen() {
  const { dbFile, clock } = core;
  core.close();
  core = openTestCore({ dbFile, clock });
}

/** The show's people, in the order they came: every way the linking rules can go. */
async function show() {
  const leads = [
    await meet({ fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro.yamada@hitachi.co.jp' }),
    // A new spelling at a known domain (on a department's host) joins, and its name becomes a key.
    await meet({ fullName: 'Hanako Sato', company: 'Hitachi, Ltd.', email: 'hanako.sato@sales.hitachi.co.jp' }),
    // Free mail: the name alone.
    await meet({ fullName: '鈴木 一郎', company: '(株)日立製作所', email: 'ichiro@gmail.com' }),
    // The same name under an unrelated domain: a second account and a flag; a third lead goes to it, not asking again.
    await meet({ fullName: '田中 一郎', company: '株式会社サンプル', email: 'tanaka@sample.co.jp' }),
    await meet({ fullName: '高橋 花子', company: 'サンプル株式会社', email: 'takahashi@sample-trading.com' }),
    await meet({ fullName: '伊藤 次郎', company: '(株)サンプル', email: 'ito@sample-trading.com' }),
    await meet({ fullName: 'Jane Roe', company: 'Sample Inc.', email: 'jane@sample.jp' }),
    // A name seen without a domain takes the first domain it meets.
    await meet({ fullName: '佐々木 健', company: '株式会社アルファ', email: 'ken.sasaki@gmail.com' }),
    await meet({ fullName: '木村 拓', company: 'アルファ株式会社', email: 'taku@alpha.co.jp' }),
    // A domain without a name, then the name at that domain.
    await meet({ fullName: '小林 誠', email: 'makoto@beta.co.jp' }),
    await meet({ fullName: '加藤 恵', company: 'Beta Corporation', email: 'megumi@beta.co.jp' }),
    // Nothing to go on: no account.
    await meet({ fullName: '吉田 光', email: 'hikaru@yahoo.co.jp' }),
    await meet({ fullName: '山本 翼', company: 'ガンマ' }),
  ];
  return leads;
}

describe('the link at open', () => {
  it('gives every lead the account, keys and flags the writer gave it lead by lead', async () => {
    await show();
    const byWriter = accountsAsSeen();
    expect(byWriter.flags).toHaveLength(1);
    expect(byWriter.leads.filter((l) => l.accountId === null)).toHaveLength(1);

    reopenAsBeforeAccounts();
    expect(accountsAsSeen()).toEqual(byWriter);
    expect(core.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'accounts.linked'").pluck().get()).toBe('1');
  });

  it('sends a lead whose company key is out of date through the writer, and the leads after it still see what it changed', async () => {
    // An account known by name only; the next lead gives it its domain; the one after, from
    // another domain under the same name, is a new account and a flag, not a join.
    await meet({ fullName: '松本 悟', company: 'デルタ株式会社', email: 'satoru@gmail.com' });
    const second = await meet({ fullName: '井上 望', company: '株式会社デルタ', email: 'nozomi@delta.co.jp' });
    await meet({ fullName: '林 健太', company: '(株)デルタ', email: 'kenta@delta-trading.co.jp' });
    await show();
    const byWriter = accountsAsSeen();
    expect(byWriter.flags.map((f) => f.nameKey)).toContain('デルタ');

    // Stored under older legal forms: its company key is not what companyKey says now.
    reopenAsBeforeAccounts(`UPDATE leads SET company_key = 'デルタ株式会社' WHERE id = '${second.id}'`);
    expect(accountsAsSeen()).toEqual(byWriter);
  });

  it('under newer linking rules, links every lead again and a person’s merge and split still win', async () => {
    const jp = await meet({ fullName: '中村 翔', company: 'アクメ・ジャパン株式会社', email: 'sho.nakamura@acme.co.jp' });
    const us = await meet({ fullName: 'John Smith', company: 'ACME Inc.', email: 'john.smith@acme.com' });
    const de = await meet({ fullName: 'Hans Meier', company: 'Acme GmbH', email: 'hans@acme.de' });
    await show();
    await core.call('accounts.merge', { from: us.accountId!, into: jp.accountId! });
    await core.call('accounts.merge', { from: de.accountId!, into: jp.accountId! });
    await core.call('accounts.split', { id: jp.accountId!, key: 'd:acme.de' });
    await meet({ fullName: 'Mary Jones', company: 'Acme Corporation', email: 'mary@acme.com' });
    const byWriter = accountsAsSeen();

    core.database.sqlite.prepare("UPDATE settings SET value = '0' WHERE key = 'accounts.linked'").run();
    reopen();
    expect(accountsAsSeen()).toEqual(byWriter);
  });

  it('keeps a target account in the fit grade', async () => {
    const csv = 'company,domain,tier\n株式会社日立製作所,hitachi.co.jp,A\n';
    await core.call('targets.import', { file: Buffer.from(csv).toString('base64') });
    await show();
    const byWriter = accountsAsSeen();
    const grades = (await core.call('accounts.list', { target: true })).rows;
    expect(grades).toHaveLength(1);

    reopenAsBeforeAccounts();
    expect(accountsAsSeen()).toEqual(byWriter);
    expect((await core.call('accounts.list', { target: true })).rows).toEqual(grades.map((row) => ({ ...row, id: expect.any(String) })));
  });
});

describe('delivery and the link at open', () => {
  let hook: FakeWebhook | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.sync.stop();
    app?.close();
    await hook?.close();
  });

  it('queues a delivered lead again when the link gives it an account, as any write of the writer does', async () => {
    hook = await startFakeWebhook();
    const env = { LEADBOOTH_WEBHOOK_URL: `${hook.url}/hook`, LEADBOOTH_WEBHOOK_SECRET: hook.secret, LEADBOOTH_WEBHOOK_SEND: 'all' };
    const { dbFile, clock } = core;
    core.close();
    core = openTestCore();
    const open = () => createApp({ dbFile, shell: 'cli', clock, sync: { env, autoUpload: false, random: () => 0.5 } });
    const call = async <N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>> => {
      const result = await dispatch(app!.handlers, name, input);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.data as Output<N>;
    };
    app = open();
    await call('connectors.configure', { name: 'webhook', enabled: true, settings: { timeoutMs: 1000 } });
    const linked = (await call('capture.manual', { eventId, fields: { fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro@hitachi.co.jp' } })).lead;
    const none = (await call('capture.manual', { eventId, fields: { fullName: '吉田 光', email: 'hikaru@yahoo.co.jp' } })).lead;
    await call('sync.uploadNow', {});
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const states = () =>
      app!.database.sqlite.prepare("SELECT lead_id AS id, state FROM outbox WHERE connector = 'webhook' ORDER BY lead_id").all();
    expect(states()).toEqual([{ id: linked.id, state: 'done' }, { id: none.id, state: 'done' }].sort(byId));

    app.database.sqlite.exec(
      "UPDATE leads SET account_id = NULL; DELETE FROM account_keys; DELETE FROM accounts; DELETE FROM settings WHERE key = 'accounts.linked'",
    );
    await app.sync.stop();
    app.close();
    app = open();
    // The lead that got an account is queued again; the one with nothing to link by was not written.
    expect(states()).toEqual([{ id: linked.id, state: 'pending' }, { id: none.id, state: 'done' }].sort(byId));
  });
});
