import type Database from 'better-sqlite3';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { checkMigrationPrefix, type AppliedMigration } from './migrations-check';

/** drizzle's bookkeeping table, kept as drizzle makes it so databases made before stay valid. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS __drizzle_migrations (
  id SERIAL PRIMARY KEY,
  hash text NOT NULL,
  created_at numeric
)`;

/**
 * Applies the shipped migrations the database lacks, with drizzle's bookkeeping but not its
 * migrate(): that one reads what was applied before it takes the write lock, with a deferred
 * BEGIN, so two processes opening a new file at once both try to create the tables; and when
 * SQLite has already rolled the transaction back by itself (a full disk does), its own ROLLBACK
 * fails and hides the real error behind "Failed to run the query 'ROLLBACK'". Here the check
 * and the changes run under one BEGIN IMMEDIATE, and better-sqlite3 rolls back only a
 * transaction that is still open.
 */
export function applyMigrations(sqlite: Database.Database, shipped: MigrationMeta[]): void {
  // The usual open finds nothing to do: read only, so it never waits for another writer.
  const before = appliedMigrations(sqlite);
  checkMigrationPrefix(before, shipped);
  if (before.length === shipped.length) return;

  const insert = () => sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)');
  sqlite
    .transaction(() => {
      sqlite.exec(CREATE_TABLE);
      // Again under the lock: another process may have migrated since the read above.
      const applied = appliedMigrations(sqlite);
      checkMigrationPrefix(applied, shipped);
      for (const migration of shipped.slice(applied.length)) {
        for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
        insert().run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

function appliedMigrations(sqlite: Database.Database): AppliedMigration[] {
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!exists) return [];
  // drizzle's table declares "id SERIAL", which SQLite does not make a rowid alias: order by rowid.
  return sqlite
    .prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY rowid')
    .all() as AppliedMigration[];
}
