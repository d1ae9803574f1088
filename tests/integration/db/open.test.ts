import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../db/backup';
import { openDatabase } from '../../../db/open';
import { tempDir } from '../../support/temp-core';

describe('opening the database', () => {
  it('creates the file 0600 with WAL, durable synchronous and foreign keys, migrated', () => {
    const file = path.join(tempDir(), 'nested', 'leadbooth.db');
    const { sqlite } = openDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['events', 'leads', 'touches', 'roster_entries', 'outbox', 'leads_fts']));
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('k', '1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    sqlite.close();
  });

  it('opens an existing database again without reapplying migrations', () => {
    const file = path.join(tempDir(), 'leadbooth.db');
    openDatabase(file).sqlite.close();
    const { sqlite } = openDatabase(file);
    const applied = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    const journal = JSON.parse(fs.readFileSync(path.resolve('db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied).toBe(journal.entries.length);
    sqlite.close();
  });

  it('refuses to open when an applied migration differs from the shipped one', () => {
    const file = path.join(tempDir(), 'leadbooth.db');
    const first = openDatabase(file);
    first.sqlite.prepare("UPDATE __drizzle_migrations SET hash = 'edited' WHERE rowid = 1").run();
    first.sqlite.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db.migrations_diverged' }));
  });

  it('refuses to open a database written by a newer LeadBooth', () => {
    const file = path.join(tempDir(), 'leadbooth.db');
    const first = openDatabase(file);
    first.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)").run();
    first.sqlite.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db.newer_than_app' }));
  });

  it('refuses a migration shipped out of order (older than the last applied one)', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(path.resolve('db/migrations'), migrations, { recursive: true });
    const file = path.join(dir, 'leadbooth.db');
    openDatabase(file, { migrationsFolder: migrations }).sqlite.close();
    // A migration slipped in before the last applied one: drizzle alone would skip it silently.
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    journal.entries.splice(1, 0, { ...journal.entries[0]!, idx: 1, when: journal.entries[0]!.when + 1, tag: '0000_sneaky' });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(migrations, '0000_sneaky.sql'), 'CREATE TABLE sneaky (id integer);');
    expect(() => openDatabase(file, { migrationsFolder: migrations })).toThrow(expect.objectContaining({ code: 'db.migrations_diverged' }));
  });

  it('takes a rotating backup that keeps only the newest copies', async () => {
    const dir = tempDir();
    const { sqlite } = openDatabase(path.join(dir, 'leadbooth.db'));
    const backups = path.join(dir, 'backups');
    for (let i = 0; i < 7; i++) await backupDatabase(sqlite, backups, Date.parse('2026-11-20T00:00:00Z') + i * 3_600_000, 5);
    const files = fs.readdirSync(backups).sort();
    expect(files).toHaveLength(5);
    expect(files[0]).toContain('2026-11-20T02-00-00');
    sqlite.close();
  });
});
