import fs from 'node:fs';

/**
 * Writes a file only its owner can read (0600, like the database): exports and bundles hold
 * names, emails and phone numbers. The mode given to open applies only when the file is
 * created, so an existing file is narrowed with fchmod before its old contents are replaced.
 */
export function writePrivateFile(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
}
