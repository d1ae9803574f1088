import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input, Output, ProcName } from '../../../shared/api';
import type { PersonFields } from '../../../shared/model';
import { createApp, type App } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import type { SyncOptions } from '../../../electron/sync';

/** 09:00 JST on a show day: the scan times the CRM must receive, never the upload time. */
export const SHOW_START = Date.parse('2025-06-04T00:00:00.000Z');

/**
 * Tests of delivery's mechanics (batches, retries, rate limits) send every lead, as captured:
 * their leads are never triaged. The policy's own tests (policy.test.ts) choose theirs.
 */
export const SEND_EVERYTHING: Record<string, string> = {
  LEADBOOTH_HUBSPOT_SEND: 'all',
  LEADBOOTH_SALESFORCE_SEND: 'all',
  LEADBOOTH_MAUTIC_SEND: 'all',
  LEADBOOTH_WEBHOOK_SEND: 'all',
};

export interface Harness {
  core: App;
  dbFile: string;
  eventId: string;
  /** The core's clock; tests move it. */
  now(): number;
  advance(ms: number): void;
  call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>>;
  /** The wire error of a call expected to fail. */
  fail<N extends ProcName>(name: N, input: Input<N>): Promise<{ code: string; message: string }>;
  capture(fields: PersonFields): Promise<Output<'capture.manual'>['lead']>;
  outbox(connector: string): { leadId: string; state: string; attempts: number; nextAttemptAt: number; lastError: string | null; batchId: string | null }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string | undefined>;
  sync?: Omit<SyncOptions, 'env'>;
  shell?: 'browser' | 'cli' | 'electron';
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-sync-'));
  const dbFile = path.join(dir, 'leadbooth.db');
  let now = SHOW_START;
  const core = createApp({
    dbFile,
    shell: options.shell ?? 'browser',
    clock: () => now,
    sync: { env: { ...SEND_EVERYTHING, ...options.env }, autoUpload: false, random: () => 0.5, ...options.sync },
  });

  async function call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>> {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
    return result.data as Output<N>;
  }

  const event = await call('events.create', { name: '展示会 2025', kind: 'tradeshow' });

  return {
    core,
    dbFile,
    eventId: event.id,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    call,
    async fail(name, input) {
      const result = await dispatch(core.handlers, name, input);
      if (result.ok) throw new Error(`${name} was expected to fail`);
      return result.error;
    },
    async capture(fields) {
      const out = await call('capture.manual', { eventId: event.id, fields });
      now += 60_000;
      // Read back: the lead's person is decided after the capture commits (core/late-links.ts).
      return (await call('leads.get', { id: out.lead.id })).lead;
    },
    outbox(connector) {
      return core.deps.sqlite
        .prepare(
          `SELECT lead_id AS leadId, state, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, batch_id AS batchId
           FROM outbox WHERE connector = ? ORDER BY id`,
        )
        .all(connector) as ReturnType<Harness['outbox']>;
    },
    async close() {
      await core.sync.stop();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The value a lead's contact holds in the CRM's id property: its person's id (one contact per
 * person, shared/delivery/person.ts), or its own id while it has no person.
 */
export const contactKey = (lead: { id: string; personId: string | null }): string => lead.personId ?? lead.id;

/** Japanese trade-show leads with kana, one per index. */
export function person(i: number, overrides: Partial<PersonFields> = {}): PersonFields {
  const families = ['山田', '佐藤', '鈴木', '高橋', '田中'];
  const kana = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ'];
  return {
    badgeId: `B-${String(i).padStart(5, '0')}`,
    familyName: families[i % families.length],
    givenName: `太郎${i}`,
    familyNameKana: kana[i % kana.length],
    givenNameKana: 'タロウ',
    company: `株式会社テスト${i}`,
    title: '部長',
    email: `lead${i}@example.co.jp`,
    phone: `03-0000-${String(i).padStart(4, '0')}`,
    ...overrides,
  };
}
