import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { person } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'electron/bin/leadbooth.mjs');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; lines: unknown[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: err }));
  });
}

let dir: string;
let dbFile: string;
let crm: FakeHubspot;
let ids: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-cli-upload-'));
  dbFile = path.join(dir, 'leadbooth.db');
  crm = await startFakeHubspot();
  // The day's capture happened with no connector configured at all.
  const core = createApp({ dbFile, shell: 'cli', sync: { env: {} } });
  const event = await dispatch(core.handlers, 'events.create', { name: 'Expo' });
  const eventId = (event as { data: { id: string } }).data.id;
  ids = [];
  for (let i = 0; i < 5; i++) {
    const r = await dispatch(core.handlers, 'capture.manual', { eventId, fields: person(i) });
    ids.push((r as { data: { lead: { id: string } } }).data.lead.id);
  }
  core.close();
});

afterEach(async () => {
  await crm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('leadbooth upload', () => {
  it('delivers every lead the environment’s connector has not yet received, prints its counts, exits 0', async () => {
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token };
    const first = await cli(['--db', dbFile, 'upload'], env);
    expect(first.stderr).toBe('');
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines).toEqual([{ connector: 'hubspot', sent: 5, done: 5, retrying: 0, attention: 0, pending: 0 }]);
    for (const id of ids) expect(crm.contacts.all(id)).toHaveLength(1);

    const again = await cli(['--db', dbFile, 'upload', '--connector', 'hubspot'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.lines).toEqual([{ connector: 'hubspot', sent: 0, done: 0, retrying: 0, attention: 0, pending: 0 }]);
    expect(crm.contacts.rows).toHaveLength(5);
  });

  it('exits 3 when records are still pending after the wait it allows itself', async () => {
    crm.faults.push({ kind: 'status', status: 503, headers: { 'Retry-After': '120' } });
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_UPLOAD_MAX_WAIT_MS: '1000' };
    const run = await cli(['--db', dbFile, 'upload'], env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.lines).toEqual([expect.objectContaining({ connector: 'hubspot', sent: 5, retrying: 5, pending: 5 })]);
    expect(crm.contacts.rows).toEqual([]);
  });

  it('rejects an unknown connector with exit 2', async () => {
    const run = await cli(['--db', dbFile, 'upload', '--connector', 'marketo'], {});
    expect(run.code, run.stderr).toBe(2);
    expect(run.lines).toEqual([{ error: expect.objectContaining({ code: 'sync.unknown_connector' }) }]);
  });
});
