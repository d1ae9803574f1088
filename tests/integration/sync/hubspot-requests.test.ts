import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { harness, person, type Harness } from './harness';

/**
 * What delivery spends of HubSpot's burst limit (100 requests / 10 s, shared by every call):
 * one batch upsert per 100 contacts, the event's list made once, and one membership call per
 * event per run however many batches the run sent. Counted by path at the stand-in.
 */

let crm: FakeHubspot;
let h: Harness;

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

const EVENT_LIST = 'LeadBooth: 展示会 2025';

async function setup() {
  crm = await startFakeHubspot();
  h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token } });
}

async function capture(from: number, count: number) {
  for (let i = from; i < from + count; i++) await h.capture(person(i));
}

/** Requests by method and path since `from` (a list's id as {id}). */
function byPath(from = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of crm.requests.slice(from)) {
    const key = `${r.method} ${r.path.replace(/^\/crm\/v3\/lists\/[^/]+\/memberships\//u, '/crm/v3/lists/{id}/memberships/')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const members = (name: string) => [...crm.lists.values()].find((l) => l.name === name)?.members.size ?? 0;

describe('HubSpot: requests per upload', () => {
  it('250 new leads of one event: 3 upserts, 1 list create, 1 membership call — nothing per lead or per batch', async () => {
    await setup();
    await capture(0, 250);
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 250, done: 250, attention: 0, retrying: 0 });
    expect(byPath()).toEqual({
      'POST /crm/v3/objects/contacts/batch/upsert': 3,
      'POST /crm/v3/lists': 1,
      'PUT /crm/v3/lists/{id}/memberships/add': 1,
    });
    expect(members(EVENT_LIST)).toBe(250);
    // Every one of them counted against the limit.
    expect(crm.counted).toHaveLength(5);
  });

  it('the next run of the same event remembers its list: its upserts and one membership call', async () => {
    await setup();
    await capture(0, 120);
    await h.call('sync.uploadNow', {});
    const before = crm.requests.length;
    await capture(120, 130);
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 130, done: 130 });
    expect(byPath(before)).toEqual({
      'POST /crm/v3/objects/contacts/batch/upsert': 2,
      'PUT /crm/v3/lists/{id}/memberships/add': 1,
    });
    expect(members(EVENT_LIST)).toBe(250);
    expect(crm.lists.size).toBe(1);
  });

  it('a list made by an earlier run of the app: the refused create, then one read by its exact name', async () => {
    await setup();
    // Another list whose name holds this one's: a search by name would have matched both.
    crm.lists.set('900', { name: EVENT_LIST, members: new Set() });
    crm.lists.set('901', { name: `${EVENT_LIST} (copy)`, members: new Set() });
    await capture(0, 3);
    await h.call('sync.uploadNow', {});
    expect(byPath()).toEqual({
      'POST /crm/v3/objects/contacts/batch/upsert': 1,
      'POST /crm/v3/lists': 1,
      [`GET /crm/v3/lists/object-type-id/0-1/name/${encodeURIComponent(EVENT_LIST)}`]: 1,
      'PUT /crm/v3/lists/{id}/memberships/add': 1,
    });
    expect(crm.lists.get('900')!.members.size).toBe(3);
    expect(crm.lists.get('901')!.members.size).toBe(0);
  });

  it('a membership call answered 503 is made again at the next run, once, and nothing is sent twice', async () => {
    await setup();
    await capture(0, 2);
    await h.call('sync.uploadNow', {});
    await capture(2, 2);
    crm.faultsAt.lists = [{ kind: 'status', status: 503 }];
    const failed = crm.requests.length;
    const { runs } = await h.call('sync.uploadNow', {});
    // The contacts went: the membership is best effort and never holds a delivery back.
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0, retrying: 0 });
    expect(members(EVENT_LIST)).toBe(2);
    const again = crm.requests.length;
    await h.call('sync.uploadNow', {});
    expect(byPath(again)).toEqual({ 'PUT /crm/v3/lists/{id}/memberships/add': 1 });
    expect(members(EVENT_LIST)).toBe(4);
    expect(byPath(failed)['POST /crm/v3/objects/contacts/batch/upsert']).toBe(1);
    expect(crm.contacts.rows).toHaveLength(4);
  });

  it('the stand-in counts every authenticated request against the one limit, whatever its path', async () => {
    crm = await startFakeHubspot({ limit: { requests: 2, windowMs: 60_000 } });
    h = await harness();
    const get = (path: string) => fetch(`${crm.url}${path}`, { headers: { authorization: `Bearer ${crm.token}` } });
    expect((await get('/crm/v3/no-such-path')).status).toBe(404);
    expect((await get('/crm/v3/lists/object-type-id/0-1/name/x')).status).toBe(404);
    expect((await get('/crm/v3/objects/contacts?limit=1')).status).toBe(429);
    expect(crm.counted).toHaveLength(2);
    // Without the token: refused before the limit, not counted.
    expect((await fetch(`${crm.url}/crm/v3/no-such-path`)).status).toBe(401);
    expect(crm.counted).toHaveLength(2);
  });
});
