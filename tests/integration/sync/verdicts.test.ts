import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/crm/salesforce';
import { harness, person, type Harness, contactKey } from './harness';

let h: Harness;
let hubspot: FakeHubspot | undefined;
let salesforce: FakeSalesforce | undefined;

afterEach(async () => {
  await h?.close();
  await hubspot?.close();
  await salesforce?.close();
  hubspot = salesforce = undefined;
});

/** Leads captured and made MQL by a person: what the default policy delivers. */
async function mqls(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const lead = await h.capture(person(i));
    await h.call('leads.setStatus', { id: lead.id, to: 'mql' });
    out.push(lead);
  }
  return out;
}

const lead = async (id: string) => (await h.call('leads.detail', { id })).lead;
const history = async (id: string) => (await h.call('leads.detail', { id })).statusHistory;

describe('sales’ verdict flows back from the CRM', () => {
  it('HubSpot: hs_lead_status feeds SAL and rejections back with their reason, once per change', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: hubspot.url, LEADBOOTH_HUBSPOT_TOKEN: hubspot.token, LEADBOOTH_HUBSPOT_SEND: 'mql' } });
    const [accepted, noBudget, tooEarly, open] = await mqls(4);
    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ done: 4, verdicts: { changed: 0, applied: 0 } });

    // Sales work the leads in HubSpot.
    hubspot.setLeadStatus(contactKey(accepted!), 'IN_PROGRESS');
    hubspot.setLeadStatus(contactKey(noBudget!), 'UNQUALIFIED', '予算なし');
    hubspot.setLeadStatus(contactKey(tooEarly!), 'BAD_TIMING');
    hubspot.setLeadStatus(contactKey(open!), 'OPEN');
    const sync = await h.call('sync.uploadNow', {});
    expect(sync.runs[0]!.verdicts).toEqual({ changed: 4, applied: 3, unchanged: 0, refused: 0 });

    expect(await lead(accepted!.id)).toMatchObject({ status: 'sal', rejectionReason: null });
    expect(await lead(noBudget!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'no_budget' });
    expect(await lead(tooEarly!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'too_early' });
    expect(await lead(open!.id)).toMatchObject({ status: 'mql' });
    expect((await history(accepted!.id)).at(-1)).toMatchObject({ from: 'mql', to: 'sal', source: 'crm:hubspot' });

    // Read through the same connector: one batch read by HubSpot record id.
    const reads = hubspot.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/read');
    expect(reads.length).toBeGreaterThan(0);
    expect(JSON.parse(reads[0]!.body)).toMatchObject({ properties: ['hs_lead_status', 'leadbooth_rejection_reason'], inputs: expect.arrayContaining([{ id: hubspot.contacts.find(contactKey(accepted!))!.remoteId }]) });

    // The detail panel sees the verdict on the delivery; the lead's new status is queued back to the CRM.
    expect(await h.call('sync.leadDelivery', { leadId: noBudget!.id })).toEqual([
      expect.objectContaining({
        connector: 'hubspot', state: 'pending', deliveredAt: expect.any(String), remoteId: hubspot.contacts.find(contactKey(noBudget!))!.remoteId,
        verdict: expect.objectContaining({ value: 'UNQUALIFIED', reason: '予算なし', to: 'rejected', outcome: 'applied' }),
      }),
    ]);

    // The same CRM value is not applied twice: a person who recycles the lead is not overruled.
    await h.call('leads.setStatus', { id: tooEarly!.id, to: 'nurture' });
    await h.call('leads.setStatus', { id: tooEarly!.id, to: 'mql' });
    const later = await h.call('sync.uploadNow', {});
    expect(later.runs[0]!.verdicts).toMatchObject({ changed: 0, applied: 0 });
    expect(await lead(tooEarly!.id)).toMatchObject({ status: 'mql' });
    // The status changes went back to the CRM, in LeadBooth's own property.
    expect(hubspot.contacts.find(contactKey(accepted!))!.fields).toMatchObject({ leadbooth_status: 'sal', hs_lead_status: 'IN_PROGRESS' });

    // Sales change their mind in the CRM: a new value is a new verdict.
    hubspot.setLeadStatus(contactKey(accepted!), 'UNQUALIFIED', 'competitor_chosen');
    const changed = await h.call('sync.uploadNow', {});
    expect(changed.runs[0]!.verdicts).toMatchObject({ changed: 1, applied: 1 });
    expect(await lead(accepted!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'competitor_chosen' });
  });

  it('Salesforce: Lead Status feeds SAL and rejections back, the reason “other” when sales gave none', async () => {
    salesforce = await startFakeSalesforce();
    h = await harness({
      env: {
        LEADBOOTH_SALESFORCE_URL: salesforce.url,
        LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken,
        LEADBOOTH_SALESFORCE_SEND: 'mql',
      },
    });
    const [working, converted, lost, reasoned] = await mqls(4);
    await h.call('sync.uploadNow', {});
    expect(salesforce.leads.find(contactKey(working!))!.fields.Status).toBe('Open - Not Contacted');

    salesforce.setLeadStatus(contactKey(working!), 'Working - Contacted');
    salesforce.setLeadStatus(contactKey(converted!), 'Closed - Converted');
    salesforce.setLeadStatus(contactKey(lost!), 'Closed - Not Converted');
    salesforce.setLeadStatus(contactKey(reasoned!), 'Closed - Not Converted', 'Existing customer');
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]!.verdicts).toMatchObject({ changed: 4, applied: 4 });
    expect(await lead(working!.id)).toMatchObject({ status: 'sal' });
    expect(await lead(converted!.id)).toMatchObject({ status: 'sal' });
    expect(await lead(lost!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'other' });
    expect(await lead(reasoned!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'existing_customer' });
    expect((await history(lost!.id)).at(-1)).toMatchObject({ to: 'rejected', source: 'crm:salesforce' });

    const read = salesforce.requests.find((r) => r.path.includes('/composite/sobjects/Lead?'))!;
    expect(decodeURIComponent(read.path)).toContain('fields=Id,Status,LeadBooth_Rejection_Reason__c');
  });

  it('a lead the CRM says nothing about yet, or one nobody handed to sales, is left alone', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: hubspot.url, LEADBOOTH_HUBSPOT_TOKEN: hubspot.token, LEADBOOTH_HUBSPOT_SEND: 'all' } });
    const untriaged = await h.capture(person(1));
    await h.call('sync.uploadNow', {});
    hubspot.setLeadStatus(contactKey(untriaged), 'IN_PROGRESS');
    const { runs } = await h.call('sync.uploadNow', {});
    // Not in sales' hands (still new): its CRM value is not even read.
    expect(runs[0]!.verdicts).toMatchObject({ changed: 0 });
    expect(await lead(untriaged.id)).toMatchObject({ status: 'new' });
  });
});
