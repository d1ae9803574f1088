import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, storageFailure } from '../../shared/errors';

/**
 * Photo bytes on disk, named by their SHA-256: `<folder>/<hash[0..1]>/<hash>`. Content
 * addressing makes a second copy of the same picture free and lets a device bundle bring a
 * photo in without asking whether it is new. Photos are personal data: files 0600, folders 0700.
 */

export interface StoredPhotoFile {
  hash: string;
  bytes: number;
}

const HASH = /^[0-9a-f]{64}$/u;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The photo folder beside a database file (the user-data folder in the app). */
export function photoFolderOf(dbFile: string): string {
  if (dbFile === '' || dbFile === ':memory:') throw new Error('Photos need a database file: an in-memory database has no folder');
  return path.join(path.dirname(path.resolve(dbFile)), 'photos');
}

export function photoFiles(folder: string) {
  function fileOf(hash: string): string {
    // The hash names a path: anything else (a damaged bundle, say) must never reach the file system.
    if (!HASH.test(hash)) throw new Error(`Not a SHA-256 hex digest: ${hash.slice(0, 80)}`);
    return path.join(folder, hash.slice(0, 2), hash);
  }

  /** Durability of the rename itself; Windows cannot open a folder for fsync, and needs none. */
  function syncFolder(dir: string): void {
    let fd: number | undefined;
    try {
      fd = fs.openSync(dir, 'r');
      fs.fsyncSync(fd);
    } catch {
      // Best effort: the file's own fsync already happened.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * Writes the bytes under their hash, atomically: to a temporary file in the same folder,
   * flushed, then renamed, so a crash leaves either no file or the whole one (the database row
   * that points at it is committed after this returns). Bytes already there are not written again.
   */
  function put(bytes: Uint8Array): StoredPhotoFile {
    const hash = sha256Hex(bytes);
    const file = fileOf(hash);
    const existing = fs.statSync(file, { throwIfNoEntry: false });
    if (existing?.isFile() && existing.size === bytes.length) return { hash, bytes: bytes.length };
    const dir = path.dirname(file);
    const temp = path.join(dir, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fd = fs.openSync(temp, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw storageFailure(err) ?? err;
    }
    syncFolder(dir);
    return { hash, bytes: bytes.length };
  }

  function read(hash: string): Buffer {
    try {
      return fs.readFileSync(fileOf(hash));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('photo.file_missing', `The file of photo ${hash} is not in ${folder}`);
      }
      throw err;
    }
  }

  return { put, read, fileOf, has: (hash: string) => fs.existsSync(fileOf(hash)) };
}
export type PhotoFiles = ReturnType<typeof photoFiles>;
