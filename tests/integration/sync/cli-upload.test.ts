import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { upload } from '../../../electron/cli/upload';
import { dispatch } from '../../../electron/dispatch';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { contactKey, person } from './harness';

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

/** Outbox rows needing attention, read from the file. */
function h_attention(): { lead_id: string; last_error: string }[] {
  const core = createApp({ dbFile, shell: 'cli', sync: { env: {} } });
  try {
    return core.deps.sqlite.prepare("SELECT lead_id, last_error FROM outbox WHERE state = 'attention'").all() as { lead_id: string; last_error: string }[];
  } finally {
    core.close();
  }
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
  const leadIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await dispatch(core.handlers, 'capture.manual', { eventId, fields: person(i) });
    leadIds.push((r as { data: { lead: { id: string } } }).data.lead.id);
  }
  for (const id of leadIds) {
    // The key its contact holds: one contact per person (shared/delivery/person.ts), decided
    // after the capture commits (core/late-links.ts), so read back.
    const r = await dispatch(core.handlers, 'leads.get', { id });
    ids.push(contactKey((r as { data: { lead: { id: string; personId: string | null } } }).data.lead));
  }
  core.close();
});

afterEach(async () => {
  await crm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The captured leads as a person triaged them, straight in the file (the triage procedures are not under test here). */
function triage(set: string): void {
  const core = createApp({ dbFile, shell: 'cli', sync: { env: {} } });
  core.deps.sqlite.prepare(`UPDATE leads SET ${set}`).run();
  core.close();
}

/** `upload` in this process, for what the CLI's argument parser does not reach (--policy). */
async function uploadHere(args: Parameters<typeof upload>[1], env: Record<string, string>) {
  const core = createApp({ dbFile, shell: 'cli', sync: { env } });
  const lines: unknown[] = [];
  try {
    return { code: await upload(core, args, (v) => lines.push(v)), lines };
  } finally {
    await core.sync.stop();
    core.close();
  }
}

describe('leadbooth upload', () => {
  it('delivers every lead the policy selects, prints its counts, exits 0; a lead nobody reviewed stays home', async () => {
    // Two of five were made MQL and one marked ready by a person; two nobody looked at.
    triage(`status = CASE WHEN email IN ('lead0@example.co.jp', 'lead1@example.co.jp') THEN 'mql' ELSE status END,
            ready_at = CASE WHEN email = 'lead2@example.co.jp' THEN 1 ELSE NULL END`);
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token };
    const first = await cli(['--db', dbFile, 'upload'], env);
    expect(first.stderr).toBe('');
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines).toEqual([{ connector: 'hubspot', policy: 'mql', sent: 3, done: 3, retrying: 0, attention: 0, pending: 0, needsAttention: 0 }]);
    for (const id of ids.slice(0, 3)) expect(crm.contacts.all(id)).toHaveLength(1);
    for (const id of ids.slice(3)) expect(crm.contacts.all(id)).toEqual([]);

    const again = await cli(['--db', dbFile, 'upload', '--connector', 'hubspot'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.lines).toEqual([{ connector: 'hubspot', policy: 'mql', sent: 0, done: 0, retrying: 0, attention: 0, pending: 0, needsAttention: 0 }]);
    expect(crm.contacts.rows).toHaveLength(3);
  });

  it('LEADBOOTH_HUBSPOT_SEND=all sends everything; =ready only what a person marked', async () => {
    triage(`ready_at = CASE WHEN email = 'lead4@example.co.jp' THEN 1 ELSE NULL END, status = 'mql'`);
    const base = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token };
    const ready = await cli(['--db', dbFile, 'upload'], { ...base, LEADBOOTH_HUBSPOT_SEND: 'ready' });
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.lines).toEqual([expect.objectContaining({ policy: 'ready', sent: 1, done: 1, pending: 0 })]);
    expect(crm.contacts.rows.map((r) => r.leadId)).toEqual([ids[4]]);

    const all = await cli(['--db', dbFile, 'upload'], { ...base, LEADBOOTH_HUBSPOT_SEND: 'all' });
    expect(all.code, all.stderr).toBe(0);
    expect(all.lines).toEqual([expect.objectContaining({ policy: 'all', sent: 4, done: 4, pending: 0 })]);
    expect(crm.contacts.rows).toHaveLength(5);
  });

  it('a policy that is not one refuses to send anything and exits 3 with the reason', async () => {
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_HUBSPOT_SEND: 'everything' };
    const run = await cli(['--db', dbFile, 'upload'], env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.lines).toEqual([expect.objectContaining({ connector: 'hubspot', sent: 0, stopped: 'not_configured', error: expect.stringContaining('LEADBOOTH_HUBSPOT_SEND=everything') })]);
    expect(crm.requests).toEqual([]);
  });

  it('upload --policy overrides the environment’s policy for one run', async () => {
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token };
    const none = await uploadHere({}, env);
    expect(none).toEqual({ code: 0, lines: [expect.objectContaining({ policy: 'mql', sent: 0, pending: 0 })] });
    const all = await uploadHere({ policy: 'all' }, env);
    expect(all).toEqual({ code: 0, lines: [expect.objectContaining({ policy: 'all', sent: 5, done: 5, pending: 0 })] });
    await expect(uploadHere({ policy: 'some' }, env)).rejects.toMatchObject({ code: 'sync.unknown_policy' });
  });

  it('exits 3 when leads the CRM refused need a person, printing how many, in this run and in later ones', async () => {
    // One lead's email is not one: HubSpot refuses it (a shared email is no refusal: the send
    // adopts the contact that holds it, person.test.ts).
    triage(`status = 'mql', email = CASE WHEN email = 'lead3@example.co.jp' THEN 'lead3@example' ELSE email END`);
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token };
    const run = await cli(['--db', dbFile, 'upload'], env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.lines).toEqual([expect.objectContaining({ connector: 'hubspot', done: 4, attention: 1, pending: 0, needsAttention: 1 })]);
    expect(crm.contacts.rows).toHaveLength(4);
    const [row] = h_attention();
    expect(row).toMatchObject({ last_error: expect.stringContaining('INVALID_EMAIL') });

    // Nothing new to send: still 3, since a refused lead is not delivered.
    const again = await cli(['--db', dbFile, 'upload'], env);
    expect(again.code, again.stderr).toBe(3);
    expect(again.lines).toEqual([expect.objectContaining({ sent: 0, attention: 0, pending: 0, needsAttention: 1 })]);
  });

  it('exits 3 when records are still pending after the wait it allows itself', async () => {
    crm.faults.push({ kind: 'status', status: 503, headers: { 'Retry-After': '120' } });
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_UPLOAD_MAX_WAIT_MS: '1000', LEADBOOTH_HUBSPOT_SEND: 'all' };
    const run = await cli(['--db', dbFile, 'upload'], env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.lines).toEqual([expect.objectContaining({ connector: 'hubspot', sent: 5, retrying: 5, pending: 5, needsAttention: 0 })]);
    expect(crm.contacts.rows).toEqual([]);
  });

  it('exits 3 when the CRM rejects the token, saying so, without burning through the queue', async () => {
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: 'pat-na1-revoked', LEADBOOTH_HUBSPOT_SEND: 'all'};
    const run = await cli(['--db', dbFile, 'upload'], env);
    expect(run.code, run.stderr).toBe(3);
    expect(run.lines).toEqual([expect.objectContaining({ connector: 'hubspot', done: 0, pending: 5, stopped: 'credentials', error: expect.stringContaining('401') })]);
    // One refused request, then it stopped: the records wait with no attempt counted.
    expect(crm.requests.filter((r) => r.path.includes('/batch/upsert'))).toHaveLength(1);
    expect(crm.requests.every((r) => r.status === 401)).toBe(true);
  });

  it('rejects an unknown connector with exit 2', async () => {
    const run = await cli(['--db', dbFile, 'upload', '--connector', 'marketo'], {});
    expect(run.code, run.stderr).toBe(2);
    expect(run.lines).toEqual([{ error: expect.objectContaining({ code: 'sync.unknown_connector' }) }]);
  });
});
