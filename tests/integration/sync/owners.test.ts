import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { startFakeMautic, type FakeMautic } from '../../support/crm/mautic';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/crm/salesforce';
import { harness, person, type Harness, contactKey } from './harness';

let h: Harness;
let hubspot: FakeHubspot | undefined;
let salesforce: FakeSalesforce | undefined;
let mautic: FakeMautic | undefined;

afterEach(async () => {
  await h?.close();
  await hubspot?.close();
  await salesforce?.close();
  await mautic?.close();
  hubspot = salesforce = mautic = undefined;
});

/** Owners kept in Settings, and leads assigned to them by hand. */
async function assigned(owners: Record<number, string>) {
  const emails = [...new Set(Object.values(owners))];
  for (const email of emails) await h.call('owners.save', { email, name: email.split('@')[0]!, team: null, active: true });
  const leads = [];
  for (const [i, owner] of Object.entries(owners)) {
    const lead = await h.capture(person(Number(i)));
    await h.call('triage.bulk', { target: { ids: [lead.id] }, action: { kind: 'owner', owner } });
    await h.call('leads.setStatus', { id: lead.id, to: 'mql' });
    leads.push(lead);
  }
  return leads;
}

describe('owner, status, grade, score and badge id under the default mapping', () => {
  it('HubSpot: the owner’s email resolves to hubspot_owner_id (looked up once a run), else goes as text only', async () => {
    hubspot = await startFakeHubspot({ owners: [{ id: '41629779', email: 'sato@example.co.jp', firstName: '花子', lastName: '佐藤' }] });
    h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: hubspot.url, LEADBOOTH_HUBSPOT_TOKEN: hubspot.token, LEADBOOTH_HUBSPOT_SEND: 'mql' } });
    const [a, b, c] = await assigned({ 1: 'sato@example.co.jp', 2: 'sato@example.co.jp', 3: 'suzuki@example.co.jp' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 3, pending: 0 });

    const stored = (await h.call('leads.detail', { id: a!.id })).lead;
    expect(hubspot.contacts.find(contactKey(a!))!.fields).toMatchObject({
      hubspot_owner_id: '41629779',
      leadbooth_owner: 'sato@example.co.jp',
      leadbooth_status: 'mql',
      leadbooth_grade: stored.grade,
      leadbooth_score: String(stored.score),
      leadbooth_badge_id: 'B-00001',
    });
    expect(hubspot.contacts.find(contactKey(b!))!.fields).toMatchObject({ hubspot_owner_id: '41629779' });
    expect(hubspot.contacts.find(contactKey(c!))!.fields).toMatchObject({ leadbooth_owner: 'suzuki@example.co.jp' });
    expect(hubspot.contacts.find(contactKey(c!))!.fields).not.toHaveProperty('hubspot_owner_id');
    // One lookup per owner in the run, by exact email.
    const lookups = hubspot.requests.filter((r) => r.path.startsWith('/crm/v3/owners/'));
    expect(lookups.map((r) => new URL(r.path, hubspot!.url).searchParams.get('email')).sort()).toEqual(['sato@example.co.jp', 'suzuki@example.co.jp']);

    // Sales reassign the contact in HubSpot; LeadBooth's next change does not take it back.
    hubspot.contacts.find(contactKey(a!))!.fields.hubspot_owner_id = '99999';
    await h.call('leads.setStatus', { id: a!.id, to: 'sal' });
    await h.call('sync.uploadNow', {});
    expect(hubspot.contacts.find(contactKey(a!))!.fields).toMatchObject({ hubspot_owner_id: '99999', leadbooth_status: 'sal' });
  });

  it('Salesforce: the owner resolves by SOQL on User.Email to Lead.OwnerId', async () => {
    salesforce = await startFakeSalesforce({ users: [{ Id: '0055g00000AbCdEAAZ', Email: "o'brien@example.com" }] });
    h = await harness({
      env: { LEADBOOTH_SALESFORCE_URL: salesforce.url, LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken, LEADBOOTH_SALESFORCE_SEND: 'mql' },
    });
    const [a, b] = await assigned({ 1: "o'brien@example.com", 2: 'tanaka@example.co.jp' });
    await h.call('sync.uploadNow', {});
    expect(salesforce.leads.find(contactKey(a!))!.fields).toMatchObject({
      OwnerId: '0055g00000AbCdEAAZ', LeadBooth_Owner__c: "o'brien@example.com", LeadBooth_Status__c: 'mql', LeadBooth_Badge_Id__c: 'B-00001',
    });
    expect(salesforce.leads.find(contactKey(b!))!.fields).not.toHaveProperty('OwnerId');
    const soql = salesforce.requests.filter((r) => r.path.includes('/query?')).map((r) => new URL(r.path, salesforce!.url).searchParams.get('q'));
    expect(soql).toContain("SELECT Id FROM User WHERE Email = 'o\\'brien@example.com' AND IsActive = true LIMIT 1");
  });

  it('Mautic: the owner resolves through the users list to the contact’s owner', async () => {
    mautic = await startFakeMautic({ users: [{ id: 7, email: 'sato@example.co.jp' }] });
    h = await harness({
      env: { LEADBOOTH_MAUTIC_URL: mautic.url, LEADBOOTH_MAUTIC_USER: mautic.user, LEADBOOTH_MAUTIC_PASSWORD: mautic.password, LEADBOOTH_MAUTIC_SEND: 'mql' },
    });
    const [a] = await assigned({ 1: 'sato@example.co.jp' });
    await h.call('sync.uploadNow', {});
    expect(mautic.contacts.find(contactKey(a!))!.fields).toMatchObject({ owner: 7, leadbooth_owner: 'sato@example.co.jp' });
  });
});
