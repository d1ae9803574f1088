import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handbookFixture, repoRoot, tempDir } from '../../support/temp-core';

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
function cli(db: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!) };
}

describe('leadbooth CLI', () => {
  it('creates an event, imports a Shift_JIS roster, captures, merges and lists', () => {
    const db = path.join(tempDir(), 'cli.db');
    const created = cli(db, ['events', 'create', '展示会 2026', '--kind', 'seminar']);
    expect(created.status).toBe(0);
    const eventId = created.stdout.trim();
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/u);

    const roster = cli(db, ['roster', 'import', handbookFixture('roster-sjis.csv'), '--event', eventId]);
    expect(roster.status).toBe(0);
    expect(roster.json()).toMatchObject({ added: 3, updated: 0, rejected: 0, encoding: 'shift_jis' });

    const first = cli(db, ['capture', 'EXPO2026-000123', '--event', eventId, '--staff', '佐藤']);
    expect(first.status).toBe(0);
    expect(first.json()).toMatchObject({ fullName: '山田 太郎', capturedBy: '佐藤', merged: false });
    const again = cli(db, ['capture', 'EXPO2026-000123', '--event', eventId]);
    expect(again.json()).toMatchObject({ merged: true });

    const list = cli(db, ['leads', 'list', '--event', eventId, '--json']);
    const leads = JSON.parse(list.stdout) as { fullName: string }[];
    expect(leads.map((l) => l.fullName)).toEqual(['山田 太郎']);
  });

  it('captures a scanner dump, one payload per line, and counts new, merged and rejected', () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    const eventId = cli(db, ['events', 'create', 'Expo']).stdout.trim();
    const dump = path.join(dir, 'scans.txt');
    fs.writeFileSync(dump, ['EXPO2026-000001', 'EXPO2026-000002', '', 'MECARD:N:佐藤,花子;EMAIL:hanako@example.co.jp;;', 'EXPO2026-000001', '   ', 'x'.repeat(600_000)].join('\n'));
    const out = cli(db, ['capture', '--from', dump, '--event', eventId]);
    expect(out.status).toBe(0);
    expect(out.json()).toEqual({ new: 3, merged: 1, rejected: 1 });
    const fromStdin = cli(db, ['capture', '--from', '-', '--event', eventId], 'EXPO2026-000002\nEXPO2026-000003\n');
    expect(fromStdin.json()).toEqual({ new: 1, merged: 1, rejected: 0 });
  });

  it('parses a badge to one JSON object, and rejects an empty one with exit 2', () => {
    const db = path.join(tempDir(), 'cli.db');
    const ok = cli(db, ['badge', 'parse', 'MECARD:N:佐藤,花子;SOUND:サトウ,ハナコ;EMAIL:hanako.sato@example.co.jp;;']);
    expect(ok.status).toBe(0);
    expect(ok.json()).toMatchObject({ format: 'mecard', familyName: '佐藤', givenNameKana: 'ハナコ' });
    const empty = cli(db, ['badge', 'parse', '']);
    expect(empty.status).toBe(2);
    expect(empty.json()).toEqual({ error: { code: 'badge.empty', message: expect.any(String) } });
  });

  it('runs as `npx leadbooth` from the package’s own bin, with no build step', () => {
    const r = spawnSync('npx', ['--no-install', 'leadbooth', 'badge', 'parse', 'EXPO2026-000123'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ format: 'id', badgeId: 'EXPO2026-000123', raw: 'EXPO2026-000123' });
  });

  it('answers a rejected capture with a coded error and exit 2, and usage errors with exit 2', () => {
    const db = path.join(tempDir(), 'cli.db');
    const noEvent = cli(db, ['capture', 'EXPO2026-000001', '--event', 'missing']);
    expect(noEvent.status).toBe(2);
    expect(noEvent.json().error.code).toBe('event.not_found');
    expect(cli(db, ['frobnicate']).status).toBe(2);
    expect(cli(db, ['capture', 'X', '--no-such-flag']).status).toBe(2);
  });
});
