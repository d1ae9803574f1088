import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storageFailure } from '../shared/errors';
import { applyMigrations } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export interface OpenDb {
  sqlite: Database.Database;
  db: Db;
  file: string;
}

export interface OpenOptions {
  migrationsFolder?: string;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/** The migrations ship beside this file in the repo; bundles (out/main) find them by walking up. */
export function defaultMigrationsFolder(): string {
  if (process.env.LEADBOOTH_MIGRATIONS) return process.env.LEADBOOTH_MIGRATIONS;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, 'migrations'), path.join(dir, 'db', 'migrations')]) {
      if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('db/migrations not found');
    dir = parent;
  }
}

function restrictToOwner(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

/**
 * How long a write waits for another process's write lock (the desktop app, the browser host
 * and the CLI may write one file at once). A capture holds the lock for about a millisecond
 * and a roster chunk for well under a second, so only a stuck process runs this out.
 */
export const BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(file: string, options: OpenOptions = {}): OpenDb {
  try {
    return open(file, options);
  } catch (err) {
    // A full disk at open says so, not "Failed to run the query …" or "internal".
    throw storageFailure(err) ?? err;
  }
}

function open(file: string, options: OpenOptions): OpenDb {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  // Create the file ourselves so it is 0600 from its first byte, not after SQLite made it.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  restrictToOwner(file);

  const sqlite = new Database(file, {
    timeout: BUSY_TIMEOUT_MS,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    // First: switching a new file to WAL needs a lock another process opening it may hold.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit survives power loss or an OS crash, not only an app crash. A booth laptop
    // that dies mid-show must not lose the last scans.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // 64 MB of page cache: a 100,000-row roster or lead table and its indexes stay in memory.
    sqlite.pragma('cache_size = -65536');
    // The WAL is checkpointed when the booth goes quiet (electron/core/quiet.ts). SQLite's own
    // checkpoint, which runs inside whichever commit crosses the limit, is only the backstop
    // for a long rush: at the default 1,000 pages it landed on one scan in 80.
    sqlite.pragma('wal_autocheckpoint = 10000');

    const folder = options.migrationsFolder ?? defaultMigrationsFolder();
    applyMigrations(sqlite, readMigrationFiles({ migrationsFolder: folder }));
    restrictToOwner(file);
    return { sqlite, db: drizzle(sqlite, { schema }), file };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
