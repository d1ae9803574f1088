import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { harness, person, type Harness, contactKey } from './harness';

let crm: FakeHubspot;
let h: Harness;

/** A HubSpot connector from the browser host's environment, with the policy given (none: the default, mql). */
async function setup(send?: 'ready' | 'mql' | 'all') {
  crm = await startFakeHubspot();
  h = await harness({
    env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token, LEADBOOTH_HUBSPOT_SEND: send },
  });
}

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

const sentIds = () => crm.contacts.rows.map((r) => r.leadId).sort();
const markReady = (id: string) => h.call('triage.bulk', { target: { ids: [id] }, action: { kind: 'ready', ready: true } });

describe('delivery follows its policy', () => {
  it('under the default (mql) nothing unreviewed leaves; MQL and leads marked ready go, and a lead made MQL later goes then', async () => {
    await setup();
    const [a, b, c] = [await h.capture(person(1)), await h.capture(person(2)), await h.capture(person(3))];
    const before = await h.call('sync.uploadNow', {});
    expect(before.runs[0]).toMatchObject({ connector: 'hubspot', sent: 0, pending: 0 });
    expect(crm.writes()).toEqual([]);
    expect(h.outbox('hubspot')).toEqual([]);

    await h.call('leads.setStatus', { id: a.id, to: 'mql' });
    await markReady(b.id);
    const after = await h.call('sync.uploadNow', {});
    expect(after.runs[0]).toMatchObject({ sent: 2, done: 2 });
    expect(sentIds()).toEqual([contactKey(a), contactKey(b)].sort());
    expect(crm.contacts.find(contactKey(a))!.fields).toMatchObject({ leadbooth_status: 'mql' });

    await h.call('leads.setStatus', { id: c.id, to: 'working' });
    await h.call('sync.uploadNow', {});
    expect(crm.contacts.find(contactKey(c))).toBeUndefined();
    await h.call('leads.setStatus', { id: c.id, to: 'mql' });
    await h.call('sync.uploadNow', {});
    expect(sentIds()).toEqual([contactKey(a), contactKey(b), contactKey(c)].sort());
  });

  it('ready sends only what a person marked, not even an MQL', async () => {
    await setup('ready');
    const [a, b] = [await h.capture(person(1)), await h.capture(person(2))];
    await h.call('leads.setStatus', { id: a.id, to: 'mql' });
    await markReady(b.id);
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 1, done: 1, pending: 0 });
    expect(sentIds()).toEqual([contactKey(b)]);
  });

  it('all sends every lead, but none of an excluded event', async () => {
    await setup('all');
    const other = await h.call('events.create', { name: 'セミナー 2025', kind: 'seminar' });
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, send: { policy: 'all', excludeEvents: [other.id] } });
    const kept = [await h.capture(person(1)), await h.capture(person(2))];
    const excluded = await h.call('capture.manual', { eventId: other.id, fields: person(3) });
    await h.call('leads.setStatus', { id: excluded.lead.id, to: 'mql' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, pending: 0 });
    expect(sentIds()).toEqual(kept.map(contactKey).sort());
  });

  it('a queued lead that stops being selected before it leaves is withdrawn; a delivered one still takes its change to the CRM', async () => {
    await setup();
    const [a, b] = [await h.capture(person(1)), await h.capture(person(2))];
    await h.call('leads.setStatus', { id: a.id, to: 'mql' });
    await h.call('leads.setStatus', { id: b.id, to: 'mql' });
    await h.call('sync.uploadNow', {});
    expect(sentIds()).toEqual([contactKey(a), contactKey(b)].sort());

    const c = await h.capture(person(3));
    await h.call('leads.setStatus', { id: c.id, to: 'mql' });
    expect(h.outbox('hubspot').find((r) => r.leadId === c.id)).toMatchObject({ state: 'pending' });
    // Disqualified before the upload: it never leaves.
    await h.call('leads.setStatus', { id: c.id, to: 'disqualified' });
    expect(h.outbox('hubspot').find((r) => r.leadId === c.id)).toBeUndefined();
    // Delivered already: sales must see it was disqualified, and rejected with its reason.
    await h.call('leads.setStatus', { id: a.id, to: 'disqualified' });
    await h.call('leads.setStatus', { id: b.id, to: 'rejected', reason: 'no_budget' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, pending: 0 });
    expect(crm.contacts.find(contactKey(c))).toBeUndefined();
    expect(crm.contacts.find(contactKey(a))!.fields).toMatchObject({ leadbooth_status: 'disqualified' });
    expect(crm.contacts.find(contactKey(b))!.fields).toMatchObject({ leadbooth_status: 'rejected', leadbooth_rejection_reason: 'no_budget' });
  });

  it('shows how many leads would go before the connector is turned on, and sends exactly those', async () => {
    crm = await startFakeHubspot();
    // Settings, not the environment: the person chooses the policy when turning it on.
    h = await harness({ shell: 'electron' });
    const leads = [];
    for (let i = 0; i < 5; i++) leads.push(await h.capture(person(i)));
    await h.call('leads.setStatus', { id: leads[0]!.id, to: 'mql' });
    await h.call('leads.setStatus', { id: leads[1]!.id, to: 'mql' });
    await h.call('leads.setStatus', { id: leads[1]!.id, to: 'sal' });
    await markReady(leads[2]!.id);

    expect(await h.call('sync.preview', { connector: 'hubspot' })).toEqual({
      connector: 'hubspot', policy: 'mql', excludeEvents: [], wouldSend: 3, byStatus: { mql: 1, sal: 1, new: 1 }, markedReady: 1,
    });
    expect(await h.call('sync.preview', { connector: 'hubspot', policy: 'all' })).toMatchObject({ wouldSend: 5, byStatus: { new: 3, mql: 1, sal: 1 } });
    expect(await h.call('sync.preview', { connector: 'hubspot', policy: 'ready' })).toMatchObject({ wouldSend: 1 });
    expect(await h.call('sync.preview', { connector: 'hubspot', excludeEvents: [h.eventId] })).toMatchObject({ wouldSend: 0 });

    const info = await h.call('connectors.configure', {
      name: 'hubspot', enabled: true, settings: { url: crm.url, timeoutMs: 1000 }, secrets: { token: crm.token },
      send: { policy: 'mql', excludeEvents: [] },
    });
    expect(info.send).toEqual({ policy: 'mql', excludeEvents: [] });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 3, done: 3, pending: 0 });
    expect(await h.call('sync.preview', { connector: 'hubspot' })).toMatchObject({ wouldSend: 0 });
  });

  it('at start-up sends nothing that was not chosen, even from a queue an older version filled with every lead', async () => {
    crm = await startFakeHubspot();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-policy-'));
    const dbFile = path.join(dir, 'leadbooth.db');
    try {
      const before = createApp({ dbFile, shell: 'browser', sync: { env: {}, autoUpload: false } });
      const event = (await dispatch(before.handlers, 'events.create', { name: 'Expo' })) as { ok: true; data: { id: string } };
      const ids: string[] = [];
      const keys: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = (await dispatch(before.handlers, 'capture.manual', { eventId: event.data.id, fields: person(i) })) as { ok: true; data: { lead: { id: string; personId: string | null } } };
        ids.push(r.data.lead.id);
      }
      for (const id of ids) {
        // Read back: a lead's person is decided after its capture commits (core/late-links.ts).
        const r = (await dispatch(before.handlers, 'leads.get', { id })) as { ok: true; data: { lead: { id: string; personId: string | null } } };
        keys.push(contactKey(r.data.lead));
      }
      await dispatch(before.handlers, 'leads.setStatus', { id: ids[0]!, to: 'mql' });
      // What the previous version left: every lead queued for HubSpot.
      before.deps.sqlite.prepare(
        "INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at) SELECT id, 'hubspot', 'pending', 0, 0, 0 FROM leads",
      ).run();
      await before.sync.stop();
      before.close();

      const after = createApp({ dbFile, shell: 'browser', sync: { env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token }, autoUpload: false } });
      const pending = after.deps.sqlite.prepare("SELECT lead_id FROM outbox WHERE connector = 'hubspot'").pluck().all();
      expect(pending).toEqual([ids[0]]);
      await dispatch(after.handlers, 'sync.uploadNow', {});
      expect(crm.contacts.rows.map((r) => r.leadId)).toEqual([keys[0]]);
      await after.sync.stop();
      after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
