import { keyOf } from '../../../shared/delivery/fields';
import {
  classifyHubspot, HUBSPOT_MERGE_PATH, HUBSPOT_READ_LIMIT, HUBSPOT_READ_PATH, HUBSPOT_UPDATE_PATH, HUBSPOT_UPSERT_PATH,
  hubspotAlreadyMerged, hubspotConflictId, hubspotContactPath, hubspotInputs, hubspotMergeBody, hubspotMergedId, hubspotOwnerId,
  hubspotOwnerPath, hubspotRateHeaders, hubspotReadBody, hubspotUpdateBody, eventListName, HUBSPOT_LISTS_PATH, HUBSPOT_MEMBERSHIP_LIMIT,
  hubspotListByNamePath, hubspotListCreateBody, hubspotListIdOf, hubspotMembershipPath,
} from '../../../shared/delivery/hubspot';
import type { DeliveryLead } from '../../../shared/delivery/fields';
import { deliveredEvents } from '../../../shared/delivery/person';
import { bodyMessage, classifyStatus, type Verdict } from '../../../shared/delivery/results';
import { hubspotStatusValues } from '../../../shared/delivery/verdicts';
import { join, type CallResult, type Request } from './http';
import { limitedCall, slidingWindow } from './rate-limit';
import { ownerCache, probeResult, type Connector, type ConnectorContext, type MergeAnswer, type ResolvedConfig, type StatusRead } from './types';

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

  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    send(
      {
        url: join(settings.url, path),
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
        timeoutMs: settings.timeoutMs,
      },
      signal,
    );

  function verdictOf(answer: Parameters<typeof classifyHubspot>[0], sent: { leadId: string; key: string }[]): Verdict {
    const verdict = classifyHubspot(answer, sent, settings.idProperty, ctx.clock());
    if (verdict.kind === 'retry' && verdict.cause === 'rate_limit') limiter.pause(verdict.retryAfterMs ?? DEFAULT_PAUSE_MS);
    return verdict;
  }

  /** A refused call outside the batch upsert: the daily limit is a rate limit here too. */
  function whole(answer: { status: number; body: unknown }, verdict: Exclude<MergeAnswer, { kind: 'merged' }>): MergeAnswer {
    if (dailyLimit(answer.status, answer.body)) return { kind: 'retry', cause: 'rate_limit', message: verdict.message, retryAfterMs: null };
    // A contact deleted in HubSpot since: a person decides what becomes of the merge.
    if (answer.status === 404) return { kind: 'rejected', message: verdict.message };
    if (verdict.kind === 'retry' && verdict.cause === 'rate_limit') limiter.pause(verdict.retryAfterMs ?? DEFAULT_PAUSE_MS);
    return verdict;
  }

  /**
   * A call outside the upsert: whether it is worth trying again later (no answer, a 429, a
   * 5xx, HubSpot's daily limit). A 429 pauses every call, as the upsert's does: the burst
   * limit is shared by all.
   */
  function transient(result: CallResult): boolean {
    if (!result.ok) return true;
    if (dailyLimit(result.answer.status, result.answer.body)) return true;
    const verdict = classifyStatus(result.answer, ctx.clock());
    if (verdict?.kind === 'retry' && verdict.cause === 'rate_limit') limiter.pause(verdict.retryAfterMs ?? DEFAULT_PAUSE_MS);
    return verdict?.kind === 'retry';
  }

  /** Event list ids by name, for the connector's life: a list is created or looked up once. */
  const lists = new Map<string, string>();

  /**
   * The event's list: created (one request for a new event), read by its exact name only when
   * the create is refused as content (the name is taken: our list, made by an earlier run of
   * the app). `again`: no id for now, worth asking at the next flush.
   */
  async function listFor(name: string, signal?: AbortSignal): Promise<{ id: string | null; again: boolean }> {
    const known = lists.get(name);
    if (known) return { id: known, again: false };
    const created = await post(HUBSPOT_LISTS_PATH, hubspotListCreateBody(name), signal);
    let answer = created;
    let id = created.ok && created.answer.status < 300 ? hubspotListIdOf(created.answer.body) : null;
    if (id === null && created.ok && classifyStatus(created.answer, ctx.clock())?.kind === 'rejected') {
      answer = await send(
        { url: join(settings.url, hubspotListByNamePath(name)), method: 'GET', headers: { ...auth(), accept: 'application/json' }, timeoutMs: settings.timeoutMs },
        signal,
      );
      if (answer.ok && answer.answer.status === 200) id = hubspotListIdOf(answer.answer.body);
    }
    if (id !== null) lists.set(name, id);
    return { id, again: id === null && transient(answer) };
  }

  /** Memberships to add at the end of the run, by list name; what a failed call left waits for the next run's. */
  const members = new Map<string, Set<string>>();
  const keep = (name: string, ids: Iterable<string>) => {
    const set = members.get(name) ?? new Set<string>();
    for (const id of ids) set.add(id);
    members.set(name, set);
  };

  /**
   * Each delivered contact joins its person's event lists, added at the end of the run (flush):
   * one call per event per run (up to HUBSPOT_MEMBERSHIP_LIMIT contacts), never one per batch,
   * which under HubSpot's burst limit would cost the upload a request per 100 contacts. Best
   * effort: a token without the lists scope or a refused call never holds a delivery back. A
   * call that got no answer, a 429 or a 5xx is tried again at the next run's flush (adding a
   * member twice changes nothing); a process that stops first loses only the memberships, and
   * the person's next send adds them again.
   */
  function collectEvents(leads: readonly DeliveryLead[], verdict: Extract<Verdict, { kind: 'records' }>) {
    for (const { remoteId, event } of deliveredEvents(leads, verdict.results)) keep(eventListName(event), [remoteId]);
  }

  async function flushEvents(signal?: AbortSignal) {
    const due = [...members];
    members.clear();
    for (const [name, ids] of due) {
      const all = [...ids];
      const { id: listId, again } = await listFor(name, signal);
      if (listId === null) {
        if (again) keep(name, all);
        continue;
      }
      for (let i = 0; i < all.length; i += HUBSPOT_MEMBERSHIP_LIMIT) {
        const chunk = all.slice(i, i + HUBSPOT_MEMBERSHIP_LIMIT);
        const added = await send(
          {
            url: join(settings.url, hubspotMembershipPath(listId)),
            method: 'PUT',
            headers: { ...auth(), 'content-type': 'application/json' },
            body: JSON.stringify(chunk),
            timeoutMs: settings.timeoutMs,
          },
          signal,
        );
        if (added.ok && added.answer.status === 404) {
          // The list was deleted in HubSpot since: made again at the next flush.
          lists.delete(name);
          keep(name, chunk);
        } else if (transient(added)) keep(name, chunk);
      }
    }
  }

  return {
    name: 'hubspot',
    batchSize: settings.batchSize,
    readBatchSize: verdicts ? HUBSPOT_READ_LIMIT : 0,
    readyIn: () => limiter.readyIn(),
    async upsert(leads, signal): Promise<Verdict> {
      const inputs = hubspotInputs(leads, mapping, settings.idProperty);
      const sent = leads.map((l) => ({ leadId: l.id, key: keyOf(l) }));
      const result = await post(HUBSPOT_UPSERT_PATH, { inputs }, signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      // A conflict names one existing contact but not the input that met it: a batch is split
      // by the engine (a refused request) until the input is alone, and then adopts it.
      const existing = inputs.length === 1 ? hubspotConflictId(result.answer) : null;
      let verdict: Verdict;
      if (existing !== null) {
        const update = await post(HUBSPOT_UPDATE_PATH, hubspotUpdateBody(inputs[0]!, existing), signal);
        if (!update.ok) return { kind: 'retry', cause: update.cause, message: update.message, retryAfterMs: null };
        verdict = verdictOf(update.answer, sent);
      } else verdict = verdictOf(result.answer, sent);
      if (verdict.kind === 'records') collectEvents(leads, verdict);
      return verdict;
    },
    async merge(merged, into, signal): Promise<MergeAnswer> {
      if (merged.remoteId === null || into.remoteId === null) {
        return { kind: 'rejected', message: 'HubSpot did not name one of the two contacts: merge them by hand' };
      }
      // First: did a merge we never heard back from happen already?
      const read = await send(
        { url: join(settings.url, hubspotContactPath(into.remoteId)), method: 'GET', headers: { ...auth(), accept: 'application/json' }, timeoutMs: settings.timeoutMs },
        signal,
      );
      if (!read.ok) return { kind: 'retry', cause: read.cause, message: read.message, retryAfterMs: null };
      const readWhole = classifyStatus(read.answer, ctx.clock());
      if (readWhole) return whole(read.answer, readWhole);
      const done = hubspotAlreadyMerged(read.answer.body, merged.remoteId);
      if (done !== null) return { kind: 'merged', remoteId: done };
      // The survivor's id as HubSpot reads it now (a merge may have given it a new one).
      const primary = hubspotMergedId(read.answer.body) ?? into.remoteId;
      const result = await post(HUBSPOT_MERGE_PATH, hubspotMergeBody(primary, merged.remoteId), signal);
      if (!result.ok) return { kind: 'retry', cause: result.cause, message: result.message, retryAfterMs: null };
      const mergeWhole = classifyStatus(result.answer, ctx.clock());
      if (mergeWhole) return whole(result.answer, mergeWhole);
      return { kind: 'merged', remoteId: hubspotMergedId(result.answer.body) ?? primary };
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
    flush: (signal) => flushEvents(signal),
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
