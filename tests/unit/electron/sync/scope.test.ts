import { afterEach, describe, expect, it } from 'vitest';
import { outboxStore } from '../../../../electron/sync/outbox';
import { queueAction, type DeliveryScope } from '../../../../shared/delivery/policy';
import { LeadStatus } from '../../../../shared/triage/status';
import { testDb } from './db';

let db: ReturnType<typeof testDb>;
afterEach(() => db?.dispose());

interface Case {
  id: string;
  eventId: string;
  status: LeadStatus;
  ready: boolean;
  deleted: boolean;
  delivered: boolean;
}

/** Every status, marked ready or not, deleted or not, delivered or not, in two events. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const status of LeadStatus.options) {
    for (const ready of [false, true]) {
      for (const deleted of [false, true]) {
        for (const delivered of [false, true]) {
          for (const eventId of ['ev1', 'ev2']) {
            out.push({ id: `${status}-${ready ? 'r' : 'n'}-${deleted ? 'd' : 'l'}-${delivered ? 'x' : 'o'}-${eventId}`, eventId, status, ready, deleted, delivered });
          }
        }
      }
    }
  }
  return out;
}

describe('the outbox’s SQL scope and policy.ts agree', () => {
  const scopes: DeliveryScope[] = [
    { policy: 'ready', excludeEvents: [] },
    { policy: 'mql', excludeEvents: [] },
    { policy: 'all', excludeEvents: [] },
    { policy: 'mql', excludeEvents: ['ev2'] },
  ];
  it.each(scopes)('backfill queues exactly what queueAction queues: %j', (scope) => {
    db = testDb();
    const all = cases();
    const setRow = db.sqlite.prepare('UPDATE leads SET status = ?, ready_at = ?, deleted_at = ? WHERE id = ?');
    const deliver = db.sqlite.prepare("INSERT INTO crm_records (lead_id, connector, remote_id, delivered_at) VALUES (?, 'hubspot', 'r', 1)");
    for (const c of all) {
      db.addLead(c.id, c.eventId);
      setRow.run(c.status, c.ready ? 500 : null, c.deleted ? 900 : null, c.id);
      if (c.delivered) deliver.run(c.id);
    }
    const outbox = outboxStore(db.sqlite);
    outbox.backfill('hubspot', scope, 2000);
    const queued = new Set(db.sqlite.prepare("SELECT lead_id FROM outbox WHERE connector = 'hubspot'").pluck().all() as string[]);
    const expected = all.filter(
      (c) => queueAction({ eventId: c.eventId, status: c.status, readyAt: c.ready ? 500 : null, deleted: c.deleted }, scope, () => c.delivered) === 'queue',
    );
    expect([...queued].sort()).toEqual(expected.map((c) => c.id).sort());

    // The preview counts the same leads (none delivered in its current state yet).
    expect(outbox.preview('hubspot', scope).wouldSend).toBe(expected.length);
  });
});
