import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');

/** A CLI process; resolves when it has exited and its output is complete. */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const PER_WRITER = 3000;
/** 6,000 fsynced commits on a shared CI machine: a limit for a hung run, not a figure. */
const LIMIT_MS = 180_000;

describe('two processes capturing into one database at once', () => {
  it('stores every scan of both: 6,000 leads, none lost, none doubled, both exit 0', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'leadbooth.db');
    const created = spawnSync(process.execPath, [bin, '--db', db, 'events', 'create', 'Expo'], { cwd: repoRoot, encoding: 'utf8' });
    expect(created.status).toBe(0);
    const eventId = created.stdout.trim();

    const files = ['A', 'B'].map((writer) => {
      const file = path.join(dir, `${writer}.txt`);
      const ids = Array.from({ length: PER_WRITER }, (_, i) => `EXPO2026-${writer}${String(i).padStart(5, '0')}`);
      fs.writeFileSync(file, ids.join('\n'));
      return { file, ids };
    });

    // Both started before either is awaited: each commits while the other holds or wants the lock.
    const results = await Promise.all(files.map(({ file }) => run(['--db', db, 'capture', '--from', file, '--event', eventId])));

    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ new: PER_WRITER, merged: 0, rejected: 0 });
    }
    const acknowledged = results.flatMap((r) =>
      r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string }).flatMap((l) => (l.id ? [l.id] : [])),
    );
    expect(acknowledged).toHaveLength(2 * PER_WRITER);

    const sqlite = new Database(db, { readonly: true });
    try {
      const stored = sqlite.prepare('SELECT id, badge_id AS badgeId FROM leads WHERE event_id = ?').all(eventId) as { id: string; badgeId: string }[];
      expect(stored).toHaveLength(2 * PER_WRITER);
      expect(new Set(stored.map((l) => l.badgeId))).toEqual(new Set(files.flatMap((f) => f.ids)));
      expect(new Set(stored.map((l) => l.id))).toEqual(new Set(acknowledged));
    } finally {
      sqlite.close();
    }
  }, LIMIT_MS);
});
