import { afterEach, describe, expect, it } from 'vitest';
import type { TopicName } from '../../../../shared/api';
import type { DeliveryLead } from '../../../../shared/delivery/fields';
import type { Verdict } from '../../../../shared/delivery/results';
import { resolveConfig, type Connector } from '../../../../electron/sync/connectors';
import { createEngine, type ActiveConnector } from '../../../../electron/sync/engine';
import { leadReader } from '../../../../electron/sync/lead-reader';
import { outboxStore } from '../../../../electron/sync/outbox';
import { envSecretStore } from '../../../../electron/sync/secrets';
import { testDb } from './db';
import { fakeTimer } from './fake-timer';

type Script = (leads: readonly DeliveryLead[]) => Verdict;
const done: Script = (leads) => ({ kind: 'records', results: leads.map((l) => ({ leadId: l.id, outcome: 'done', remoteId: `r-${l.id}` })) });
const down: Script = () => ({ kind: 'retry', cause: 'network', message: 'Network error: ECONNRESET', retryAfterMs: null });

let db: ReturnType<typeof testDb>;
afterEach(() => db?.dispose());

function setup(ids: string[], options: { batchSize?: number; probe?: () => boolean; readyIn?: () => number; beforeRun?: () => void } = {}) {
  db = testDb(ids);
  const timer = fakeTimer(1_000_000);
  const clock = () => 1_700_000_000_000 + timer.now();
  const outbox = outboxStore(db.sqlite);
  const calls: string[][] = [];
  const scripts: Script[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: Connector = {
    name: 'webhook',
    batchSize: options.batchSize ?? 100,
    readyIn: options.readyIn ?? (() => 0),
    async upsert(leads) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      calls.push(leads.map((l) => l.id));
      return (scripts.shift() ?? done)(leads);
    },
    readBatchSize: 0,
    probe: async () => ({ answered: options.probe?.() ?? true, credentialsRejected: null }),
  };
  const active: ActiveConnector = {
    config: resolveConfig('webhook', { enabled: true, settings: { url: 'https://hooks.example.com/x' }, mapping: {} }, null),
    problem: null,
    client,
  };
  const events: { topic: TopicName; data: unknown }[] = [];
  let n = 0;
  const engine = createEngine({
    outbox,
    leads: leadReader(db.sqlite),
    registry: { get: () => active, all: () => [active] },
    secrets: envSecretStore({}),
    clock,
    newId: () => `id-${++n}`,
    emit: (topic, data) => void events.push({ topic, data }),
    timer,
    random: () => 0.5,
    applyVerdict: () => 'refused',
    // The leads here are stored whole by the test, with nothing left to link.
    beforeRun: options.beforeRun ?? (() => {}),
    policy: { backoff: { baseMs: 1000, capMs: 60_000 } },
  });
  for (const id of ids) outbox.touch(id, ['webhook'], clock());
  const states = () => Object.fromEntries((db.sqlite.prepare('SELECT lead_id, state FROM outbox').raw().all() as [string, string][]));
  return { engine, outbox, calls, scripts, events, timer, clock, states, maxInFlight: () => maxInFlight };
}

