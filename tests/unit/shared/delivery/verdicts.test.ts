import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERDICTS, effectiveVerdicts, hubspotStatusValues, readVerdict, reasonKey, salesforceStatusValues,
} from '../../../../shared/delivery/verdicts';

const hubspot = DEFAULT_VERDICTS.hubspot!;
const salesforce = DEFAULT_VERDICTS.salesforce!;

describe('sales’ verdict from a CRM value', () => {
  it.each([
    ['IN_PROGRESS', null, { to: 'sal', reason: null }],
    ['OPEN_DEAL', null, { to: 'sal', reason: null }],
    ['CONNECTED', null, { to: 'sal', reason: null }],
    ['UNQUALIFIED', null, { to: 'rejected', reason: 'other' }],
    ['UNQUALIFIED', '予算なし', { to: 'rejected', reason: 'no_budget' }],
    ['UNQUALIFIED', 'Chose a competitor', { to: 'rejected', reason: 'competitor_chosen' }],
    ['UNQUALIFIED', 'duplicate', { to: 'rejected', reason: 'duplicate' }],
    ['UNQUALIFIED', '展示会の景品目当て', { to: 'rejected', reason: '展示会の景品目当て' }],
    ['BAD_TIMING', null, { to: 'rejected', reason: 'too_early' }],
    ['BAD_TIMING', '競合決定済み', { to: 'rejected', reason: 'competitor_chosen' }],
    ['NEW', null, null],
    ['OPEN', null, null],
    ['ATTEMPTED_TO_CONTACT', null, null],
    [null, null, null],
  ] as const)('HubSpot %s (reason %s) → %j', (value, reason, expected) => {
    expect(readVerdict(value, reason, hubspot)).toEqual(expected);
  });

  it.each([
    ['Working - Contacted', null, { to: 'sal', reason: null }],
    ['Closed - Converted', null, { to: 'sal', reason: null }],
    ['Closed - Not Converted', null, { to: 'rejected', reason: 'other' }],
    ['Closed - Not Converted', 'Existing customer', { to: 'rejected', reason: 'existing_customer' }],
    ['Open - Not Contacted', null, null],
  ] as const)('Salesforce %s (reason %s) → %j', (value, reason, expected) => {
    expect(readVerdict(value, reason, salesforce)).toEqual(expected);
  });

  it('matches a reason written with full-width or differently cased text', () => {
    expect(reasonKey('ＮＯ_ＢＵＤＧＥＴ')).toBe('no_budget');
    expect(reasonKey('  too early ')).toBe('too_early');
  });

  it('reads none back where the CRM holds none, or the user turned it off', () => {
    expect(effectiveVerdicts('mautic', undefined)).toBeNull();
    expect(effectiveVerdicts('hubspot', null)).toBeNull();
    expect(effectiveVerdicts('hubspot', undefined)).toEqual(hubspot);
    expect(effectiveVerdicts('hubspot', { ...hubspot, enabled: false })).toBeNull();
  });
});

describe('reading the CRM’s answer', () => {
  it('HubSpot batch read: each record’s status and reason properties, by its id', () => {
    const body = {
      status: 'COMPLETE',
      results: [
        { id: '101', properties: { hs_object_id: '101', hs_lead_status: 'UNQUALIFIED', leadbooth_rejection_reason: '予算なし' } },
        { id: '102', properties: { hs_object_id: '102', hs_lead_status: null, leadbooth_rejection_reason: null } },
      ],
      errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['103'] } }],
    };
    expect(hubspotStatusValues(body, hubspot)).toEqual([
      { remoteId: '101', value: 'UNQUALIFIED', reason: '予算なし' },
      { remoteId: '102', value: null, reason: null },
    ]);
  });

  it('Salesforce sObject Collections: records in order, null for an id it could not read', () => {
    const body = [
      { attributes: { type: 'Lead' }, Id: '00Q5g000000001', Status: 'Working - Contacted', LeadBooth_Rejection_Reason__c: null },
      null,
    ];
    expect(salesforceStatusValues(body, salesforce)).toEqual([{ remoteId: '00Q5g000000001', value: 'Working - Contacted', reason: null }]);
  });
});
