import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

/** `duplicates list`, `leads merge` and `leads unmerge` as child processes on one database file. */

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let db: string;
let eventId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as unknown };
}

const vcard = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\n');

interface Listed {
  a: { id: string; name: string };
  b: { id: string; name: string };
  rule: string;
  auto: boolean;
  state: string;
  mergeId: string | null;
}

beforeAll(() => {
  db = path.join(tempDir(), 'cli.db');
  eventId = cli(['events', 'create', 'Japan IT Week']).stdout.trim();
  for (const card of [
    // One person at two booth laptops' worth of spellings: merged by the rules themselves.
    ['FN:佐藤 花子', 'ORG:株式会社サンプル', 'TEL:03-1111-2222'],
    ['FN:佐藤花子', 'ORG:(株)サンプル', 'TEL:+81 3 1111 2222'],
    // Only the name and company in common: suggested for a person.
    ['FN:鈴木 次郎', 'ORG:株式会社サンプル', 'TEL:03-1234-5678'],
    ['FN:鈴木次郎', 'ORG:サンプル'],
  ]) {
    const run = cli(['capture', vcard(card), '--event', eventId, '--staff', '佐藤']);
    expect(run.status, run.stderr).toBe(0);
  }
}, 120_000);

const list = () => {
  const run = cli(['duplicates', 'list', '--event', eventId, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return run.json() as Listed[];
};

describe('duplicates on the command line', () => {
  it('lists each pair with the rule that matched and whether it was merged automatically', () => {
    // A merged pair shows both leads as they are now (the survivor with the newer spelling).
    const pairs = list().map((p) => [p.rule, p.auto, p.state, p.state === 'merged' ? [p.a.name, p.b.name].includes('佐藤花子') : [p.a.name, p.b.name].sort()]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['name_kana_account_phone', true, 'merged', true],
        ['name_account', false, 'suggested', ['鈴木 次郎', '鈴木次郎']],
      ]),
    );
    expect(pairs).toHaveLength(2);
    const text = cli(['duplicates', 'list', '--event', eventId]);
    expect(text.stdout).toMatch(/^suggested\tmanual\tname_account\tevent\t/mu);
  }, 120_000);

  it('merges two leads and undoes the merge, refusing a second undo with exit 2 and its code', () => {
    const suggested = list().find((p) => p.state === 'suggested')!;
    const merged = cli(['leads', 'merge', suggested.a.id, suggested.b.id, '--staff', '佐藤', '--json']);
    expect(merged.status, merged.stderr).toBe(0);
    const { mergeId, survivor, other } = merged.json() as { mergeId: string; survivor: { id: string }; other: { deletedAt: string | null } };
    expect(survivor.id).toBe(suggested.a.id);
    expect(other.deletedAt).not.toBeNull();
    expect(list().find((p) => p.a.id === suggested.a.id || p.b.id === suggested.a.id)).toMatchObject({ state: 'merged', auto: false, mergeId });

    const undone = cli(['leads', 'unmerge', mergeId]);
    expect(undone.status, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(/^Unmerged /u);
    const leads = JSON.parse(cli(['leads', 'list', '--event', eventId, '--json']).stdout) as { id: string }[];
    expect(leads.map((l) => l.id)).toEqual(expect.arrayContaining([suggested.a.id, suggested.b.id]));

    const again = cli(['leads', 'unmerge', mergeId]);
    expect(again.status).toBe(2);
    expect(again.json()).toMatchObject({ error: { code: 'dedupe.already_undone' } });
  }, 240_000);

  it('refuses to merge a lead with itself', () => {
    const [pair] = list();
    const run = cli(['leads', 'merge', pair!.a.id, pair!.a.id]);
    expect(run.status).toBe(2);
    expect(run.json()).toMatchObject({ error: { code: 'dedupe.same_lead' } });
  }, 120_000);
});
