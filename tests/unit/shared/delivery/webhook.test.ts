import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import { classifyWebhook, webhookBody, webhookMergeBody } from '../../../../shared/delivery/webhook';
import { answer, sent } from './answers';
import { deliveryLead } from './lead';

describe('webhook', () => {
  it('posts every field under LeadBooth’s names, and no send time (the same records make the same body)', () => {
    const body = webhookBody([deliveryLead()], DEFAULT_MAPPINGS.webhook, 'id');
    expect(body.leads[0]).toMatchObject({ id: deliveryLead().id, capturedAt: '2025-06-04T01:23:45.678Z', kana: 'ヤマダ タロウ', rating: 'hot' });
    expect(JSON.stringify(webhookBody([deliveryLead()], DEFAULT_MAPPINGS.webhook, 'id'))).toBe(JSON.stringify(body));
  });

  it('a 2xx takes all, unless the receiver names the ones it refused', () => {
    expect(classifyWebhook(answer(204, ''), sent('a', 'b'), 0)).toMatchObject({ results: [{ outcome: 'done' }, { outcome: 'done' }] });
    expect(classifyWebhook(answer(200, { results: [{ id: 'b', ok: false, error: 'duplicate email' }] }), sent('a', 'b'), 0)).toEqual({
      kind: 'records',
      results: [{ leadId: 'a', outcome: 'done', remoteId: null }, { leadId: 'b', outcome: 'attention', message: 'duplicate email' }],
    });
  });

  it('a 422 refuses the batch’s content; a 503 asks for later', () => {
    expect(classifyWebhook(answer(422, { error: 'bad lead' }), sent('a'), 0)).toMatchObject({ kind: 'rejected', message: 'HTTP 422: bad lead' });
    expect(classifyWebhook(answer(503, ''), sent('a'), 0)).toMatchObject({ kind: 'retry', cause: 'server' });
  });
});

describe('webhook and persons (名寄せ)', () => {
  it('one record per person: under its contact key, with the lead, the person and every event', () => {
    const events = [{ leadId: 'l1', eventId: 'ev-1', eventName: 'Expo 2025', capturedAt: '2025-06-04T01:23:45.678Z', status: 'sal' }];
    const [record] = webhookBody([deliveryLead({ id: 'l2', personId: 'p1', contactKey: 'p1', events })], DEFAULT_MAPPINGS.webhook, 'id').leads;
    expect(record).toMatchObject({ id: 'p1', leadId: 'l2', personId: 'p1', events });
  });

  it('the receiver names the record by its key; the answer reaches the lead', () => {
    expect(classifyWebhook(answer(200, { results: [{ id: 'p1', ok: false, error: 'no' }] }), [{ leadId: 'l2', key: 'p1' }], 0)).toEqual({
      kind: 'records',
      results: [{ leadId: 'l2', outcome: 'attention', message: 'no' }],
    });
  });

  it('a merge event names both records by their keys and holds no time, so a resend is the same bytes', () => {
    expect(webhookMergeBody({ remoteId: null, key: 'a' }, { remoteId: null, key: 'p1' })).toEqual({ event: 'merge', merged: { id: 'a' }, into: { id: 'p1' } });
  });
});
