import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, repoRoot, tempDir } from '../../support/temp-core';

/** `accounts list` and `targets import` as child processes on one database file, as a script runs them. */

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let dir: string;
let db: string;
let eventId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as unknown };
}

const vcard = (name: string, org: string, email: string) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `ORG:${org}`, 'TITLE:部長', `EMAIL:${email}`, 'END:VCARD'].join('\n');

type Listed = { id: string; name: string; domain: string | null; target: boolean; tier: string | null; leadCount: number; bestGrade: string | null };

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'cli.db');
  eventId = cli(['events', 'create', 'Japan IT Week']).stdout.trim();
  for (const card of [
    vcard('山田 太郎', '株式会社日立製作所', 'taro@hitachi.co.jp'),
    vcard('Hanako Sato', 'Hitachi, Ltd.', 'hanako@sales.hitachi.co.jp'),
    vcard('田中 一郎', '株式会社サンプル', 'ichiro@sample.co.jp'),
  ]) {
    const run = cli(['capture', card, '--event', eventId, '--staff', '佐藤']);
    expect(run.status, run.stderr).toBe(0);
  }
}, 90_000);

describe('accounts and targets on the command line', () => {
  it('lists the accounts with id, name, domain, target, lead count and best grade', () => {
    const run = cli(['accounts', 'list', '--event', eventId, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const rows = run.json() as Listed[];
    expect(rows.map(({ name, domain, target, leadCount }) => ({ name, domain, target, leadCount }))).toEqual([
      { name: '株式会社日立製作所', domain: 'hitachi.co.jp', target: false, leadCount: 2 },
      { name: '株式会社サンプル', domain: 'sample.co.jp', target: false, leadCount: 1 },
    ]);
    expect(rows.every((r) => typeof r.id === 'string' && /^[ABCD]$/u.test(r.bestGrade ?? ''))).toBe(true);

    // leads list --json carries each lead's account.
    const leads = JSON.parse(cli(['leads', 'list', '--event', eventId, '--json']).stdout) as { accountId: string | null; company: string }[];
    expect(new Set(leads.filter((l) => l.company !== '株式会社サンプル').map((l) => l.accountId))).toEqual(new Set([rows[0]!.id]));
  }, 120_000);

  it('imports a Shift_JIS target list, marking the account and lifting its grade', () => {
    const before = (cli(['accounts', 'list', '--json']).json() as Listed[]).find((r) => r.domain === 'hitachi.co.jp')!;
    const file = path.join(dir, 'targets.csv');
    fs.writeFileSync(file, iconv.encode('会社名,ドメイン,ティア\r\n日立製作所,hitachi.co.jp,S\r\n,,B\r\n', 'cp932'));
    const run = cli(['targets', 'import', file]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json()).toEqual({ imported: 1, rejected: 1, rescored: 2, encoding: 'shift_jis' });
    expect(run.stderr.trim()).toBe('{"line":3,"reason":"no_name_or_domain"}');

    const after = (cli(['accounts', 'list', '--json']).json() as Listed[]).find((r) => r.domain === 'hitachi.co.jp')!;
    expect(after).toMatchObject({ target: true, tier: 'S' });
    expect(after.bestGrade! < before.bestGrade!).toBe(true);
  }, 120_000);

  it('refuses a file it cannot read as a target list with exit 2 and the code', () => {
    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(file, '氏名,電話\n山田,03\n');
    const run = cli(['targets', 'import', file]);
    expect(run.status).toBe(2);
    expect(run.json()).toMatchObject({ error: { code: 'targets.no_columns' } });
  }, 120_000);

  it('lists every account of a show with more than a page of them (500), each once', async () => {
    const big = path.join(dir, 'big.db');
    const core = openTestCore({ dbFile: big });
    const show = await core.call('events.create', { name: 'CEATEC' });
    for (let i = 0; i < 1203; i++) {
      await core.call('capture.scan', { eventId: show.id, payload: vcard(`来場者 ${i}`, `株式会社テスト${i}`, `v${i}@test${i}.co.jp`) });
    }
    core.close();
    const r = spawnSync(process.execPath, [bin, '--db', big, 'accounts', 'list', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as Listed[];
    expect(listed).toHaveLength(1203);
    expect(new Set(listed.map((a) => a.id)).size).toBe(1203);
  });
});
