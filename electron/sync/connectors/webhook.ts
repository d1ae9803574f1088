import { createHash, createHmac } from 'node:crypto';
import type { Verdict } from '../../../shared/delivery/results';
import { keyOf } from '../../../shared/delivery/fields';
import { classifyStatus } from '../../../shared/delivery/results';
import { classifyWebhook, webhookBody, webhookMergeBody } from '../../../shared/delivery/webhook';
import { limitedCall, slidingWindow } from './rate-limit';
import type { Connector, ConnectorContext, MergeAnswer, ResolvedConfig } from './types';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes under the shared secret, as GitHub and Stripe-style receivers check it. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * The same records in the same state make the same body, hence the same key: a batch resent
 * after a dropped answer or a crash carries the key the receiver already saw, and it can answer
 * from memory instead of applying the batch twice.
 */
export function idempotencyKey(body: string): string {
  return `lb-${createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 40)}`;
}

export function webhookConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping } = config;
  const limiter = slidingWindow(settings.rateLimit, ctx.timer);

  const send = limitedCall(limiter, ctx);
  /** Signed, and keyed for idempotency by its own bytes: a resend is the same request. */
  const post = (body: string, signal?: AbortSignal) =>
    send(
      {
        url: settings.url,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-leadbooth-signature': signature(body, ctx.secrets.get('webhook', 'signingSecret') ?? ''),
          'idempotency-key': idempotencyKey(body),
        },
        body,
        timeoutMs: settings.timeoutMs,
      },
      signal,
    );

  return {
    name: 'webhook',
    batchSize: settings.batchSize,
    readBatchSize: 0,
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const result = await post(JSON.stringify(webhookBody(leads, mapping, settings.idProperty)), signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const verdict = classifyWebhook(result.answer, leads.map((l) => ({ leadId: l.id, key: keyOf(l) })), ctx.clock());
      if (verdict.kind === 'retry' && verdict.cause === 'rate_limit' && verdict.retryAfterMs) limiter.pause(verdict.retryAfterMs);
      return verdict;
    },
    async merge(merged, into, signal): Promise<MergeAnswer> {
      const result = await post(JSON.stringify(webhookMergeBody(merged, into)), signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const whole = classifyStatus(result.answer, ctx.clock());
      if (!whole) return { kind: 'merged', remoteId: null };
      if (whole.kind === 'retry' && whole.cause === 'rate_limit' && whole.retryAfterMs) limiter.pause(whole.retryAfterMs);
      return whole;
    },
    async probe(signal) {
      // Any answer, even 405 to a HEAD, means the receiver is there. An unsigned HEAD proves
      // nothing about the signing secret, so a 401 here is not taken as credentials rejected.
      const result = await send({ url: settings.url, method: 'HEAD', headers: {}, timeoutMs: settings.timeoutMs }, signal);
      return { answered: result.ok && result.answer.status < 500, credentialsRejected: null };
    },
  };
}
