import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'electron/bin/leadbooth.mjs');
const PER_WRITER = 500;

function cli(args: string[]): Promise<number | null> {
  const proc = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', resolve);
  });
}

/**
 * Two `capture --from` processes writing one database at once, as the desktop app, the browser
 * host and the CLI may: how many of their distinct scans are missing afterwards (must be 0).
 */
export async function benchTwoWriters(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-bench-writers-'));
  try {
    const db = path.join(dir, 'two.db');
    const created = spawnSync(process.execPath, [bin, '--db', db, 'events', 'create', 'Two writers'], { cwd: root, encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`events create: ${created.stdout}${created.stderr}`);
    const eventId = created.stdout.trim();
    const files = ['A', 'B'].map((writer) => {
      const file = path.join(dir, `${writer}.txt`);
      fs.writeFileSync(file, Array.from({ length: PER_WRITER }, (_, i) => `EXPO2026-${writer}${String(i).padStart(5, '0')}`).join('\n'));
      return file;
    });
    await Promise.all(files.map((file) => cli(['--db', db, 'capture', '--from', file, '--event', eventId])));
    const sqlite = new Database(db, { readonly: true });
    const stored = sqlite.prepare('SELECT count(DISTINCT badge_id) FROM leads WHERE event_id = ?').pluck().get(eventId) as number;
    sqlite.close();
    return { two_writers_lost: 2 * PER_WRITER - stored };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
