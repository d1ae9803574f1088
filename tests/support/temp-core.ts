import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../electron/app';
import { dispatch } from '../../electron/dispatch';
import type { Input, Output, ProcName } from '../../shared/api';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The team's handbook folder (fixtures) sits beside the repository. */
export const handbookFixture = (name: string) => path.resolve(repoRoot, '..', 'shared', 'fixtures', name);

export function tempDir(prefix = 'leadbooth-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A settable clock: tests move time explicitly. */
export function manualClock(start = Date.parse('2026-11-20T01:00:00Z')) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => (now += ms);
  clock.set = (ms: number) => (now = ms);
  return clock;
}

export interface TestCore extends App {
  dir: string;
  dbFile: string;
  clock: ReturnType<typeof manualClock>;
  /** Calls through the same dispatch every door uses; throws the wire error on failure. */
  call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>>;
  /** Calls and returns the wire result as is. */
  raw(name: string, input: unknown): ReturnType<typeof dispatch>;
}

export function openTestCore(
  options: { dbFile?: string; clock?: ReturnType<typeof manualClock>; migrationsFolder?: string } = {},
): TestCore {
  const dir = options.dbFile ? path.dirname(options.dbFile) : tempDir();
  const dbFile = options.dbFile ?? path.join(dir, 'leadbooth.db');
  const clock = options.clock ?? manualClock();
  const core = createApp({ dbFile, shell: 'cli', clock, migrationsFolder: options.migrationsFolder });
  return {
    ...core,
    dir,
    dbFile,
    clock,
    raw: (name, input) => dispatch(core.handlers, name, input),
    async call(name, input) {
      const result = await dispatch(core.handlers, name, input);
      if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
      return result.data as never;
    },
  };
}
