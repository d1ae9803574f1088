import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where Electron's app.getPath('userData') points for "LeadBooth", computed without Electron. */
export function userDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'LeadBooth');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'LeadBooth');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'LeadBooth');
}

/** --db PATH wins, then LEADBOOTH_DB, then the user-data folder. */
export function resolveDbFile(argv: string[], fallbackDir = userDataDir()): string {
  const i = argv.indexOf('--db');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5);
  return path.resolve(fromArg ?? process.env.LEADBOOTH_DB ?? path.join(fallbackDir, 'leadbooth.db'));
}

/** The repository (or app) root: the folder holding package.json above this file. */
export function appRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

export const rendererDir = (root = appRoot()) => path.join(root, 'out', 'renderer');
