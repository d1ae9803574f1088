import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import { classifyWebhook, webhookBody } from '../../../../shared/delivery/webhook';
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
