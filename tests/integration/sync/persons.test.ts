import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api';
import { createApp } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { startFakeMautic, type FakeMautic } from '../../support/crm/mautic';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/crm/salesforce';
import { startFakeWebhook, type FakeWebhook } from '../../support/crm/webhook';
import { contactKey, harness, person, SEND_EVERYTHING, type Harness } from './harness';

/**
 * 名寄せ reaches the CRMs: one contact per person, never a second one and never a conflict;
 * a lead merged away after it was delivered is merged in the CRM too, exactly once.
 */

type Lead = Output<'capture.manual'>['lead'];

let h: Harness;
let hubspot: FakeHubspot | undefined;
let salesforce: FakeSalesforce | undefined;
let mautic: FakeMautic | undefined;
let webhook: FakeWebhook | undefined;

afterEach(async () => {
  await h?.close();
  for (const crm of [hubspot, salesforce, mautic, webhook]) await crm?.close();
  hubspot = salesforce = mautic = webhook = undefined;
});

const hubspotEnv = (crm: FakeHubspot) => ({ LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token });

/** The same visitor met at a second show, a year on, with a new title: linked to one person by the email. */
async function twoShows(): Promise<[Lead, Lead]> {
  const first = await h.capture(person(1));
  const next = await h.call('events.create', { name: '展示会 2026', kind: 'tradeshow' });
  h.advance(365 * 24 * 3_600_000);
  const again = await h.call('capture.manual', { eventId: next.id, fields: person(1, { badgeId: 'B-90001', title: '本部長' }) });
  // Both as they are now: the second's person is decided after its capture commits (core/late-links.ts).
  const read = async (id: string) => (await h.call('leads.get', { id })).lead;
  return [await read(first.id), await read(again.lead.id)];
}

const records = (leadIds: readonly string[], connector: string) =>
  h.core.deps.sqlite
    .prepare(`SELECT lead_id AS leadId, remote_id AS remoteId, contact_key AS contactKey FROM crm_records
              WHERE connector = ? AND lead_id IN (SELECT value FROM json_each(?)) ORDER BY lead_id`)
    .all(connector, JSON.stringify(leadIds)) as { leadId: string; remoteId: string | null; contactKey: string | null }[];

