import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/crm/salesforce';
import { harness, person, type Harness, contactKey } from './harness';

let crm: FakeSalesforce;
let h: Harness;

async function setup() {
  crm = await startFakeSalesforce();
  h = await harness({
    env: {
      LEADBOOTH_SALESFORCE_URL: crm.url,
      LEADBOOTH_SALESFORCE_TOKEN: crm.accessToken,
      LEADBOOTH_SALESFORCE_REFRESH_TOKEN: crm.refreshToken,
      LEADBOOTH_SALESFORCE_CLIENT_ID: crm.clientId,
      LEADBOOTH_SALESFORCE_CLIENT_SECRET: crm.clientSecret,
    },
  });
  await h.call('connectors.configure', { name: 'salesforce', enabled: true, settings: { timeoutMs: 1000 } });
}

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

describe('Salesforce delivery', () => {
  it('sends the answers as one readable text and the notes', async () => {
    await setup();
    const lead = await h.capture(person(1));
    await h.call('leads.update', { id: lead.id, answers: { role: 'decision_maker', timeline: 'within_3m' }, notes: '来月デモ希望', rating: 'hot' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 0 });
    expect(crm.leads.find(contactKey(lead))!.fields).toMatchObject({ LeadBooth_Answers__c: '導入時期: 3か月以内\n決裁への関与: 決裁者', 'LeadBooth_Rating__c': 'hot', Description: '来月デモ希望' });
  });

  it('upserts every lead once by LeadBooth_Id__c, allOrNone false, with kana and the scan time', async () => {
    await setup();
    const leads = [await h.capture(person(1)), await h.capture(person(2))];
    const { runs } = await h.call('sync.uploadNow', { connector: 'salesforce' });
    expect(runs).toEqual([expect.objectContaining({ connector: 'salesforce', done: 2, pending: 0 })]);

    const [write] = crm.writes();
    expect(write!.method).toBe('PATCH');
    expect(write!.path).toBe('/services/data/v62.0/composite/sobjects/Lead/LeadBooth_Id__c');
    expect(JSON.parse(write!.body).allOrNone).toBe(false);
    for (const lead of leads) {
      expect(crm.leads.all(contactKey(lead))).toHaveLength(1);
      expect(crm.leads.find(contactKey(lead))!.fields).toMatchObject({
        LeadBooth_Id__c: contactKey(lead),
        LastName: lead.familyName,
        FirstName: lead.givenName,
        Company: lead.company,
        Email: lead.email,
        Title: '部長',
        LeadBooth_Last_Name_Kana__c: lead.familyNameKana,
        LeadBooth_Captured_At__c: lead.capturedAt,
      });
    }
    expect(h.outbox('salesforce').map((r) => r.state)).toEqual(['done', 'done']);
  });

  it('fills the fields Salesforce requires: LastName from the full name, Company as (unknown)', async () => {
    await setup();
    const fullOnly = await h.capture({ badgeId: 'X1', fullName: 'Jane Q Public', email: 'jane@example.com' });
    const emailOnly = await h.capture({ email: 'anon@example.com' });
    await h.call('sync.uploadNow', {});
    expect(crm.leads.find(contactKey(fullOnly))!.fields).toMatchObject({ LastName: 'Jane Q Public', Company: '(unknown)' });
    expect(crm.leads.find(contactKey(emailOnly))!.fields).toMatchObject({ LastName: '(unknown)', Company: '(unknown)' });
  });

  it('keeps a refused record with Salesforce’s message and delivers the rest of the batch', async () => {
    await setup();
    const good = await h.capture(person(1));
    const bad = await h.capture(person(2, { email: 'suzuki@example' }));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 1, pending: 0 });
    expect(crm.leads.rows.map((r) => r.leadId)).toEqual([contactKey(good)]);
    const [item] = await h.call('sync.attention', { connector: 'salesforce' });
    expect(item).toMatchObject({ connector: 'salesforce', lead: { id: bad.id } });
    expect(item!.message).toBe('INVALID_EMAIL_ADDRESS: Email: invalid email address: suzuki@example [Email]');

    await h.call('leads.update', { id: bad.id, fields: { email: 'suzuki@example.com' } });
    await h.call('sync.uploadNow', {});
    expect(crm.leads.all(contactKey(bad))).toHaveLength(1);
    expect(h.outbox('salesforce').map((r) => r.state)).toEqual(['done', 'done']);
  });

  it('refreshes an expired access token with the refresh token and sends the batch again', async () => {
    await setup();
    const lead = await h.capture(person(1));
    crm.expireToken();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, pending: 0 });
    expect(crm.refreshes).toBe(1);
    expect(crm.leads.all(contactKey(lead))).toHaveLength(1);
    // The new token is used from then on, and never lands in the database.
    const next = await h.capture(person(2));
    await h.call('sync.uploadNow', {});
    expect(crm.refreshes).toBe(1);
    expect(crm.leads.all(contactKey(next))).toHaveLength(1);
    const settings = h.core.deps.sqlite.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string;
    expect(settings).not.toContain(crm.accessToken);
  });

  it('a resend after the connection dropped post-commit updates the same Lead', async () => {
    await setup();
    const lead = await h.capture(person(1));
    crm.faults.push({ kind: 'drop_after_commit' });
    await h.call('sync.uploadNow', {});
    expect(crm.leads.all(contactKey(lead))).toHaveLength(1);
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(crm.leads.all(contactKey(lead))).toHaveLength(1);
    expect(crm.leads.find(contactKey(lead))!.writes).toBe(2);
    expect(crm.leads.duplicates()).toEqual([]);
  });

  it('a 500 is retried later and then delivered once', async () => {
    await setup();
    const lead = await h.capture(person(1));
    crm.faults.push({ kind: 'status', status: 500, body: [{ message: 'An unexpected error occurred.', errorCode: 'UNKNOWN_EXCEPTION' }] });
    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ retrying: 1, pending: 1 });
    expect(h.outbox('salesforce')[0]!.lastError).toContain('UNKNOWN_EXCEPTION');
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(crm.leads.all(contactKey(lead))).toHaveLength(1);
  });
});
