import type Database from 'better-sqlite3';

/**
 * Rows a test or the bench writes straight through the lead store stand for leads linked when
 * they were stored, as before late links (electron/core/late-links.ts): the pass starts after
 * them. Without this it would decide an account and a person for every seeded row, lead by
 * lead, which is not what these seeds measure or check.
 */
export function seededAsLinked(sqlite: Database.Database): void {
  sqlite.prepare('UPDATE late_links SET lead_rowid = (SELECT coalesce(max(rowid), 0) FROM leads) WHERE id = 1').run();
}