describe('one contact per person', () => {
  it('the linker puts a returning visitor’s two leads under one person (public flow)', async () => {
    h = await harness();
    const [first, again] = await twoShows();
    expect(first.personId).not.toBeNull();
    expect(again.personId).toBe(first.personId);
  });

  it('HubSpot: the same person at two events is one contact with the latest event’s values, no error', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: hubspotEnv(hubspot) });
    const [first, again] = await twoShows();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0, retrying: 0 });
    expect(hubspot.contacts.rows).toHaveLength(1);
    const contact = hubspot.contacts.rows[0]!;
    expect(contact.fields).toMatchObject({ leadbooth_id: contactKey(again), jobtitle: '本部長', leadbooth_event: '展示会 2026', email: 'lead1@example.co.jp' });
    expect(hubspot.requests.filter((r) => r.status === 409)).toEqual([]);
    // Each show is recorded on the one contact: a list per event, the contact a member of both.
    expect(hubspot.listsOf(contact.remoteId)).toEqual(['LeadBooth: 展示会 2025', 'LeadBooth: 展示会 2026']);
    expect(hubspot.lists.size).toBe(2);
    // Each lead keeps its own bookkeeping, both pointing at the one contact.
    expect(records([first.id, again.id], 'hubspot').map((r) => r.remoteId)).toEqual([contact.remoteId, contact.remoteId]);
  });

  it('HubSpot: a lead of the first show changed later still goes to the same contact, with the latest show’s values', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: hubspotEnv(hubspot) });
    const [first] = await twoShows();
    await h.call('sync.uploadNow', {});
    await h.call('leads.update', { id: first.id, notes: '昨年の展示会で名刺交換' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 1, done: 1, attention: 0 });
    expect(hubspot.contacts.rows).toHaveLength(1);
    expect(hubspot.contacts.rows[0]!.fields).toMatchObject({ jobtitle: '本部長', leadbooth_event: '展示会 2026' });
  });

  it('HubSpot: a contact that already holds the email (409 "Existing ID") is adopted, never a conflict to fix', async () => {
    hubspot = await startFakeHubspot();
    const existing = hubspot.addContact({ email: 'lead1@example.co.jp', firstname: 'Taro', hs_lead_status: 'OPEN' });
    h = await harness({ env: hubspotEnv(hubspot) });
    const lead = await h.capture(person(1));
    const other = await h.capture(person(2));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0 });
    // HubSpot said 409 once, for the batch; split, the lone input adopted the contact by its id.
    expect(hubspot.requests.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    expect(hubspot.writesOf('update')).toHaveLength(1);
    expect(hubspot.contacts.rows).toHaveLength(2);
    expect(hubspot.contacts.byRemote(existing)!.fields).toMatchObject({ leadbooth_id: contactKey(lead), firstname: '太郎1', hs_lead_status: 'OPEN' });
    expect(records([lead.id], 'hubspot')).toEqual([{ leadId: lead.id, remoteId: existing, contactKey: contactKey(lead) }]);
    expect(hubspot.contacts.find(contactKey(other))).toBeDefined();
    expect(h.outbox('hubspot').map((r) => r.state)).toEqual(['done', 'done']);

    // The next change finds the contact by its key: no conflict again.
    const conflicts = hubspot.requests.filter((r) => r.status === 409).length;
    await h.call('leads.update', { id: lead.id, notes: 'デモ希望' });
    await h.call('sync.uploadNow', {});
    expect(hubspot.requests.filter((r) => r.status === 409)).toHaveLength(conflicts);
    expect(hubspot.contacts.byRemote(existing)!.fields).toMatchObject({ leadbooth_notes: 'デモ希望' });
  });

  it('Salesforce: the same person at two events is one Lead, no error', async () => {
    salesforce = await startFakeSalesforce();
    h = await harness({ env: { LEADBOOTH_SALESFORCE_URL: salesforce.url, LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken } });
    const [first, again] = await twoShows();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0, retrying: 0 });
    expect(salesforce.leads.rows).toHaveLength(1);
    expect(salesforce.leads.rows[0]!.fields).toMatchObject({ LeadBooth_Id__c: contactKey(again), Title: '本部長', Email: 'lead1@example.co.jp' });
    // Each show is a Campaign (upserted by its event id), the one Lead a member of both.
    expect(salesforce.campaignsOf(salesforce.leads.rows[0]!.remoteId)).toEqual(['LeadBooth: 展示会 2025', 'LeadBooth: 展示会 2026']);
    expect(salesforce.campaigns.size).toBe(2);
    expect(records([first.id, again.id], 'salesforce').map((r) => r.remoteId)).toEqual([salesforce.leads.rows[0]!.remoteId, salesforce.leads.rows[0]!.remoteId]);
  });

  it('Salesforce: a Lead the duplicate rule matches by email is adopted by its Id, never a second Lead', async () => {
    salesforce = await startFakeSalesforce();
    const existing = salesforce.addLead({ Email: 'lead1@example.co.jp', LastName: 'Yamada', Company: 'Test 1', Status: 'Working - Contacted' });
    h = await harness({ env: { LEADBOOTH_SALESFORCE_URL: salesforce.url, LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken } });
    const lead = await h.capture(person(1));
    await h.capture(person(2));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0 });
    expect(salesforce.writesOf('update')).toHaveLength(1);
    expect(salesforce.leads.rows).toHaveLength(2);
    expect(salesforce.leads.byRemote(existing)!.fields).toMatchObject({ LeadBooth_Id__c: contactKey(lead), LastName: '佐藤', Status: 'Working - Contacted' });
    expect(records([lead.id], 'salesforce')).toEqual([{ leadId: lead.id, remoteId: existing, contactKey: contactKey(lead) }]);
  });

  it('Mautic: the same person at two events is one contact, no error, each event a tag on it', async () => {
    mautic = await startFakeMautic();
    h = await harness({ env: { LEADBOOTH_MAUTIC_URL: mautic.url, LEADBOOTH_MAUTIC_USER: mautic.user, LEADBOOTH_MAUTIC_PASSWORD: mautic.password } });
    const [, again] = await twoShows();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0, retrying: 0 });
    expect(mautic.contacts.rows).toHaveLength(1);
    expect(mautic.contacts.rows[0]!.fields).toMatchObject({
      leadbooth_id: contactKey(again), position: '本部長', email: 'lead1@example.co.jp', tags: ['LeadBooth: 展示会 2025', 'LeadBooth: 展示会 2026'],
    });
  });

  it('webhook: the same person at two events is one record carrying both events', async () => {
    webhook = await startFakeWebhook();
    h = await harness({ env: { LEADBOOTH_WEBHOOK_URL: `${webhook.url}/hook`, LEADBOOTH_WEBHOOK_SECRET: webhook.secret } });
    const [first, again] = await twoShows();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, attention: 0 });
    expect(webhook.leads.rows).toHaveLength(1);
    expect(webhook.leads.rows[0]!.fields).toMatchObject({
      id: contactKey(again),
      leadId: again.id,
      personId: again.personId,
      title: '本部長',
      events: [
        { leadId: first.id, eventId: h.eventId, eventName: '展示会 2025', capturedAt: first.capturedAt, status: 'new' },
        { leadId: again.id, eventId: again.eventId, eventName: '展示会 2026', capturedAt: again.capturedAt, status: 'new' },
      ],
    });
  });
});

