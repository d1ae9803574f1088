import { classifyHubspot, HUBSPOT_UPSERT_PATH, hubspotInputs, hubspotRateHeaders } from '../../../shared/delivery/hubspot';
import type { Verdict } from '../../../shared/delivery/results';
import { join, type Request } from './http';
import { limitedCall, slidingWindow } from './rate-limit';
import type { Connector, ConnectorContext, ResolvedConfig } from './types';

/** Retry-After is missing from some HubSpot 429s; its burst window is ten seconds. */
const DEFAULT_PAUSE_MS = 10_000;

export function hubspotConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping } = config;
  const limiter = slidingWindow(settings.rateLimit, ctx.timer);
  const auth = () => ({ authorization: `Bearer ${ctx.secrets.get('hubspot', 'token') ?? ''}` });

  const limited = limitedCall(limiter, ctx);
  async function send(req: Request, signal?: AbortSignal) {
    const result = await limited(req, signal);
    if (result.ok) limiter.observe(hubspotRateHeaders(result.answer));
    return result;
  }

  return {
    name: 'hubspot',
    batchSize: settings.batchSize,
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
    async probe(signal) {
      const result = await send(
        { url: join(settings.url, '/crm/v3/objects/contacts?limit=1'), method: 'GET', headers: auth(), timeoutMs: settings.timeoutMs },
        signal,
      );
      return result.ok && result.answer.status < 500;
    },
  };
}
