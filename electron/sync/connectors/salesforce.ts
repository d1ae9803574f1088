import type { Verdict } from '../../../shared/delivery/results';
import { isObject, text } from '../../../shared/delivery/results';
import { classifyStatus } from '../../../shared/delivery/results';
import {
  classifySalesforce, SALESFORCE_READ_LIMIT, salesforceBody, salesforceOwnerId, salesforceOwnerPath, salesforceReadPath,
  salesforceUpsertPath,
} from '../../../shared/delivery/salesforce';
import { salesforceStatusValues } from '../../../shared/delivery/verdicts';
import { call, join, type CallResult } from './http';
import { slidingWindow } from './rate-limit';
import { ownerCache, probeResult, type Connector, type ConnectorContext, type ResolvedConfig, type StatusRead } from './types';

/** Salesforce says 403 REQUEST_LIMIT_EXCEEDED when the org's daily API allowance is spent: a limit, not the credentials. */
const dailyLimit = (status: number, body: unknown) => status === 403 && /REQUEST_LIMIT_EXCEEDED/u.test(JSON.stringify(body));

/**
 * Salesforce with an OAuth access token. Access tokens expire (the session timeout): on a 401
 * we trade the refresh token for a new access token once, keep it in the secret store, and send
 * the same request again.
 */
export function salesforceConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping, verdicts } = config;
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

  const get = (path: string) => (token: string) => ({
    url: join(settings.url, path),
    method: 'GET' as const,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    timeoutMs: settings.timeoutMs,
  });

  const owners = ownerCache(async (email, signal) => {
    const result = await authorized(get(salesforceOwnerPath(settings.apiVersion, email)), signal);
    return result.ok && result.answer.status === 200 ? salesforceOwnerId(result.answer.body) : null;
  });

  return {
    name: 'salesforce',
    batchSize: settings.batchSize,
    readBatchSize: verdicts ? SALESFORCE_READ_LIMIT : 0,
    async readStatuses(remoteIds, signal): Promise<StatusRead> {
      if (!verdicts) return { kind: 'values', values: [] };
      const fields = [verdicts.statusProperty, ...(verdicts.reasonProperty ? [verdicts.reasonProperty] : [])];
      const result = await authorized(get(salesforceReadPath(settings.apiVersion, remoteIds, fields)), signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const whole = classifyStatus(result.answer, ctx.clock());
      if (whole) {
        if (dailyLimit(result.answer.status, result.answer.body)) return { kind: 'retry', cause: 'rate_limit', message: whole.message, retryAfterMs: null };
        return whole;
      }
      return { kind: 'values', values: salesforceStatusValues(result.answer.body, verdicts) };
    },
    resolveOwner: (email, signal) => owners.resolve(email, signal),
    clearOwnerCache: () => owners.clear(),
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
      return probeResult(result, result.ok && dailyLimit(result.answer.status, result.answer.body));
    },
  };
}
