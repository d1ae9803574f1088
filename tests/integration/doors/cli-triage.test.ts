import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

/** `leads list` with triage fields, `score explain`, `leads status`, `rules export/import`, as child processes on one file. */

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let dir: string;
let db: string;
let eventId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!) };
}

const VCARD = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:山田 太郎', 'ORG:株式会社サンプル', 'TITLE:営業本部 部長', 'EMAIL:taro@sample.co.jp', 'END:VCARD'].join('\n');

type Listed = { id: string; score: number; grade: string; status: string; owner: string | null; followUpDue: string | null };
const listed = () => {
  const run = cli(['leads', 'list', '--event', eventId, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
};

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'cli.db');
  eventId = cli(['events', 'create', 'Japan IT Week']).stdout.trim();
  const capture = cli([
    'capture', VCARD, '--event', eventId, '--staff', '佐藤', '--rating', 'hot',
    '--answer', 'timeline=within_3m', '--answer', 'budget=secured', '--answer', 'follow_up=visit|quote',
  ]);
  expect(capture.status, capture.stderr).toBe(0);
}, 60_000);

describe('triage on the command line', () => {
  it('lists score, grade, status, owner and follow-up due', () => {
    const [lead] = listed();
    expect(lead).toMatchObject({ status: 'mql', owner: null });
    expect(lead!.score).toBeGreaterThanOrEqual(60);
    expect(['A', 'B']).toContain(lead!.grade);
    expect(lead!.followUpDue).not.toBeNull();
  });

  it('explains the score with the rules that fired', () => {
    const [lead] = listed();
    const json = cli(['score', 'explain', lead!.id, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const explained = json.json() as { score: number; fired: { ruleId: string; points?: number; dimension: string }[] };
    expect(explained.score).toBe(lead!.score);
    expect(explained.fired.length).toBeGreaterThan(2);
    const text = cli(['score', 'explain', lead!.id, '--language', 'ja']);
    expect(text.stdout).toMatch(new RegExp(`score ${lead!.score}, grade ${lead!.grade}`, 'u'));
    expect(text.stdout).toMatch(/interest\s+\+\d+/u);
  });

  it('moves the status, refusing an illegal move with exit 2 and its code', () => {
    const [lead] = listed();
    const illegal = cli(['leads', 'status', lead!.id, 'new']);
    expect(illegal.status).toBe(2);
    expect(illegal.json().error.code).toBe('status.illegal_transition');
    const noReason = cli(['leads', 'status', lead!.id, 'rejected']);
    expect(noReason.json().error.code).toBe('status.reason_required');
    const rejected = cli(['leads', 'status', lead!.id, 'rejected', '--reason', '時期尚早', '--staff', '営業 高橋', '--json']);
    expect(rejected.status, rejected.stderr).toBe(0);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'too_early' });
    expect(cli(['leads', 'status', lead!.id, 'unknown']).status).toBe(2);
  });

  it('exports and imports the rules; an import re-scores every lead; a broken file changes nothing', () => {
    const file = path.join(dir, 'rules.json');
    const exported = cli(['rules', 'export', file]);
    expect(exported.status, exported.stderr).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { scoring: { rules: { id: string; dimension: string; points?: number }[] } };
    // Every interest rule is worth nothing now.
    for (const rule of doc.scoring.rules) if (rule.dimension === 'interest') rule.points = 0;
    fs.writeFileSync(file, JSON.stringify(doc));
    const imported = cli(['rules', 'import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ rescored: 1 });
    expect(listed()[0]!.score).toBe(0);

    fs.writeFileSync(file, JSON.stringify({ scoring: { rules: [{ id: 'x', when: [] }] } }));
    const broken = cli(['rules', 'import', file]);
    expect(broken.status).toBe(2);
    expect(broken.json().error.code).toBe('api.invalid_input');
    fs.writeFileSync(file, '{not json');
    expect(cli(['rules', 'import', file]).status).toBe(2);
    expect(listed()[0]!.score).toBe(0);
  });
});
