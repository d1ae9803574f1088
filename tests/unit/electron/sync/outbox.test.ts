import { afterEach, describe, expect, it } from 'vitest';
import { outboxStore, type OutboxStore } from '../../../../electron/sync/outbox';
import type { DeliveryScope } from '../../../../shared/delivery/policy';
import { testDb } from './db';

let db: ReturnType<typeof testDb>;
let outbox: OutboxStore;

function setup(ids = ['a', 'b', 'c']) {
  db = testDb(ids);
  outbox = outboxStore(db.sqlite);
}
afterEach(() => db?.dispose());

const row = (leadId: string, connector = 'hubspot') =>
  db.sqlite
    .prepare('SELECT state, attempts, next_attempt_at AS nextAttemptAt, batch_id AS batchId, last_error AS lastError, remote_id AS remoteId FROM outbox WHERE lead_id = ? AND connector = ?')
    .get(leadId, connector) as { state: string; attempts: number; nextAttemptAt: number; batchId: string | null; lastError: string | null; remoteId: string | null } | undefined;
const summary = (done: number, retrying = 0, attention = 0) => ({ done, retrying, attention, error: null });

describe('outbox', () => {
  it('a change queues one pending row per connector, and a second change queues nothing new', () => {
    setup();
    outbox.touch('a', ['hubspot', 'webhook'], 10);
    outbox.touch('a', ['hubspot', 'webhook'], 20);
    expect(db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(2);
    expect(row('a')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('claims due rows oldest first into one batch, up to the limit, counting the attempt', () => {
    setup(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) outbox.touch(id, ['hubspot'], 10);
    const claim = outbox.claim('hubspot', 'batch-1', 2, 100);
    expect(claim.rows.map((r) => [r.leadId, r.attempts])).toEqual([['a', 1], ['b', 1]]);
    expect(row('a')).toMatchObject({ state: 'in_flight', batchId: 'batch-1' });
    expect(row('c')).toMatchObject({ state: 'pending' });
    expect(outbox.history(null, 10)).toEqual([expect.objectContaining({ id: 'batch-1', sent: 2, finishedAt: null })]);
    expect(outbox.claim('hubspot', 'batch-2', 10, 100).rows.map((r) => r.leadId)).toEqual(['c']);
    expect(outbox.claim('hubspot', 'batch-3', 10, 100).rows).toEqual([]);
  });

  it('does not claim a row before its backoff ends, nor another event’s when asked for one', () => {
    setup(['a']);
    db.addLead('z', 'ev2');
    outbox.touch('a', ['hubspot'], 10);
    outbox.touch('z', ['hubspot'], 10);
    const claim = outbox.claim('hubspot', 'b1', 10, 100, 'ev1');
    expect(claim.rows.map((r) => r.leadId)).toEqual(['a']);
    outbox.complete('hubspot', 'b1', [{ leadId: 'a', state: 'pending', message: '503', nextAttemptAt: 5000 }], summary(0, 1), 200);
    expect(outbox.claim('hubspot', 'b2', 10, 4999, 'ev1').rows).toEqual([]);
    expect(outbox.anyDue('hubspot', 4999, 'ev1')).toBe(false);
    expect(outbox.anyDue('hubspot', 5000, 'ev1')).toBe(true);
    expect(outbox.claim('hubspot', 'b3', 10, 5000, 'ev1').rows.map((r) => r.attempts)).toEqual([2]);
  });

  it('stores each record’s outcome and the batch’s counts in one go', () => {
    setup();
    for (const id of ['a', 'b', 'c']) outbox.touch(id, ['hubspot'], 10);
    outbox.claim('hubspot', 'b1', 10, 100);
    outbox.complete(
      'hubspot',
      'b1',
      [
        { leadId: 'a', state: 'done', remoteId: '901' },
        { leadId: 'b', state: 'pending', message: 'HTTP 503', nextAttemptAt: 2000 },
        { leadId: 'c', state: 'attention', message: 'INVALID_EMAIL' },
      ],
      { done: 1, retrying: 1, attention: 1, error: null },
      300,
    );
    expect(row('a')).toMatchObject({ state: 'done', remoteId: '901', lastError: null });
    expect(row('b')).toMatchObject({ state: 'pending', nextAttemptAt: 2000, lastError: 'HTTP 503' });
    expect(row('c')).toMatchObject({ state: 'attention', lastError: 'INVALID_EMAIL' });
    expect(outbox.history('hubspot', 10)[0]).toMatchObject({ done: 1, retrying: 1, attention: 1, finishedAt: new Date(300).toISOString() });
    expect(outbox.counts().get('hubspot')).toEqual({ pending: 1, inFlight: 0, done: 1, attention: 1 });
  });

  it('a lead changed while in flight leaves the batch: the batch’s answer no longer touches it, and it goes again', () => {
    setup(['a']);
    outbox.touch('a', ['hubspot'], 10);
    outbox.claim('hubspot', 'b1', 10, 100);
    outbox.touch('a', ['hubspot'], 150); // edited while HubSpot holds the old state
    expect(row('a')).toMatchObject({ state: 'pending', batchId: null, attempts: 0 });
    outbox.complete('hubspot', 'b1', [{ leadId: 'a', state: 'done', remoteId: '1' }], summary(1), 200);
    expect(row('a')).toMatchObject({ state: 'pending' });
    expect(outbox.claim('hubspot', 'b2', 10, 300).rows.map((r) => r.leadId)).toEqual(['a']);
  });

  it('a change brings done and attention rows back to pending; a pending row keeps its backoff', () => {
    setup(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) outbox.touch(id, ['hubspot'], 10);
    outbox.claim('hubspot', 'b1', 10, 100);
    outbox.complete('hubspot', 'b1', [
      { leadId: 'a', state: 'done', remoteId: '1' },
      { leadId: 'b', state: 'attention', message: 'bad email' },
      { leadId: 'c', state: 'pending', message: '503', nextAttemptAt: 9000 },
    ], summary(1, 1, 1), 200);
    for (const id of ['a', 'b', 'c']) outbox.touch(id, ['hubspot'], 300);
    expect(row('a')).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: 0 });
    expect(row('b')).toMatchObject({ state: 'pending', attempts: 0, lastError: 'bad email' });
    expect(row('c')).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: 9000 });
  });

  it('after a crash, rows in flight go back to pending and the open batch is marked interrupted', () => {
    setup(['a', 'b']);
    outbox.touch('a', ['hubspot'], 10);
    outbox.touch('b', ['hubspot'], 10);
    outbox.claim('hubspot', 'b1', 10, 100);
    expect(outbox.recover(500)).toBe(2);
    expect(row('a')).toMatchObject({ state: 'pending', batchId: null, attempts: 1 });
    expect(outbox.history(null, 1)[0]).toMatchObject({ id: 'b1', error: expect.stringContaining('Interrupted') });
  });

  it('a connector switched on queues every lead it lacks, and re-queues those changed while it was off', () => {
    setup(['a', 'b']);
    const all: DeliveryScope = { policy: 'all', excludeEvents: [] };
    // The leads were last changed at 1000 (testDb); the connector comes on later.
    expect(outbox.backfill('hubspot', all, 1100)).toBe(2);
    outbox.claim('hubspot', 'b1', 10, 1100);
    outbox.complete('hubspot', 'b1', [{ leadId: 'a', state: 'done', remoteId: '1' }, { leadId: 'b', state: 'done', remoteId: '2' }], summary(2), 1200);
    expect(outbox.backfill('hubspot', all, 1300)).toBe(0);
    db.sqlite.prepare("UPDATE leads SET updated_at = 1400 WHERE id = 'b'").run(); // edited while the connector was off
    db.addLead('c');
    expect(outbox.backfill('hubspot', all, 1500)).toBe(2);
    expect(row('a')).toMatchObject({ state: 'done' });
    expect(row('b')).toMatchObject({ state: 'pending' });
    expect(row('c')).toMatchObject({ state: 'pending' });
  });

  it('a retry re-sends from scratch, whatever the state', () => {
    setup(['a']);
    outbox.touch('a', ['hubspot'], 10);
    outbox.claim('hubspot', 'b1', 10, 100);
    outbox.complete('hubspot', 'b1', [{ leadId: 'a', state: 'pending', message: '503', nextAttemptAt: 99_999 }], summary(0, 1), 200);
    expect(outbox.requeue(['a'], ['hubspot', 'webhook'], 300)).toBe(2);
    expect(row('a')).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: 0 });
    expect(row('a', 'webhook')).toMatchObject({ state: 'pending' });
  });
});
