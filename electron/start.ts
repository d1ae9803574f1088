import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createApp } from './app';
import { startHost } from './host';
import { appRoot, resolveDbFile } from './paths';

/**
 * `npm start`: build, then launch the Electron app; where Electron's binary is missing and
 * cannot be fetched (as on our build machines), say so in one line and run the browser host.
 */
const root = appRoot();
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function run(cmd: string, cmdArgs: string[], extra: { cwd?: string; quiet?: boolean } = {}): boolean {
  const out = spawnSync(cmd, cmdArgs, { cwd: extra.cwd ?? root, stdio: extra.quiet ? 'ignore' : 'inherit' });
  return out.status === 0;
}

function electronBinary(): string | null {
  try {
    const binary = require('electron') as unknown as string;
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** npm builds better-sqlite3 for Node; Electron needs it built for its own ABI, kept apart so tests keep working. */
function sqliteForElectron(): string | null {
  const version = (require('electron/package.json') as { version: string }).version;
  const dir = path.join(root, 'node_modules', '.cache', 'leadbooth', `better-sqlite3-electron-${version}`);
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const gyp = path.join(root, 'node_modules', '.bin', 'node-gyp');
  const ok =
    run('npx', ['--yes', 'prebuild-install', '--runtime=electron', `--target=${version}`], { cwd: dir }) ||
    run(gyp, ['rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: dir });
  return ok && fs.existsSync(binding) ? binding : null;
}

async function browserHost(reason: string): Promise<void> {
  process.stdout.write(`Electron cannot start here (${reason}); starting the browser host instead.\n`);
  const core = createApp({ dbFile: resolveDbFile(args), shell: 'browser' });
  const port = Number(process.env.LEADBOOTH_PORT ?? 0) || 0;
  const host = await startHost({ core, rendererDir: path.join(root, 'out', 'renderer'), port });
  process.stdout.write(`Open ${host.openUrl}\n`);
  const stop = async () => {
    await host.close();
    core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (!run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn'])) {
    process.exitCode = 1;
    return;
  }
  let binary = electronBinary();
  if (!binary) {
    run(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { quiet: true });
    binary = electronBinary();
  }
  if (!binary) return browserHost("Electron's binary is not installed and could not be downloaded");
  const binding = sqliteForElectron();
  if (!binding) return browserHost('better-sqlite3 could not be built for Electron');
  const child = spawn(binary, [root, ...args], { stdio: 'inherit', env: { ...process.env, LEADBOOTH_SQLITE_BINDING: binding } });
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main();
