import type { Verdict } from '../../../shared/delivery/results';
import { isObject, text } from '../../../shared/delivery/results';
import { classifySalesforce, salesforceBody, salesforceUpsertPath } from '../../../shared/delivery/salesforce';
import { call, join, type CallResult } from './http';
import { slidingWindow } from './rate-limit';
import type { Connector, ConnectorContext, ResolvedConfig } from './types';

/**
 * Salesforce with an OAuth access token. Access tokens expire (the session timeout): on a 401
 * we trade the refresh token for a new access token once, keep it in the secret store, and send
 * the same request again.
 */
export function salesforceConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping } = config;
  const limiter = slidingWindow(settings.rateLimit, ctx.timer);
  const tokenUrl = settings.tokenUrl || join(settings.url, '/services/oauth2/token');

  async function refresh(signal?: AbortSignal): Promise<boolean> {
    const refreshToken = ctx.secrets.get('salesforce', 'refreshToken');
    if (!refreshToken || !settings.clientId) return false;
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: settings.clientId });
    const clientSecret = ctx.secrets.get('salesforce', 'clientSecret');
    if (clientSecret) form.set('client_secret', clientSecret);
    const result = await call(
      ctx.fetch,
      ctx.timer,
      {
        url: tokenUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        timeoutMs: settings.timeoutMs,
      },
      signal,
    );
    if (!result.ok || result.answer.status !== 200 || !isObject(result.answer.body)) return false;
    const token = text(result.answer.body.access_token);
    if (!token) return false;
    ctx.secrets.set('salesforce', 'token', token);
    return true;
  }

  async function authorized(build: (token: string) => Parameters<typeof call>[2], signal?: AbortSignal): Promise<CallResult> {
    const wait = limiter.readyIn();
    if (wait > 0) await ctx.timer.sleep(wait, signal);
    let result = await call(ctx.fetch, ctx.timer, build(ctx.secrets.get('salesforce', 'token') ?? ''), signal);
    limiter.record();
    if (result.ok && result.answer.status === 401 && (await refresh(signal))) {
      result = await call(ctx.fetch, ctx.timer, build(ctx.secrets.get('salesforce', 'token') ?? ''), signal);
      limiter.record();
    }
    return result;
  }

  return {
    name: 'salesforce',
    batchSize: settings.batchSize,
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const body = JSON.stringify(salesforceBody(leads, mapping, settings.idProperty));
      const result = await authorized(
        (token) => ({
          url: join(settings.url, salesforceUpsertPath(settings.apiVersion, settings.idProperty)),
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
          body,
          timeoutMs: settings.timeoutMs,
        }),
        signal,
      );
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const verdict = classifySalesforce(result.answer, leads.map((l) => ({ leadId: l.id })), ctx.clock());
      if (verdict.kind === 'retry' && verdict.cause === 'rate_limit' && verdict.retryAfterMs) limiter.pause(verdict.retryAfterMs);
      return verdict;
    },
    async probe(signal) {
      const result = await authorized(
        (token) => ({
          url: join(settings.url, `/services/data/v${settings.apiVersion}/limits`),
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          timeoutMs: settings.timeoutMs,
        }),
        signal,
      );
      return result.ok && result.answer.status < 500;
    },
  };
}
