import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import type { Input, Output, ProcName } from '../../../shared/api';
import type { WireError } from '../../../shared/errors';

/** A booth laptop in a test: its own SQLite file, a clock the test moves, and a record of outbox calls. */
export interface Device {
  core: App;
  /** Lead ids passed to onLeadWritten, in order. */
  written: string[];
  at(iso: string): void;
  call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>>;
  fail<N extends ProcName>(name: N, input: Input<N>): Promise<WireError>;
  /** Every row of the tables an import may touch, for "nothing was written" checks. */
  snapshot(): unknown;
  close(): void;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-handoff-'));
}

export function openDevice(dir: string, name: string, start = '2025-04-09T00:00:00.000Z'): Device {
  let now = Date.parse(start);
  const core = createApp({ dbFile: path.join(dir, `${name}.db`), shell: 'cli', clock: () => now });
  const written: string[] = [];
  const downstream = core.deps.onLeadWritten;
  core.deps.onLeadWritten = (lead) => {
    written.push(lead.id);
    downstream(lead);
  };
  return {
    core,
    written,
    at: (iso) => {
      now = Date.parse(iso);
    },
    async call(name, input) {
      const result = await dispatch(core.handlers, name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
    async fail(name, input) {
      const result = await dispatch(core.handlers, name, input);
      if (result.ok) throw new Error(`${name} succeeded but should have failed`);
      return result.error;
    },
    snapshot: () =>
      Object.fromEntries(
        ['events', 'leads', 'touches', 'roster_entries', 'outbox'].map((table) => [
          table,
          core.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
        ]),
      ),
    close: () => core.close(),
  };
}

/** A badge as the organizer's QR carries it (JSON), as real-looking as a test can make it. */
export const badge = (fields: Record<string, string>) => JSON.stringify(fields);
