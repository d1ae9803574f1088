import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import {
  classifyHubspot, hubspotAlreadyMerged, hubspotConflictId, hubspotInputs, hubspotMergeBody, hubspotRateHeaders,
} from '../../../../shared/delivery/hubspot';
import { answer, sent } from './answers';
import { deliveryLead } from './lead';

const NOW = Date.parse('2025-06-04T10:00:00Z');
const result = (leadId: string, id: string) => ({ id, properties: { leadbooth_id: leadId }, objectWriteTraceId: leadId, new: true });

describe('HubSpot batch upsert', () => {
  it('keys every input by the idProperty and traces it by the lead id', () => {
    const [input] = hubspotInputs([deliveryLead({ score: 42 })], DEFAULT_MAPPINGS.hubspot, 'leadbooth_id');
    expect(input).toMatchObject({ idProperty: 'leadbooth_id', id: deliveryLead().id, objectWriteTraceId: deliveryLead().id });
    expect(input!.properties).toMatchObject({ leadbooth_id: deliveryLead().id, leadbooth_score: '42', email: 'taro@example.co.jp' });
    // HubSpot takes property values as strings.
    expect(Object.values(input!.properties).every((v) => typeof v === 'string')).toBe(true);
  });

  it('a 200 makes every input done, with HubSpot’s contact id', () => {
    const verdict = classifyHubspot(answer(200, { status: 'COMPLETE', results: [result('a', '101'), result('b', '102')] }), sent('a', 'b'), 'leadbooth_id', NOW);
    expect(verdict).toEqual({
      kind: 'records',
      results: [{ leadId: 'a', outcome: 'done', remoteId: '101' }, { leadId: 'b', outcome: 'done', remoteId: '102' }],
    });
  });

  it('a 207 splits the batch: errors named by objectWriteTraceId need attention, the rest are done', () => {
    const body = {
      status: 'COMPLETE',
      results: [result('a', '101')],
      numErrors: 1,
      errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Email address x@ is invalid', context: { objectWriteTraceId: ['b'] } }],
    };
    const verdict = classifyHubspot(answer(207, body), sent('a', 'b'), 'leadbooth_id', NOW);
    expect(verdict).toEqual({
      kind: 'records',
      results: [
        { leadId: 'a', outcome: 'done', remoteId: '101' },
        { leadId: 'b', outcome: 'attention', message: 'VALIDATION_ERROR: Email address x@ is invalid' },
      ],
    });
  });

  it('matches a result by the id property when HubSpot leaves out the trace id', () => {
    const verdict = classifyHubspot(answer(200, { results: [{ id: '7', properties: { leadbooth_id: 'a' } }] }), sent('a'), 'leadbooth_id', NOW);
    expect(verdict).toMatchObject({ kind: 'records', results: [{ leadId: 'a', outcome: 'done', remoteId: '7' }] });
  });

  it('a rate-limit error inside a 207 is retried, not shown as the lead’s fault', () => {
    const body = { results: [], errors: [{ category: 'RATE_LIMITS', message: 'slow down', context: { objectWriteTraceId: ['a'] } }] };
    expect(classifyHubspot(answer(207, body), sent('a'), 'leadbooth_id', NOW)).toMatchObject({
      kind: 'records', results: [{ leadId: 'a', outcome: 'retry' }],
    });
  });

  it('an error it cannot tie to an input goes to a person for the inputs without a result; unmentioned ones are retried', () => {
    const withError = classifyHubspot(answer(207, { results: [result('a', '1')], errors: [{ message: 'Something about a property' }] }), sent('a', 'b'), 'leadbooth_id', NOW);
    expect(withError).toMatchObject({ results: [{ outcome: 'done' }, { leadId: 'b', outcome: 'attention', message: 'Something about a property' }] });
    const silent = classifyHubspot(answer(200, { results: [result('a', '1')] }), sent('a', 'b'), 'leadbooth_id', NOW);
    expect(silent).toMatchObject({ results: [{ outcome: 'done' }, { leadId: 'b', outcome: 'retry' }] });
  });

  it('a 429 is retried after Retry-After; a 5xx later; a 401 is a setup problem; a 400 refuses the batch', () => {
    expect(classifyHubspot(answer(429, { message: 'ten_secondly_rolling' }, { 'Retry-After': '3' }), sent('a'), 'leadbooth_id', NOW)).toEqual({
      kind: 'retry', cause: 'rate_limit', message: 'HTTP 429: ten_secondly_rolling', retryAfterMs: 3000,
    });
    expect(classifyHubspot(answer(502, '<html>Bad gateway</html>'), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'retry', cause: 'server' });
    expect(classifyHubspot(answer(401, { message: 'Authentication credentials not found' }), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'setup' });
    expect(classifyHubspot(answer(400, { message: 'Property values were not valid' }), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'rejected' });
    expect(classifyHubspot(answer(404, { message: 'no such endpoint' }), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'setup' });
  });

  it('the daily limit’s 403 is waited out, a missing scope’s 403 is a setup problem', () => {
    expect(classifyHubspot(answer(403, { message: 'You have reached your daily limit.' }), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'retry', cause: 'rate_limit' });
    expect(classifyHubspot(answer(403, { message: 'This app hasn’t been granted all required scopes' }), sent('a'), 'leadbooth_id', NOW)).toMatchObject({ kind: 'setup' });
  });

  it('reads the rate-limit headers', () => {
    const a = answer(200, {}, { 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': '97', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });
    expect(hubspotRateHeaders(a)).toEqual({ max: 100, remaining: 97, intervalMs: 10_000 });
    expect(hubspotRateHeaders(answer(200, {}))).toEqual({ max: null, remaining: null, intervalMs: null });
  });
});

describe('HubSpot and persons (名寄せ)', () => {
  it('keys the input on the person’s contact key, traced by the lead whose values go', () => {
    const [input] = hubspotInputs([deliveryLead({ id: 'lead-2', contactKey: 'person-1' })], DEFAULT_MAPPINGS.hubspot, 'leadbooth_id');
    expect(input).toMatchObject({ idProperty: 'leadbooth_id', id: 'person-1', objectWriteTraceId: 'lead-2', properties: { leadbooth_id: 'person-1' } });
  });

  it('an answer naming the contact by its key still reaches the lead', () => {
    const body = { status: 'COMPLETE', results: [{ id: '901', properties: { leadbooth_id: 'person-1' } }] };
    expect(classifyHubspot(answer(200, body), [{ leadId: 'lead-2', key: 'person-1' }], 'leadbooth_id', 0)).toEqual({
      kind: 'records',
      results: [{ leadId: 'lead-2', outcome: 'done', remoteId: '901' }],
    });
  });

  // [answer status, body, the contact to adopt]
  const conflicts: [number, unknown, string | null][] = [
    [409, { status: 'error', message: 'Contact already exists. Existing ID: 12345', category: 'CONFLICT' }, '12345'],
    [409, { status: 'error', message: 'Contact already exists. Existing ID:678', category: 'CONFLICT' }, '678'],
    [409, { status: 'error', message: 'Conflict without an id', category: 'CONFLICT' }, null],
    [400, { status: 'error', message: 'Contact already exists. Existing ID: 12345' }, null],
  ];
  it.each(conflicts)('a %i saying %j adopts %s', (status, body, id) => {
    expect(hubspotConflictId(answer(status, body))).toBe(id);
  });

  it('a merge found done: the survivor lists the merged id in hs_merged_object_ids', () => {
    const read = { id: '555', properties: { hs_merged_object_ids: '101;202' } };
    expect(hubspotAlreadyMerged(read, '202')).toBe('555');
    expect(hubspotAlreadyMerged(read, '20')).toBeNull();
    expect(hubspotAlreadyMerged({ id: '555', properties: { hs_merged_object_ids: null } }, '202')).toBeNull();
    expect(hubspotMergeBody('555', '202')).toEqual({ primaryObjectId: '555', objectIdToMerge: '202' });
  });
});
