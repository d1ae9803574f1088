import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { seeded, start, until, type Child } from './support';

/**
 * `leadbooth upload` is killed with SIGKILL at random moments — while starting, between
 * batches, while HubSpot holds a request, after HubSpot committed but before we heard — and
 * restarted each time, while the day goes on (new captures, ratings changed). In the end
 * HubSpot holds every lead exactly once in its latest state, and every outbox row is done.
 */

const KILLS = 50;
const SEED = Number(process.env.CRASH_SEED) || Date.now() % 1_000_000;

let dir: string;
let dbFile: string;
let crm: FakeHubspot;
let booth: App;
let eventId: string;

async function call<T>(name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const result = await dispatch(booth.handlers, name, input);
  if (!result.ok) throw new Error(`${String(name)}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

let badge = 0;
async function captureSome(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    badge++;
    await call('capture.manual', {
      eventId,
      fields: { badgeId: `K${badge}`, familyName: '中村', givenName: `花子${badge}`, familyNameKana: 'ナカムラ', email: `k${badge}@example.jp`, company: '株式会社クラッシュ' },
    });
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-crash-upload-'));
  dbFile = path.join(dir, 'leadbooth.db');
  // A roomy limit: this test is about crashes, not pacing (the bench covers the limit).
  crm = await startFakeHubspot({ limit: { requests: 1000, windowMs: 10_000 } });
  booth = createApp({
    dbFile,
    shell: 'cli',
    sync: { env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_HUBSPOT_SEND: 'all' } },
  });
  eventId = (await call<{ id: string }>('events.create', { name: 'Crash Expo' })).id;
  await captureSome(1500);
});

afterAll(async () => {
  booth?.close();
  await crm?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an upload killed at random', () => {
  it(`killed ${KILLS} times and restarted, ends with every lead in HubSpot exactly once and all rows done`, async () => {
    const random = seeded(SEED);
    const env = { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_HUBSPOT_SEND: 'all', LEADBOOTH_UPLOAD_MAX_WAIT_MS: '20000' };
    // Random latency on both sides of HubSpot's commit, so a kill can land on either side.
    crm.latencyBefore = () => Math.floor(random() * 60);
    crm.latencyAfter = () => Math.floor(random() * 150);

    let kills = 0;
    let early = 0;
    let midRequest = 0;
    let runs = 0;
    const log: string[] = [];
    while (kills < KILLS) {
      runs++;
      const child: Child = start(['--db', dbFile, 'upload'], env);
      const writesBefore = crm.writes().length;
      let landed = false;
      if (random() < 0.35) {
        // Early: during start-up, migrations, recovery, backfill or the first claim.
        await until(() => false, child, 100 + random() * 1000);
        landed = true;
        early++;
      } else {
        // Late: once HubSpot has this run's requests coming in, a moment later.
        const seen = await until(() => crm.writes().length > writesBefore + Math.floor(random() * 3), child, 15_000);
        if (seen) {
          await until(() => false, child, random() * 200);
          landed = true;
          midRequest++;
        }
      }
      if (child.running() && landed) {
        child.proc.kill('SIGKILL');
        const { signal } = await child.exited;
        if (signal === 'SIGKILL') kills++;
      } else {
        const { code } = await child.exited;
        log.push(`run ${runs} finished by itself: exit ${code} ${child.stderr().slice(0, 200)}`);
        expect(code === 0 || code === 3).toBe(true);
      }
      // The day goes on between runs: new leads, a rating changed on one already sent.
      if (runs % 2 === 0) {
        await captureSome(10);
        const some = booth.deps.sqlite.prepare('SELECT id FROM leads ORDER BY random() LIMIT 2').pluck().all() as string[];
        for (const id of some) await call('leads.rate', { id, rating: (['hot', 'warm', 'cold'] as const)[Math.floor(random() * 3)] });
      }
    }

    // Finally let it run to the end.
    const last = start(['--db', dbFile, 'upload'], env);
    const { code } = await last.exited;
    expect(last.stderr()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(last.lines().at(-1)!)).toMatchObject({ connector: 'hubspot', pending: 0, attention: 0 });

    // Every lead here is a different person; the CRM contact is keyed on the person (名寄せ).
    const leads = booth.deps.sqlite.prepare('SELECT id, person_id AS personId, rating FROM leads').all() as {
      id: string;
      personId: string | null;
      rating: string | null;
    }[];
    const rows = booth.deps.sqlite.prepare("SELECT state, count(*) AS n FROM outbox WHERE connector = 'hubspot' GROUP BY state").all();
    expect(rows).toEqual([{ state: 'done', n: leads.length }]);
    expect(crm.contacts.duplicates()).toEqual([]);
    expect(crm.contacts.rows).toHaveLength(leads.length);
    for (const lead of leads) {
      expect(lead.personId, lead.id).not.toBeNull();
      const stored = crm.contacts.all(lead.personId!);
      expect(stored, lead.id).toHaveLength(1);
      expect(stored[0]!.fields.leadbooth_rating ?? null).toBe(lead.rating);
    }
    const resent = crm.contacts.rows.filter((r) => r.writes > 1).length;
    console.log(
      `crash/upload seed=${SEED}: ${kills} kills (${early} early, ${midRequest} mid-request) over ${runs} runs, ` +
        `${leads.length} leads, ${crm.writes().length} requests, ${resent} contacts written more than once (resends/updates)` +
        (log.length ? `\n  ${log.join('\n  ')}` : ''),
    );
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 170_000);
});
