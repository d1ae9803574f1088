import type { Verdict } from '../../../shared/delivery/results';
import { isObject, text } from '../../../shared/delivery/results';
import { classifyStatus } from '../../../shared/delivery/results';
import {
  classifySalesforce, SALESFORCE_READ_LIMIT, salesforceBody, salesforceDuplicates, salesforceMasterOf, salesforceMergedPath,
  salesforceMergeEnvelope, salesforceMergeResult, salesforceOwnerId, salesforceOwnerPath, salesforceReadPath, salesforceSoapPath,
  salesforceUpdateBody, salesforceUpdatePath, salesforceUpsertPath, salesforceCampaignBody, salesforceCampaignPath, salesforceCreatePath,
  salesforceMembersBody, salesforceUpsertedId,
} from '../../../shared/delivery/salesforce';
import type { DeliveryLead } from '../../../shared/delivery/fields';
import { deliveredEvents, type DeliveryEvent } from '../../../shared/delivery/person';
import { salesforceStatusValues } from '../../../shared/delivery/verdicts';
import { call, join, type CallResult } from './http';
import { slidingWindow } from './rate-limit';
import { ownerCache, probeResult, type Connector, type ConnectorContext, type MergeAnswer, type ResolvedConfig, type StatusRead } from './types';

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

  const patch = (path: string, body: unknown) => (token: string) => ({
    url: join(settings.url, path),
    method: 'PATCH' as const,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: settings.timeoutMs,
  });

  /** A refused call outside the upsert: the daily allowance is a limit, a missing record a person's call. */
  function limited(answer: { status: number; body: unknown }, verdict: Exclude<MergeAnswer, { kind: 'merged' }>): MergeAnswer {
    if (dailyLimit(answer.status, answer.body)) return { kind: 'retry', cause: 'rate_limit', message: verdict.message, retryAfterMs: null };
    if (answer.status === 404) return { kind: 'rejected', message: verdict.message };
    return verdict;
  }

  /**
   * Leads the duplicate rule matched to an existing one (salesforceDuplicates): that Lead is
   * adopted, updated by its Id with what was sent. Anything else keeps the upsert's answer.
   */
  async function adoptDuplicates(
    leads: readonly DeliveryLead[],
    sent: ReturnType<typeof salesforceBody>,
    body: unknown,
    verdict: Extract<Verdict, { kind: 'records' }>,
    signal?: AbortSignal,
  ): Promise<Extract<Verdict, { kind: 'records' }>> {
    const matched = salesforceDuplicates(body, leads.length)
      .map((id, i) => ({ id, i }))
      .filter((m): m is { id: string; i: number } => m.id !== null);
    if (matched.length === 0) return verdict;
    const update = salesforceUpdateBody(matched.map(({ id, i }) => {
      const { attributes: _type, ...fields } = sent.records[i]!;
      return { id, fields };
    }));
    const adopted = await authorized(patch(salesforceUpdatePath(settings.apiVersion), update), signal);
    if (!adopted.ok) return verdict;
    const second = classifySalesforce(adopted.answer, matched.map(({ i }) => ({ leadId: leads[i]!.id })), ctx.clock());
    if (second.kind !== 'records') return verdict;
    const byLead = new Map(second.results.map((r) => [r.leadId, r]));
    return { kind: 'records', results: verdict.results.map((r) => byLead.get(r.leadId) ?? r) };
  }

  /** Campaign ids by event id, for the connector's life. */
  const campaigns = new Map<string, string>();

  /** Memberships to add at the end of the run: Lead Ids by event. */
  const pending = new Map<string, { event: DeliveryEvent; leads: Set<string> }>();

  /**
   * Each delivered Lead joins its person's event Campaigns, added at the end of the run (flush),
   * 200 a call. Best effort: an org without the external id field on Campaign, a call that
   * fails or a process that stops first never holds a delivery back; the memberships are asked
   * for again with the person's next send.
   */
  function collectEvents(leads: readonly DeliveryLead[], verdict: Extract<Verdict, { kind: 'records' }>) {
    for (const { remoteId, event } of deliveredEvents(leads, verdict.results)) {
      const entry = pending.get(event.eventId) ?? { event, leads: new Set<string>() };
      entry.leads.add(remoteId);
      pending.set(event.eventId, entry);
    }
  }

  async function flushEvents(signal?: AbortSignal) {
    const due = [...pending.values()];
    pending.clear();
    const members: { campaignId: string; leadId: string }[] = [];
    for (const { event, leads } of due) {
      let campaignId = campaigns.get(event.eventId) ?? null;
      if (campaignId === null) {
        const upserted = await authorized(patch(salesforceCampaignPath(settings.apiVersion, event.eventId), salesforceCampaignBody(event)), signal);
        campaignId = upserted.ok && upserted.answer.status < 300 ? salesforceUpsertedId(upserted.answer.body) : null;
        if (campaignId === null) continue;
        campaigns.set(event.eventId, campaignId);
      }
      for (const leadId of leads) members.push({ campaignId, leadId });
    }
    for (let i = 0; i < members.length; i += 200) {
      await authorized(
        (token) => ({
          url: join(settings.url, salesforceCreatePath(settings.apiVersion)),
          method: 'POST' as const,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(salesforceMembersBody(members.slice(i, i + 200))),
          timeoutMs: settings.timeoutMs,
        }),
        signal,
      );
    }
  }

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
    flush: (signal) => flushEvents(signal),
    resolveOwner: (email, signal) => owners.resolve(email, signal),
    clearOwnerCache: () => owners.clear(),
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const sent = salesforceBody(leads, mapping, settings.idProperty);
      const result = await authorized(patch(salesforceUpsertPath(settings.apiVersion, settings.idProperty), sent), signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const verdict = classifySalesforce(result.answer, leads.map((l) => ({ leadId: l.id })), ctx.clock());
      if (verdict.kind === 'retry' && verdict.cause === 'rate_limit' && verdict.retryAfterMs) limiter.pause(verdict.retryAfterMs);
      if (verdict.kind !== 'records') return verdict;
      const adopted = await adoptDuplicates(leads, sent, result.answer.body, verdict, signal);
      collectEvents(leads, adopted);
      return adopted;
    },
    async merge(merged, into, signal): Promise<MergeAnswer> {
      if (merged.remoteId === null || into.remoteId === null) {
        return { kind: 'rejected', message: 'Salesforce did not name one of the two Leads: merge them by hand' };
      }
      // First: did a merge we never heard back from happen already?
      const check = await authorized(get(salesforceMergedPath(settings.apiVersion, merged.remoteId)), signal);
      if (!check.ok) return { kind: 'retry', cause: check.cause, message: check.message, retryAfterMs: null };
      const checkWhole = classifyStatus(check.answer, ctx.clock());
      if (checkWhole) return limited(check.answer, checkWhole);
      const master = salesforceMasterOf(check.answer.body);
      if (master !== null) return { kind: 'merged', remoteId: master };

      const soap = (token: string) => ({
        url: join(settings.url, salesforceSoapPath(settings.apiVersion)),
        method: 'POST' as const,
        headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: '""' },
        body: salesforceMergeEnvelope(token, into.remoteId!, merged.remoteId!),
        timeoutMs: settings.timeoutMs,
      });
      let result = await authorized(soap, signal);
      // SOAP says an expired session with a fault (HTTP 500), not a 401: refresh once, as for REST.
      if (result.ok && salesforceMergeResult(String(result.answer.body)).kind === 'session' && (await refresh(signal))) {
        result = await authorized(soap, signal);
      }
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const answer = salesforceMergeResult(String(result.answer.body));
      switch (answer.kind) {
        case 'merged':
          return { kind: 'merged', remoteId: into.remoteId };
        case 'session':
          return { kind: 'setup', message: 'Salesforce: INVALID_SESSION_ID', credentials: true };
        case 'refused':
          // Salesforce's own refusal (ENTITY_IS_DELETED, INSUFFICIENT_ACCESS …): a person decides.
          return { kind: 'rejected', message: `${answer.code}: ${answer.message}` };
        case 'unreadable':
          return { kind: 'retry', cause: 'server', message: `HTTP ${result.answer.status}: ${answer.message}`, retryAfterMs: null };
      }
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
