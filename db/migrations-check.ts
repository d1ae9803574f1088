import { AppError } from '../shared/errors';

export interface ShippedMigration {
  hash: string;
  folderMillis: number;
}
export interface AppliedMigration {
  hash: string;
  createdAt: number;
}

/**
 * Drizzle applies every shipped migration newer than the last applied one, so a migration
 * inserted out of order, or edited after it ran, would be skipped or rerun silently. Refuse
 * to open instead: what the database has applied must be exactly the start of what we ship.
 */
export function checkMigrationPrefix(applied: AppliedMigration[], shipped: ShippedMigration[]): void {
  if (applied.length > shipped.length) {
    throw new AppError(
      'db.newer_than_app',
      `The database has ${applied.length} migrations applied but this LeadBooth ships ${shipped.length}; it was written by a newer version. Update LeadBooth.`,
    );
  }
  applied.forEach((row, i) => {
    const expected = shipped[i]!;
    if (row.hash !== expected.hash || Number(row.createdAt) !== expected.folderMillis) {
      throw new AppError(
        'db.migrations_diverged',
        `Migration ${i + 1} applied to this database differs from the one this LeadBooth ships; refusing to open it. Restore a backup or use the matching LeadBooth version.`,
        { index: i },
      );
    }
  });
}
