import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot, rendererDir } from './paths';

/** The browser host serves the built renderer; build it once if this checkout never has. */
export function ensureRendererBuilt(root = appRoot()): string {
  const dir = rendererDir(root);
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  process.stderr.write('Building the LeadBooth UI once (electron-vite build)…\n');
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const out = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (out.status !== 0) throw new Error('electron-vite build failed');
  return dir;
}
