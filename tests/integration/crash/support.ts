import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const bin = path.join(root, 'electron/bin/leadbooth.mjs');

/** A small seeded PRNG (mulberry32): a failing run can be replayed with the seed it printed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  /** Complete lines printed so far (a line cut by the kill is not complete). */
  lines(): string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

export function start(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  let alive = true;
  proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  proc.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  // A killed child's stdin may still be written to: ignore the broken pipe.
  proc.stdin.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  return {
    proc,
    lines: () => out.split('\n').slice(0, -1).filter(Boolean),
    stderr: () => err,
    exited,
    running: () => alive,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the predicate holds, the child exits, or the time is up. */
export async function until(predicate: () => boolean, child: Child, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (predicate()) return true;
    if (!child.running()) return false;
    await sleep(5);
  }
  return false;
}
