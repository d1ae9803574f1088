import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import { classifySalesforce, salesforceBody, salesforceUpsertPath } from '../../../../shared/delivery/salesforce';
import { answer, sent } from './answers';
import { deliveryLead } from './lead';

const NOW = 0;

describe('Salesforce sObject Collections upsert', () => {
  it('PATCHes Lead by the external id field, allOrNone false', () => {
    expect(salesforceUpsertPath('62.0', 'LeadBooth_Id__c')).toBe('/services/data/v62.0/composite/sobjects/Lead/LeadBooth_Id__c');
    const body = salesforceBody([deliveryLead()], DEFAULT_MAPPINGS.salesforce, 'LeadBooth_Id__c');
    expect(body.allOrNone).toBe(false);
    expect(body.records[0]).toMatchObject({ attributes: { type: 'Lead' }, LeadBooth_Id__c: deliveryLead().id, LastName: '山田', Company: '株式会社サンプル' });
  });

  it('fills LastName and Company, which Salesforce requires', () => {
    const [onlyFull, nothing] = salesforceBody(
      [deliveryLead({ familyName: null, givenName: null, fullName: 'Jane Public', company: null }), deliveryLead({ familyName: null, givenName: null, fullName: null, company: null })],
      DEFAULT_MAPPINGS.salesforce,
      'LeadBooth_Id__c',
    ).records;
    expect(onlyFull).toMatchObject({ LastName: 'Jane Public', Company: '(unknown)' });
    expect(nothing).toMatchObject({ LastName: '(unknown)', Company: '(unknown)' });
  });

  it('reads the answer record by record, in order', () => {
    const body = [
      { id: '00Q1', success: true, errors: [], created: true },
      { success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: x@', fields: ['Email'] }] },
      { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] }] },
    ];
    expect(classifySalesforce(answer(200, body), sent('a', 'b', 'c', 'd'), NOW)).toEqual({
      kind: 'records',
      results: [
        { leadId: 'a', outcome: 'done', remoteId: '00Q1' },
        { leadId: 'b', outcome: 'attention', message: 'INVALID_EMAIL_ADDRESS: Email: invalid email address: x@ [Email]' },
        { leadId: 'c', outcome: 'retry', message: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record', retryAfterMs: null },
        { leadId: 'd', outcome: 'retry', message: 'The CRM did not report on this record', retryAfterMs: null },
      ],
    });
  });

  it('waits out the org’s spent API allowance; a 401 is a setup problem', () => {
    expect(classifySalesforce(answer(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]), sent('a'), NOW)).toMatchObject({ kind: 'retry', cause: 'rate_limit' });
    expect(classifySalesforce(answer(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]), sent('a'), NOW)).toEqual({
      kind: 'setup', credentials: true, message: 'HTTP 401: INVALID_SESSION_ID: Session expired or invalid',
    });
  });
});
