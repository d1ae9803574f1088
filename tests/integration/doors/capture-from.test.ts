import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
const cli = (db: string, args: string[]) =>
  spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('capture --from: the exit status tells a script whether every readable scan was stored', () => {
  it('refused badges and over-long lines are counted, and the run still exits 0', () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    const eventId = cli(db, ['events', 'create', 'Expo']).stdout.trim();
    const dump = path.join(dir, 'scans.txt');
    fs.writeFileSync(dump, ['EXPO2026-000001', 'x'.repeat(600_000), 'EXPO2026-000002'].join('\n'));
    const out = cli(db, ['capture', '--from', dump, '--event', eventId]);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout.trim().split('\n').at(-1)!)).toEqual({ new: 2, merged: 0, rejected: 1 });
  });

  it('lines that fail for another reason: exit 2 for a refused request, and stderr says how many and why', () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    cli(db, ['events', 'create', 'Expo']);
    const dump = path.join(dir, 'scans.txt');
    fs.writeFileSync(dump, ['EXPO2026-000001', '', 'EXPO2026-000002', 'EXPO2026-000003'].join('\n'));
    const out = cli(db, ['capture', '--from', dump, '--event', 'no-such-event']);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('3 of 3 lines failed: event.not_found\n');
    expect(JSON.parse(out.stdout.trim().split('\n').at(-1)!)).toEqual({ new: 0, merged: 0, rejected: 3 });
  });
});
