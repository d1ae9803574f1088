import {
  classifyHubspot, HUBSPOT_READ_LIMIT, HUBSPOT_READ_PATH, HUBSPOT_UPSERT_PATH, hubspotInputs, hubspotOwnerId, hubspotOwnerPath,
  hubspotRateHeaders, hubspotReadBody,
} from '../../../shared/delivery/hubspot';
import { bodyMessage, classifyStatus, type Verdict } from '../../../shared/delivery/results';
import { hubspotStatusValues } from '../../../shared/delivery/verdicts';
import { join, type Request } from './http';
import { limitedCall, slidingWindow } from './rate-limit';
import { ownerCache, probeResult, type Connector, type ConnectorContext, type ResolvedConfig, type StatusRead } from './types';

/** Retry-After is missing from some HubSpot 429s; its burst window is ten seconds. */
const DEFAULT_PAUSE_MS = 10_000;

/** HubSpot answers 403 for a missing scope and for its daily limit; only the first is about credentials. */
const dailyLimit = (status: number, body: unknown) => status === 403 && /limit/iu.test(bodyMessage(body));

export function hubspotConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping, verdicts } = config;
  const limiter = slidingWindow(settings.rateLimit, ctx.timer);
  const auth = () => ({ authorization: `Bearer ${ctx.secrets.get('hubspot', 'token') ?? ''}` });

  const limited = limitedCall(limiter, ctx);
  async function send(req: Request, signal?: AbortSignal) {
    const result = await limited(req, signal);
    if (result.ok) limiter.observe(hubspotRateHeaders(result.answer));
    return result;
  }

  // An owner the token may not read (no crm.objects.owners.read scope) stays unresolved: the
  // lead still goes, with the owner as text. It never stops delivery.
  const owners = ownerCache(async (email, signal) => {
    const result = await send(
      { url: join(settings.url, hubspotOwnerPath(email)), method: 'GET', headers: { ...auth(), accept: 'application/json' }, timeoutMs: settings.timeoutMs },
      signal,
    );
    return result.ok && result.answer.status === 200 ? hubspotOwnerId(result.answer.body) : null;
  });

  return {
    name: 'hubspot',
    batchSize: settings.batchSize,
    readBatchSize: verdicts ? HUBSPOT_READ_LIMIT : 0,
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const inputs = hubspotInputs(leads, mapping, settings.idProperty);
      const result = await send(
        {
          url: join(settings.url, HUBSPOT_UPSERT_PATH),
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
          body: JSON.stringify({ inputs }),
          timeoutMs: settings.timeoutMs,
        },
        signal,
      );
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const verdict = classifyHubspot(result.answer, leads.map((l) => ({ leadId: l.id })), settings.idProperty, ctx.clock());
      if (verdict.kind === 'retry' && verdict.cause === 'rate_limit') limiter.pause(verdict.retryAfterMs ?? DEFAULT_PAUSE_MS);
      return verdict;
    },
    async readStatuses(remoteIds, signal): Promise<StatusRead> {
      if (!verdicts) return { kind: 'values', values: [] };
      const properties = [verdicts.statusProperty, ...(verdicts.reasonProperty ? [verdicts.reasonProperty] : [])];
      const result = await send(
        {
          url: join(settings.url, HUBSPOT_READ_PATH),
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
          body: JSON.stringify(hubspotReadBody(remoteIds, properties)),
          timeoutMs: settings.timeoutMs,
        },
        signal,
      );
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const whole = classifyStatus(result.answer, ctx.clock());
      if (whole) {
        if (dailyLimit(result.answer.status, result.answer.body)) return { kind: 'retry', cause: 'rate_limit', message: whole.message, retryAfterMs: null };
        if (whole.kind === 'retry' && whole.cause === 'rate_limit') limiter.pause(whole.retryAfterMs ?? DEFAULT_PAUSE_MS);
        return whole;
      }
      return { kind: 'values', values: hubspotStatusValues(result.answer.body, verdicts) };
    },
    resolveOwner: (email, signal) => owners.resolve(email, signal),
    clearOwnerCache: () => owners.clear(),
    async probe(signal) {
      const result = await send(
        { url: join(settings.url, '/crm/v3/objects/contacts?limit=1'), method: 'GET', headers: auth(), timeoutMs: settings.timeoutMs },
        signal,
      );
      return probeResult(result, result.ok && dailyLimit(result.answer.status, result.answer.body));
    },
  };
}
