import {
  classifyMautic, MAUTIC_BATCH_PATH, mauticBody, mauticContactPath, mauticDeletePath, mauticOwnerId, mauticOwnerPath,
} from '../../../shared/delivery/mautic';
import { classifyStatus, type Verdict } from '../../../shared/delivery/results';
import { join } from './http';
import { limitedCall, slidingWindow } from './rate-limit';
import { ownerCache, probeResult, type Connector, type ConnectorContext, type MergeAnswer, type ResolvedConfig } from './types';

/** Mautic with basic auth (API settings: "Enable HTTP basic auth") or an OAuth2 bearer token. */
export function mauticConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  const { settings, mapping } = config;
  const limiter = slidingWindow(settings.rateLimit, ctx.timer);

  function authorization(): string {
    if (settings.auth === 'oauth2') return `Bearer ${ctx.secrets.get('mautic', 'token') ?? ''}`;
    const password = ctx.secrets.get('mautic', 'password') ?? '';
    return `Basic ${Buffer.from(`${settings.user}:${password}`, 'utf8').toString('base64')}`;
  }

  const send = limitedCall(limiter, ctx);

  // Listing users needs the API user's "users: view" permission; without it the owner goes as text.
  const owners = ownerCache(async (email, signal) => {
    const result = await send(
      {
        url: join(settings.url, mauticOwnerPath(email)),
        method: 'GET',
        headers: { authorization: authorization(), accept: 'application/json' },
        timeoutMs: settings.timeoutMs,
      },
      signal,
    );
    return result.ok && result.answer.status === 200 ? mauticOwnerId(result.answer.body, email) : null;
  });

  return {
    name: 'mautic',
    batchSize: settings.batchSize,
    // Mautic keeps no sales verdict of its own: nothing is read back.
    readBatchSize: 0,
    resolveOwner: (email, signal) => owners.resolve(email, signal),
    clearOwnerCache: () => owners.clear(),
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const result = await send(
        {
          url: join(settings.url, MAUTIC_BATCH_PATH),
          method: 'POST',
          headers: { authorization: authorization(), 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(mauticBody(leads, mapping, settings.idProperty)),
          timeoutMs: settings.timeoutMs,
        },
        signal,
      );
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const verdict = classifyMautic(result.answer, leads.map((l) => ({ leadId: l.id })), ctx.clock());
      if (verdict.kind === 'retry' && verdict.cause === 'rate_limit' && verdict.retryAfterMs) limiter.pause(verdict.retryAfterMs);
      return verdict;
    },
    async merge(merged, _into, signal): Promise<MergeAnswer> {
      if (merged.remoteId === null) return { kind: 'rejected', message: 'Mautic did not name the merged contact: delete it by hand' };
      const headers = { authorization: authorization(), accept: 'application/json' };
      const read = await send({ url: join(settings.url, mauticContactPath(merged.remoteId)), method: 'GET', headers, timeoutMs: settings.timeoutMs }, signal);
      if (!read.ok) return { kind: 'retry', cause: read.cause, message: read.message, retryAfterMs: null };
      if (read.answer.status === 404) return { kind: 'merged', remoteId: null };
      const readWhole = classifyStatus(read.answer, ctx.clock());
      if (readWhole) return readWhole;
      const result = await send({ url: join(settings.url, mauticDeletePath(merged.remoteId)), method: 'DELETE', headers, timeoutMs: settings.timeoutMs }, signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      if (result.answer.status === 404) return { kind: 'merged', remoteId: null };
      return classifyStatus(result.answer, ctx.clock()) ?? { kind: 'merged', remoteId: null };
    },
    async probe(signal) {
      const result = await send(
        {
          url: join(settings.url, '/api/contacts?limit=1&minimal=true'),
          method: 'GET',
          headers: { authorization: authorization(), accept: 'application/json' },
          timeoutMs: settings.timeoutMs,
        },
        signal,
      );
      return probeResult(result);
    },
  };
}
