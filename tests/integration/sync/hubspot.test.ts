import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { harness, person, type Harness } from './harness';

let crm: FakeHubspot;
let h: Harness;

async function setup(options: Parameters<typeof startFakeHubspot>[0] = {}) {
  crm = await startFakeHubspot(options);
  h = await harness({
    env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token },
    sync: { policy: { maxInlineWaitMs: 2_000 } },
  });
  // Tests wait one second for a timeout, not thirty.
  await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000 } });
}

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

const states = (rows: { state: string }[]) => rows.map((r) => r.state);

describe('HubSpot delivery', () => {
  it('delivers every lead of the day exactly once, with kana and the original scan time', async () => {
    await setup();
    const leads = [];
    for (let i = 0; i < 3; i++) leads.push(await h.capture(person(i)));
    await h.call('leads.rate', { id: leads[0]!.id, rating: 'hot' });
    h.advance(6 * 60 * 60 * 1000); // the upload happens in the evening

    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs).toEqual([expect.objectContaining({ connector: 'hubspot', sent: 3, done: 3, retrying: 0, attention: 0, pending: 0 })]);

    expect(crm.contacts.rows).toHaveLength(3);
    for (const lead of leads) {
      const stored = crm.contacts.all(lead.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.fields).toMatchObject({
        leadbooth_id: lead.id,
        email: lead.email,
        firstname: lead.givenName,
        lastname: lead.familyName,
        company: lead.company,
        jobtitle: '部長',
        leadbooth_lastname_kana: lead.familyNameKana,
        leadbooth_firstname_kana: 'タロウ',
        leadbooth_event: '展示会 2025',
        leadbooth_captured_at: lead.capturedAt,
      });
    }
    expect(crm.contacts.find(leads[0]!.id)!.fields.leadbooth_rating).toBe('hot');
    expect(states(h.outbox('hubspot'))).toEqual(['done', 'done', 'done']);
    const history = await h.call('sync.history', { connector: 'hubspot' });
    expect(history).toEqual([expect.objectContaining({ sent: 3, done: 3, retrying: 0, attention: 0, error: null })]);
  });

  it('a repeated upload after a dropped response creates nothing new', async () => {
    await setup();
    const leads = [];
    for (let i = 0; i < 4; i++) leads.push(await h.capture(person(i)));
    crm.faults.push({ kind: 'drop_after_commit' });

    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ done: 0, retrying: 4, pending: 4 });
    expect(crm.contacts.rows).toHaveLength(4); // HubSpot committed them; we never heard
    expect(states(h.outbox('hubspot'))).toEqual(['pending', 'pending', 'pending', 'pending']);

    h.advance(60_000);
    const second = await h.call('sync.uploadNow', {});
    expect(second.runs[0]).toMatchObject({ done: 4, pending: 0 });
    expect(crm.contacts.rows).toHaveLength(4);
    expect(crm.contacts.duplicates()).toEqual([]);
    for (const lead of leads) expect(crm.contacts.find(lead.id)!.writes).toBe(2);
    expect(states(h.outbox('hubspot'))).toEqual(['done', 'done', 'done', 'done']);
  });
});
