import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import {
  classifySalesforce, salesforceBody, salesforceDuplicates, salesforceMasterOf, salesforceMergeEnvelope, salesforceMergeResult,
  salesforceUpsertPath,
} from '../../../../shared/delivery/salesforce';
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

describe('Salesforce and persons (名寄せ)', () => {
  it('keys the record on the person’s contact key', () => {
    const body = salesforceBody([deliveryLead({ contactKey: 'person-1' })], DEFAULT_MAPPINGS.salesforce, 'LeadBooth_Id__c');
    expect(body.records[0]).toMatchObject({ LeadBooth_Id__c: 'person-1' });
  });

  it('finds the Lead a blocking duplicate rule matched, per record, in order', () => {
    const dup = (id: string) => ({
      success: false,
      errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', duplicateResult: { matchResults: [{ matchRecords: [{ record: { Id: id } }] }] } }],
    });
    const body = [{ id: '00Q1', success: true, errors: [] }, dup('00Q9'), { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'x' }] }];
    expect(salesforceDuplicates(body, 3)).toEqual([null, '00Q9', null]);
    expect(salesforceDuplicates({ message: 'not an array' }, 2)).toEqual([null, null]);
  });

  // [SOAP answer, what it means]
  const soap: [string, ReturnType<typeof salesforceMergeResult>][] = [
    ['<mergeResponse><result><id>00QA</id><mergedRecordIds>00QB</mergedRecordIds><success>true</success></result></mergeResponse>', { kind: 'merged' }],
    ['<result><errors><message>entity is deleted</message><statusCode>ENTITY_IS_DELETED</statusCode></errors><success>false</success></result>',
      { kind: 'refused', code: 'ENTITY_IS_DELETED', message: 'entity is deleted' }],
    ['<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID</faultstring></soapenv:Fault>', { kind: 'session' }],
    ['<soapenv:Fault><faultcode>sf:INSUFFICIENT_ACCESS</faultcode><faultstring>no merge for you</faultstring></soapenv:Fault>',
      { kind: 'refused', code: 'sf:INSUFFICIENT_ACCESS', message: 'no merge for you' }],
  ];
  it.each(soap)('merge() answering %s', (body, result) => {
    expect(salesforceMergeResult(body)).toEqual(result);
  });

  it('the envelope names the master, the victim and the session, escaped', () => {
    const envelope = salesforceMergeEnvelope('00D!a<b', '00QA', '00QB');
    expect(envelope).toContain('<urn:sessionId>00D!a&lt;b</urn:sessionId>');
    expect(envelope).toContain('<sf:type>Lead</sf:type><sf:Id>00QA</sf:Id>');
    expect(envelope).toContain('<urn:recordToMergeIds>00QB</urn:recordToMergeIds>');
  });

  it('queryAll tells a victim merged already (deleted, with its master) from one still there', () => {
    expect(salesforceMasterOf({ records: [{ Id: '00QB', IsDeleted: true, MasterRecordId: '00QA' }] })).toBe('00QA');
    expect(salesforceMasterOf({ records: [{ Id: '00QB', IsDeleted: false, MasterRecordId: null }] })).toBeNull();
    expect(salesforceMasterOf({ records: [] })).toBeNull();
  });
});