/**
 * The same visitor typed twice at one event, with two emails and two phones (no rule merges
 * them by itself), each delivered before a person merges them.
 */
async function deliveredTwice(): Promise<[Lead, Lead]> {
  const card = await h.capture(person(1));
  const typed = await h.capture(person(1, { badgeId: 'B-80001', email: 'taro.yamada@example.co.jp', phone: '090-1111-2222' }));
  const { runs } = await h.call('sync.uploadNow', {});
  expect(runs[0]).toMatchObject({ done: 2, attention: 0 });
  return [card, typed];
}

describe('a lead merged away after it was delivered is merged in the CRM', () => {
  it('HubSpot: the two contacts become one through HubSpot’s merge call; never a second contact', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: hubspotEnv(hubspot) });
    const [card, typed] = await deliveredTwice();
    expect(hubspot.contacts.rows).toHaveLength(2);
    const [cardContact, typedContact] = [records([card.id], 'hubspot')[0]!.remoteId!, records([typed.id], 'hubspot')[0]!.remoteId!];

    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ attention: 0, retrying: 0, pending: 0 });
    expect(hubspot.writesOf('merge').map((r) => JSON.parse(r.body))).toEqual([{ primaryObjectId: typedContact, objectIdToMerge: cardContact }]);
    expect(hubspot.contacts.rows).toHaveLength(1);
    const left = hubspot.contacts.rows[0]!;
    expect(left.fields.hs_merged_object_ids).toBe(`${typedContact};${cardContact}`);
    expect(hubspot.listsOf(left.remoteId)).toEqual(['LeadBooth: 展示会 2025']);
    // Both leads' records follow the contact left, and the merged lead's row is settled.
    expect(records([card.id, typed.id], 'hubspot').map((r) => r.remoteId)).toEqual([left.remoteId, left.remoteId]);
    expect(h.outbox('hubspot').map((r) => r.state)).toEqual(['done', 'done']);

    // Later sends of the survivor update the contact left; nothing merges again.
    await h.call('leads.update', { id: typed.id, notes: '統合後のメモ' });
    await h.call('sync.uploadNow', {});
    expect(hubspot.contacts.rows).toHaveLength(1);
    expect(hubspot.contacts.rows[0]!.fields.leadbooth_notes).toBe('統合後のメモ');
    expect(hubspot.writesOf('merge')).toHaveLength(1);
  });

  it('HubSpot: a merge committed by HubSpot whose answer was lost, then a restart, is made once', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: hubspotEnv(hubspot) });
    const [card, typed] = await deliveredTwice();
    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });

    // HubSpot merges, and the connection drops before the answer: LeadBooth cannot tell.
    hubspot.faultsAt.merge = [{ kind: 'drop_after_commit' }];
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ retrying: 1 });
    expect(hubspot.merges).toHaveLength(1);
    expect(h.outbox('hubspot').find((r) => r.leadId === card.id)).toMatchObject({ state: 'pending', lastError: expect.stringContaining('Network error') });

    // The process stops here; the next one finds the row where it was left and retries it.
    await h.core.sync.stop();
    const env = { ...SEND_EVERYTHING, ...hubspotEnv(hubspot) };
    const again = createApp({ dbFile: h.dbFile, shell: 'browser', clock: () => h.now() + 60_000, sync: { env, autoUpload: false } });
    try {
      const result = await dispatch(again.handlers, 'sync.uploadNow', {});
      expect(result).toMatchObject({ ok: true, data: { runs: [expect.objectContaining({ done: 1, attention: 0, pending: 0 })] } });
      // It read the survivor first, found the merge done, and did not merge again.
      expect(hubspot.writesOf('merge')).toHaveLength(1);
      expect(hubspot.merges).toHaveLength(1);
      expect(hubspot.contacts.rows).toHaveLength(1);
      const row = again.deps.sqlite.prepare("SELECT state FROM outbox WHERE lead_id = ? AND connector = 'hubspot'").pluck().get(card.id);
      expect(row).toBe('done');
    } finally {
      await again.sync.stop();
      again.close();
    }
  });

  it('HubSpot: a lead merged before it was ever delivered merges nothing', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: hubspotEnv(hubspot) });
    const card = await h.capture(person(1));
    const typed = await h.capture(person(1, { badgeId: 'B-80001', email: 'taro.yamada@example.co.jp', phone: '090-1111-2222' }));
    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 0 });
    expect(hubspot.contacts.rows).toHaveLength(1);
    expect(hubspot.writesOf('merge')).toEqual([]);
    expect(h.outbox('hubspot').map((r) => r.leadId)).toEqual([typed.id]);
  });

  it('Salesforce: merged by the SOAP API’s merge() (REST has none), once, even when its answer was lost', async () => {
    salesforce = await startFakeSalesforce();
    h = await harness({ env: { LEADBOOTH_SALESFORCE_URL: salesforce.url, LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken } });
    const [card, typed] = await deliveredTwice();
    const [cardLead, typedLead] = [records([card.id], 'salesforce')[0]!.remoteId!, records([typed.id], 'salesforce')[0]!.remoteId!];
    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });
    salesforce.faultsAt.merge = [{ kind: 'drop_after_commit' }];
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ retrying: 1 });
    h.advance(60_000);
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ done: 1, attention: 0, pending: 0 });
    // The second run asked queryAll first, found the victim merged into the master, and stopped there.
    expect(salesforce.writesOf('merge')).toHaveLength(1);
    expect(salesforce.merges).toEqual([{ master: typedLead, victim: cardLead }]);
    expect(salesforce.leads.rows.map((r) => r.remoteId)).toEqual([typedLead]);
    expect(salesforce.campaignsOf(typedLead)).toEqual(['LeadBooth: 展示会 2025']);
    expect(records([card.id, typed.id], 'salesforce').map((r) => r.remoteId)).toEqual([typedLead, typedLead]);
  });

  it('Mautic: no merge call in its REST API, so the merged contact is deleted — once — and the survivor’s stays', async () => {
    mautic = await startFakeMautic();
    h = await harness({ env: { LEADBOOTH_MAUTIC_URL: mautic.url, LEADBOOTH_MAUTIC_USER: mautic.user, LEADBOOTH_MAUTIC_PASSWORD: mautic.password } });
    const [card, typed] = await deliveredTwice();
    const [cardContact, typedContact] = [records([card.id], 'mautic')[0]!.remoteId!, records([typed.id], 'mautic')[0]!.remoteId!];
    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });
    mautic.faultsAt.merge = [{ kind: 'drop_after_commit' }];
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ retrying: 1 });
    h.advance(60_000);
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ done: 1, attention: 0, pending: 0 });
    expect(mautic.writesOf('merge')).toHaveLength(1);
    expect(mautic.deleted.map(Number)).toEqual([Number(cardContact)]);
    expect(mautic.contacts.rows.map((r) => String(Number(r.remoteId)))).toEqual([typedContact]);
    expect(records([card.id, typed.id], 'mautic').map((r) => r.remoteId)).toEqual([typedContact, typedContact]);
  });

  it('webhook: the receiver gets a merge event, once, under the keys it stores the records by', async () => {
    webhook = await startFakeWebhook();
    h = await harness({ env: { LEADBOOTH_WEBHOOK_URL: `${webhook.url}/hook`, LEADBOOTH_WEBHOOK_SECRET: webhook.secret } });
    const [card, typed] = await deliveredTwice();
    await h.call('leads.merge', { survivorId: typed.id, otherId: card.id });
    webhook.faults.push({ kind: 'drop_after_commit' });
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ retrying: 1 });
    h.advance(60_000);
    expect((await h.call('sync.uploadNow', {})).runs[0]).toMatchObject({ done: 1, pending: 0 });
    expect(webhook.merges).toEqual([{ merged: contactKey(card), into: contactKey(typed) }]);
    // The resend after the lost answer carried the same Idempotency-Key: answered from memory.
    expect(webhook.replays).toBe(1);
    expect(webhook.leads.rows.map((r) => r.leadId)).toEqual([contactKey(typed)]);
  });
});
