import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError, toWireError } from '../../../shared/errors';

const sqliteError = (code: string, message: string) => new Database.SqliteError(message, code);

describe('errors crossing the boundary', () => {
  it.each([
    ['SQLite: database or disk is full', sqliteError('SQLITE_FULL', 'database or disk is full')],
    ['SQLite: the WAL index could not grow', sqliteError('SQLITE_IOERR_SHMSIZE', 'disk I/O error')],
    ['Node fs: no space left on device', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })],
    ['wrapped by drizzle', new Error("Failed to run the query 'COMMIT'", { cause: sqliteError('SQLITE_FULL', 'database or disk is full') })],
  ])('a full disk is storage.disk_full (%s)', (_, err) => {
    expect(toWireError(err)).toEqual({ code: 'storage.disk_full', message: expect.stringContaining('disk is full') });
  });

  it.each([
    ['a lock held too long', sqliteError('SQLITE_BUSY', 'database is locked')],
    ['an I/O error that says nothing of space', sqliteError('SQLITE_IOERR_READ', 'disk I/O error')],
    ['a plain error', new Error('boom')],
  ])('anything else unexpected stays internal (%s)', (_, err) => {
    expect(toWireError(err)).toEqual({ code: 'internal', message: err.message });
  });

  it('an AppError keeps its own code and details', () => {
    expect(toWireError(new AppError('badge.empty', 'empty', { line: 3 }))).toEqual({ code: 'badge.empty', message: 'empty', details: { line: 3 } });
  });
});
