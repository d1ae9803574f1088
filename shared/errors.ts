import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, CLI) as {code, message}. The code is stable and
 * dotted (`badge.empty`); the UI translates it. The message is for logs and developers.
 */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof WireError>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * How SQLite (better-sqlite3's SqliteError.code) and Node's fs say there is no room left.
 * SQLite's unix layer turns a write's ENOSPC into SQLITE_FULL, but growing the WAL index
 * (the -shm file, a few KB when a database is opened or its WAL grows) fails as
 * SQLITE_IOERR_SHMSIZE: extending a file fails only for want of space. Its other I/O errors
 * carry no errno, so they are not guessed to be a full disk.
 */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);

/**
 * The AppError a person can act on for a storage failure, or undefined for anything else.
 * Looks through `cause`, where drizzle wraps the driver's error.
 */
export function storageFailure(err: unknown): AppError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) {
      return new AppError('storage.disk_full', `The disk is full: free some space, then try again (${code}: ${e.message})`);
    }
  }
  return undefined;
}

export function toWireError(err: unknown): WireError {
  const known = err instanceof AppError ? err : storageFailure(err);
  if (known) {
    return known.details === undefined
      ? { code: known.code, message: known.message }
      : { code: known.code, message: known.message, details: known.details };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}