describe('the upload engine', () => {
  it('sends due rows in batches of the connector’s size and reports progress against the total', async () => {
    const t = setup(['a', 'b', 'c', 'd', 'e'], { batchSize: 2 });
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ connector: 'webhook', sent: 5, done: 5, pending: 0, stopped: null });
    expect(t.calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const progress = t.events.filter((e) => e.topic === 'sync.progress').map((e) => e.data as { total: number; done: number });
    expect(progress.map((p) => [p.done, p.total])).toEqual([[2, 5], [4, 5], [5, 5]]);
    expect(t.events.filter((e) => e.topic === 'sync.state').length).toBeGreaterThanOrEqual(2); // running, then idle
  });

  it('splits a request refused as a whole until the bad record stands alone', async () => {
    const t = setup(['a', 'b', 'c', 'bad', 'e', 'f']);
    const refuseBad: Script = (leads) => (leads.some((l) => l.id === 'bad') ? { kind: 'rejected', message: 'HTTP 400: invalid email' } : done(leads));
    t.scripts.push(refuseBad, refuseBad, refuseBad, refuseBad, refuseBad, refuseBad);
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ sent: 6, done: 5, attention: 1 });
    expect(t.calls).toEqual([['a', 'b', 'c', 'bad', 'e', 'f'], ['a', 'b', 'c'], ['bad', 'e', 'f'], ['bad', 'e'], ['bad'], ['e'], ['f']]);
    expect(t.states()).toMatchObject({ bad: 'attention', a: 'done', f: 'done' });
  });

  it('goes offline after two bad calls of five, then probes before it sends again', async () => {
    let reachable = false;
    const t = setup(['a'], { probe: () => reachable });
    t.scripts.push(down, down);
    await t.engine.uploadNow();
    expect(t.engine.status('webhook').reachability).toBe('online');
    t.timer.advance(60_000);
    const [second] = await t.engine.uploadNow();
    expect(second).toMatchObject({ stopped: 'offline', pending: 1 });
    expect(t.engine.status('webhook')).toMatchObject({ reachability: 'offline', lastError: 'Network error: ECONNRESET' });

    t.timer.advance(60_000);
    const [third] = await t.engine.uploadNow();
    expect(third).toMatchObject({ stopped: 'offline', sent: 0 }); // the probe failed: nothing was claimed
    expect(t.calls).toHaveLength(2);

    reachable = true;
    const [fourth] = await t.engine.uploadNow();
    expect(fourth).toMatchObject({ done: 1, pending: 0, stopped: null });
    expect(t.engine.status('webhook').reachability).toBe('online');
  });

  it('counts answers slower than the threshold as failures', async () => {
    const t = setup(['a', 'b'], { batchSize: 1 });
    const slow: Script = (leads) => {
      t.timer.advance(12_000);
      return done(leads);
    };
    t.scripts.push(slow, slow);
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ done: 2, stopped: 'offline' });
    expect(t.engine.status('webhook').reachability).toBe('offline');
  });

  it('a setup failure stops the run with the error and leaves every lead pending', async () => {
    const t = setup(['a', 'b'], { batchSize: 1 });
    t.scripts.push(() => ({ kind: 'setup', message: 'HTTP 401: bad signature' }));
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ stopped: 'setup', error: 'HTTP 401: bad signature', sent: 1, retrying: 1, pending: 2 });
    expect(t.calls).toHaveLength(1);
    expect(t.states()).toEqual({ a: 'pending', b: 'pending' });
  });

  it('drain waits out a short backoff and delivers; a long one it leaves queued', async () => {
    const t = setup(['a']);
    t.scripts.push(() => ({ kind: 'retry', cause: 'server', message: 'HTTP 503', retryAfterMs: 5_000 }));
    const [run] = await t.engine.drain({ maxWaitMs: 10_000 });
    expect(run).toMatchObject({ sent: 2, retrying: 1, done: 1, pending: 0, stopped: null });

    t.outbox.touch('a', ['webhook'], t.clock());
    t.scripts.push(() => ({ kind: 'retry', cause: 'rate_limit', message: 'HTTP 429', retryAfterMs: 3_600_000 }));
    const [later] = await t.engine.drain({ maxWaitMs: 10_000 });
    expect(later).toMatchObject({ retrying: 1, pending: 1 });
  });

  it('ends a run as rate-limited when the limiter asks for longer than it may wait', async () => {
    const t = setup(['a'], { readyIn: () => 120_000 });
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ stopped: 'rate_limited', sent: 0, pending: 1 });
  });

  it('a run whose linking fails sends nothing and leaves the connector free for the next run', async () => {
    let busy = true;
    const t = setup(['a', 'b'], {
      beforeRun: () => {
        if (busy) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      },
    });
    await expect(t.engine.uploadNow()).rejects.toThrow('database is locked');
    expect(t.calls).toEqual([]);
    expect(t.states()).toEqual({ a: 'pending', b: 'pending' });
    // Not "running": auto-upload passes over a running connector, so it would never send again.
    expect(t.engine.status('webhook').running).toBe(false);
    busy = false;
    const [run] = await t.engine.uploadNow();
    expect(run).toMatchObject({ sent: 2, done: 2, pending: 0, stopped: null });
  });

  it('runs one upload at a time per connector', async () => {
    const t = setup(['a', 'b', 'c', 'd'], { batchSize: 1 });
    const runs = await Promise.all([t.engine.uploadNow(), t.engine.uploadNow(), t.engine.uploadNow()]);
    expect(t.maxInFlight()).toBe(1);
    expect(runs.flat().reduce((n, r) => n + r.done, 0)).toBe(4);
    expect(t.calls.flat().sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
