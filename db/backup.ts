import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A rotating online backup (SQLite's backup API: consistent while the app keeps writing).
 * Names sort by time, so the oldest beyond `keep` are removed.
 */
export async function backupDatabase(sqlite: Database.Database, dir: string, now: number, keep = 5): Promise<string> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(now).toISOString().replace(/[:.]/gu, '-');
  const target = path.join(dir, `leadbooth-${stamp}.db`);
  await sqlite.backup(target);
  fs.chmodSync(target, 0o600);
  const old = fs
    .readdirSync(dir)
    .filter((f) => /^leadbooth-.*\.db$/u.test(f))
    .sort()
    .slice(0, -keep);
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  return target;
}
