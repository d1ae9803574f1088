import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, repoRoot, tempDir } from '../../support/temp-core';

/**
 * A real full disk: a 2 MB tmpfs, filled by a file the test owns. Mounting needs root, which
 * CI has; elsewhere these tests are skipped.
 */
const isRoot = process.getuid?.() === 0;
/** Thousands of refused captures and a few CLI starts on a shared CI machine: a limit for a hung run. */
const LIMIT_MS = 120_000;
const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');

function cli(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // JSON lines; `events create` prints a bare id, which `stdout` keeps.
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{') || l.startsWith('[')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

/** Fills the disk to the last byte, then gives back `leaveBytes`; returns the filler's path. */
function fill(dir: string, leaveBytes = 0): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      try {
        fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        // The last partial chunk: a byte at a time would be slow, 4 KB pages are exact enough.
        for (;;) {
          try {
            fs.writeSync(fd, chunk, 0, 4096);
          } catch {
            break;
          }
        }
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (leaveBytes > 0) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - leaveBytes));
  return filler;
}

describe.skipIf(!isRoot)('a full disk', () => {
  let mnt: string;
  beforeEach(() => {
    mnt = tempDir('leadbooth-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
  });
  afterEach(() => {
    execFileSync('umount', [mnt]);
    fs.rmSync(mnt, { recursive: true, force: true });
  });

  it('refuses to create a database with storage.disk_full, and creates it once space is freed', () => {
    const db = path.join(mnt, 'leadbooth.db');
    const filler = fill(mnt);
    const refused = cli(db, ['events', 'create', 'Expo']);
    expect(refused.status).toBe(1);
    expect(refused.lines.at(-1)).toEqual({ error: { code: 'storage.disk_full', message: expect.any(String) } });

    fs.rmSync(filler);
    const created = cli(db, ['events', 'create', 'Expo']);
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/u);
  }, LIMIT_MS);

  it('capture --from: says how many lines failed and why, exits 1, keeps every acknowledged lead, and works again once space is freed', () => {
    const db = path.join(mnt, 'leadbooth.db');
    const eventId = cli(db, ['events', 'create', 'Expo']).stdout.trim();
    const filler = fill(mnt, 256 * 1024);
    const ids = Array.from({ length: 5000 }, (_, i) => `EXPO2026-${String(i).padStart(6, '0')}`);
    const scans = path.join(tempDir(), 'scans.txt');
    fs.writeFileSync(scans, ids.join('\n'));

    const run = cli(db, ['capture', '--from', scans, '--event', eventId]);
    expect(run.status).toBe(1);
    const stored = run.lines.filter((l) => typeof l.id === 'string');
    const failed = run.lines.filter((l) => l.error !== undefined);
    expect(stored.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    expect(stored.length + failed.length).toBe(5000);
    expect(new Set(failed.map((l) => (l.error as { code: string }).code))).toEqual(new Set(['storage.disk_full']));
    expect(run.stderr).toContain(`${failed.length} of 5000 lines failed: storage.disk_full`);

    // Reopened while the disk is still full: every lead the run acknowledged is there.
    const listed = cli(db, ['leads', 'list', '--event', eventId, '--json']);
    expect(listed.status).toBe(0);
    const afterFull = listed.lines[0] as unknown as { id: string }[];
    expect(afterFull.map((l) => l.id).sort()).toEqual(stored.map((l) => l.id as string).sort());

    // A few of the refused scans again (all of them would outgrow the 2 MB disk on their own).
    fs.rmSync(filler);
    const retry = path.join(path.dirname(scans), 'retry.txt');
    fs.writeFileSync(retry, failed.slice(0, 20).map((l) => ids[(l.line as number) - 1]).join('\n'));
    const again = cli(db, ['capture', '--from', retry, '--event', eventId]);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.lines.at(-1)).toEqual({ new: 20, merged: 0, rejected: 0 });
    const all = cli(db, ['leads', 'list', '--event', eventId, '--json']).lines[0] as unknown as { id: string }[];
    expect(all).toHaveLength(stored.length + 20);
  }, LIMIT_MS);

  it('in a running app: capture answers storage.disk_full, and the same connection captures again once space is freed', async () => {
    const core = openTestCore({ dbFile: path.join(mnt, 'leadbooth.db') });
    const acknowledged: string[] = [];
    let filler: string;
    try {
      const event = await core.call('events.create', { name: 'Expo', kind: 'tradeshow' });
      filler = fill(mnt, 128 * 1024);
      let refusal;
      for (let i = 0; !refusal; i++) {
        expect(i).toBeLessThan(5000);
        const r = await core.raw('capture.scan', { eventId: event.id, payload: `EXPO2026-${i}`, source: 'cli' });
        if (r.ok) acknowledged.push((r.data as { lead: { id: string } }).lead.id);
        else refusal = r.error;
      }
      expect(refusal.code).toBe('storage.disk_full');
      expect(acknowledged.length).toBeGreaterThan(0);
      // Reading still works on the full disk: the list answers every acknowledged lead, though
      // linking them (a write, late-links.ts) has to wait for space.
      const listed = await core.call('leads.list', { eventId: event.id, limit: 200 });
      expect(listed.total).toBe(acknowledged.length);
      expect(core.database.sqlite.prepare('SELECT count(*) FROM leads WHERE person_id IS NULL').pluck().get()).toBe(acknowledged.length);

      fs.rmSync(filler);
      const after = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-after', source: 'cli' });
      acknowledged.push(after.lead.id);
      // With space again, the next call links them all.
      await core.call('leads.list', { eventId: event.id, limit: 1 });
      expect(core.database.sqlite.prepare('SELECT count(*) FROM leads WHERE person_id IS NULL').pluck().get()).toBe(0);
    } finally {
      core.close();
    }

    const reopened = openTestCore({ dbFile: path.join(mnt, 'leadbooth.db') });
    try {
      const stored = reopened.database.sqlite.prepare('SELECT id FROM leads ORDER BY id').pluck().all();
      expect(stored).toEqual([...acknowledged].sort());
    } finally {
      reopened.close();
    }
  }, LIMIT_MS);
});
