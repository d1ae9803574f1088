import type { Emit } from '../../shared/api';
import type { ConnectorStatus, UploadRun, VerdictCounts } from '../../shared/delivery/api';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from '../../shared/delivery/backoff';
import type { ConnectorName } from '../../shared/delivery/connectors';
import type { DeliveryLead } from '../../shared/delivery/fields';
import {
  DEFAULT_REACHABILITY, judge, type CallSample, type Reachability, type ReachabilityPolicy,
} from '../../shared/delivery/reachability';
import { planMerge } from '../../shared/delivery/merge';
import type { DeliveryUnit } from '../../shared/delivery/person';
import type { RecordResult, Verdict } from '../../shared/delivery/results';
import { clip, scrub } from '../../shared/delivery/scrub';
import { readVerdict, type CrmVerdict } from '../../shared/delivery/verdicts';
import { iso } from '../../shared/time';
import type { Connector, ResolvedConfig } from './connectors';
import type { ApplyVerdict, CrmSource, VerdictOutcome } from './deps';
import type { LeadReader } from './lead-reader';
import type { ClaimedRow, Completion, OutboxStore } from './outbox';
import type { SecretStore } from './secrets';
import type { Timer } from './timer';

const addCounts = (a: VerdictCounts | undefined, b: VerdictCounts): VerdictCounts => ({
  changed: (a?.changed ?? 0) + b.changed,
  applied: (a?.applied ?? 0) + b.applied,
  unchanged: (a?.unchanged ?? 0) + b.unchanged,
  refused: (a?.refused ?? 0) + b.refused,
});

/** A connector as the registry hands it to the engine: its config, and a client when it can send. */
export interface ActiveConnector {
  config: ResolvedConfig;
  problem: { code: string; message: string } | null;
  client: Connector | null;
}

export interface Registry {
  get(name: ConnectorName): ActiveConnector;
  all(): ActiveConnector[];
}

export interface EnginePolicy {
  backoff: BackoffPolicy;
  reachability: ReachabilityPolicy;
  /** The longest a run waits inline for a rate limit; past it the run ends and the records stay due. */
  maxInlineWaitMs: number;
  /** While offline, probe this often. */
  probeIntervalMs: number;
  /** How often the auto-upload scheduler looks. */
  tickMs: number;
}

export const DEFAULT_POLICY: EnginePolicy = {
  backoff: DEFAULT_BACKOFF,
  reachability: DEFAULT_REACHABILITY,
  maxInlineWaitMs: 30_000,
  probeIntervalMs: 30_000,
  tickMs: 15_000,
};

export interface EngineDeps {
  outbox: OutboxStore;
  leads: LeadReader;
  registry: Registry;
  secrets: SecretStore;
  clock: () => number;
  newId: () => string;
  emit: Emit;
  timer: Timer;
  random: () => number;
  policy?: Partial<EnginePolicy>;
  applyVerdict: ApplyVerdict;
  /** Before a run reads what is due (SyncDeps.beforeRun). */
  beforeRun: () => void;
}

export interface UploadOptions {
  connector?: ConnectorName;
  eventId?: string;
}

export interface DrainOptions extends UploadOptions {
  /** The whole drain gives up waiting for backoffs after this long. */
  maxWaitMs?: number;
}

interface Runtime {
  samples: CallSample[];
  reachability: Reachability;
  lastError: string | null;
  lastErrorAt: number | null;
  running: boolean;
  lock: Promise<unknown>;
  lastAutoAt: number;
  lastProbeAt: number;
  /** The CRM refused our credentials: nothing goes until they change (reset). */
  rejected: { message: string; at: number } | null;
}

interface Delivery {
  results: RecordResult[];
  /** A verdict that stopped the whole request (retry, setup), for the history and the run. */
  whole: Exclude<Verdict, { kind: 'records' | 'rejected' }> | null;
}

/**
 * The upload engine: claims due outbox rows batch by batch, sends them through the connector,
 * stores each record's outcome, and keeps a judgement of each CRM's reachability from the calls
 * it made. One run at a time per connector (so a lead's older state never overtakes its newer
 * one); connectors run side by side.
 */
export function createEngine(deps: EngineDeps) {
  const policy: EnginePolicy = { ...DEFAULT_POLICY, ...deps.policy };
  const { outbox, timer } = deps;
  const runtimes = new Map<ConnectorName, Runtime>();
  let abort = new AbortController();
  let ticker: ReturnType<typeof setInterval> | null = null;

  function rt(name: ConnectorName): Runtime {
    let r = runtimes.get(name);
    if (!r) {
      r = {
        samples: [], reachability: 'unknown', lastError: null, lastErrorAt: null, running: false,
        lock: Promise.resolve(), lastAutoAt: -Infinity, lastProbeAt: -Infinity, rejected: null,
      };
      runtimes.set(name, r);
    }
    return r;
  }

  const clean = (message: string) => clip(scrub(message, deps.secrets.values()), 1000);

  function status(name: ConnectorName, counts = outbox.counts()): ConnectorStatus {
    const active = deps.registry.get(name);
    const r = rt(name);
    const next = outbox.nextDue(name);
    const last = outbox.lastUpload(name);
    return {
      connector: name,
      enabled: active.config.enabled,
      usable: active.client !== null,
      // Rejected credentials are never "online": the CRM answers, but not to us.
      reachability: r.rejected && r.reachability === 'online' ? 'unknown' : r.reachability,
      counts: counts.get(name) ?? { pending: 0, inFlight: 0, done: 0, attention: 0 },
      running: r.running,
      nextAttemptAt: next === null ? null : iso(next),
      lastError: r.lastError,
      lastErrorAt: r.lastErrorAt === null ? null : iso(r.lastErrorAt),
      lastUploadAt: last === null ? null : iso(last),
      autoUploadMinutes: active.config.settings.autoUploadMinutes,
      policy: active.config.scope.policy,
      credentialsRejected: r.rejected ? { message: r.rejected.message, at: iso(r.rejected.at) } : null,
    };
  }

  const emitState = (name: ConnectorName) => deps.emit('sync.state', status(name));

  function setReachability(name: ConnectorName, next: Reachability): void {
    const r = rt(name);
    if (r.reachability === next) return;
    r.reachability = next;
    emitState(name);
  }

  function sample(name: ConnectorName, s: CallSample): void {
    const r = rt(name);
    r.samples.push(s);
    if (r.samples.length > policy.reachability.window) r.samples.shift();
    setReachability(name, judge(r.samples, policy.reachability));
  }

  function fail(name: ConnectorName, message: string): void {
    const r = rt(name);
    r.lastError = clean(message);
    r.lastErrorAt = deps.clock();
  }

  /**
   * The CRM refused our credentials: the connector stops sending (no retry would fare better,
   * and each would cost the records an attempt) until its configuration changes (reset).
   */
  function reject(name: ConnectorName, message: string): void {
    const r = rt(name);
    r.rejected = { message: clean(message), at: deps.clock() };
    fail(name, message);
    emitState(name);
  }

  /** A cheap real call; success clears the memory of failures, so one old timeout does not flip us back. */
  async function probe(name: ConnectorName, client: Connector): Promise<boolean> {
    const r = rt(name);
    r.lastProbeAt = timer.now();
    const started = timer.now();
    let answered = false;
    try {
      const result = await client.probe(abort.signal);
      if (result.credentialsRejected) {
        reject(name, result.credentialsRejected);
        return false;
      }
      answered = result.answered;
    } catch {
      answered = false;
    }
    const ms = timer.now() - started;
    if (answered && ms <= policy.reachability.slowMs) {
      r.samples = [{ answered: true, ms }];
      setReachability(name, 'online');
      return true;
    }
    sample(name, { answered, ms });
    setReachability(name, 'offline');
    return false;
  }

  /** Sends leads in one request; a request the CRM refused as a whole is split until the bad records are alone. */
  async function deliver(name: ConnectorName, client: Connector, leads: readonly DeliveryLead[]): Promise<Delivery> {
    const started = timer.now();
    let verdict: Verdict;
    try {
      verdict = await client.upsert(leads, abort.signal);
    } catch (err) {
      // A connector does not throw for the network; this is a bug, and the records simply wait.
      verdict = { kind: 'retry', cause: 'network', message: err instanceof Error ? err.message : String(err), retryAfterMs: null };
    }
    const unreachable = verdict.kind === 'retry' && verdict.cause !== 'rate_limit';
    sample(name, { answered: !unreachable, ms: timer.now() - started });

    switch (verdict.kind) {
      case 'records':
        return { results: verdict.results, whole: null };
      case 'retry':
      case 'setup': {
        const { message } = verdict;
        const retryAfterMs = verdict.kind === 'retry' ? verdict.retryAfterMs : null;
        return { results: leads.map((l) => ({ leadId: l.id, outcome: 'retry', message, retryAfterMs })), whole: verdict };
      }
      case 'rejected': {
        if (leads.length === 1) return { results: [{ leadId: leads[0]!.id, outcome: 'attention', message: verdict.message }], whole: null };
        const mid = Math.ceil(leads.length / 2);
        const first = await deliver(name, client, leads.slice(0, mid));
        if (first.whole) {
          const rest = leads.slice(mid).map((l): RecordResult => ({ leadId: l.id, outcome: 'retry', message: first.whole!.message, retryAfterMs: null }));
          return { results: [...first.results, ...rest], whole: first.whole };
        }
        const second = await deliver(name, client, leads.slice(mid));
        return { results: [...first.results, ...second.results], whole: second.whole };
      }
    }
  }

  /** A send's answer for each claimed row of its unit. */
  function perRow(units: readonly DeliveryUnit[], results: readonly RecordResult[]): RecordResult[] {
    const byLead = new Map(results.map((r) => [r.leadId, r]));
    return units.flatMap((u) => {
      const r = byLead.get(u.leadId);
      return r ? u.leadIds.map((leadId) => ({ ...r, leadId })) : [];
    });
  }

  function completions(
    rows: readonly ClaimedRow[],
    results: readonly RecordResult[],
    sent: readonly DeliveryLead[],
    units: readonly DeliveryUnit[],
  ): Completion[] {
    const now = deps.clock();
    const byLead = new Map(results.map((r) => [r.leadId, r]));
    const unitOf = new Map(units.flatMap((u) => u.leadIds.map((id) => [id, u] as const)));
    const sentBy = new Map(sent.map((l) => [l.id, l]));
    const ownerOf = (leadId: string) => {
      const lead = sentBy.get(unitOf.get(leadId)?.leadId ?? '');
      return lead?.crmOwnerId && lead.owner ? lead.owner : undefined;
    };
    return rows.map((row): Completion => {
      const r = byLead.get(row.leadId);
      if (!r) {
        // The lead is gone, or the connector forgot it: keep it queued rather than call it delivered.
        return { leadId: row.leadId, state: 'pending', message: 'No answer for this record', nextAttemptAt: now + retryDelay(row.attempts, null, deps.random, policy.backoff) };
      }
      if (r.outcome === 'done') {
        const owner = ownerOf(r.leadId);
        const contactKey = unitOf.get(r.leadId)?.contactKey;
        return { leadId: r.leadId, state: 'done', remoteId: r.remoteId, ...(owner ? { ownerSent: owner } : {}), ...(contactKey ? { contactKey } : {}) };
      }
      if (r.outcome === 'attention') return { leadId: r.leadId, state: 'attention', message: clean(r.message) };
      return {
        leadId: r.leadId,
        state: 'pending',
        message: clean(r.message),
        nextAttemptAt: now + retryDelay(row.attempts, r.retryAfterMs, deps.random, policy.backoff),
      };
    });
  }

  async function runOnce(name: ConnectorName, eventId: string | null): Promise<UploadRun> {
    const active = deps.registry.get(name);
    const r = rt(name);
    const run: UploadRun = { connector: name, sent: 0, done: 0, retrying: 0, attention: 0, pending: 0, stopped: null, error: null };
    const finish = () => {
      run.pending = outbox.remaining(name, eventId);
      return run;
    };
    const client = active.client;
    if (!client) {
      run.stopped = 'not_configured';
      run.error = active.problem?.message ?? 'Not configured';
      return finish();
    }
    if (r.rejected) {
      run.stopped = 'credentials';
      run.error = r.rejected.message;
      return finish();
    }
    if (r.reachability === 'offline' && !(await probe(name, client))) {
      run.stopped = r.rejected ? 'credentials' : 'offline';
      run.error = r.lastError;
      return finish();
    }
    client.clearOwnerCache?.();
    // Before the run is marked running: linking writes, and a full disk or a lock held past the
    // busy timeout must fail this run only, not leave the connector "running" for auto-upload
    // to pass over until the app restarts.
    deps.beforeRun();

    r.running = true;
    emitState(name);
    const runId = deps.newId();
    const total = outbox.due(name, deps.clock(), eventId);
    try {
      for (;;) {
        if (abort.signal.aborted) {
          run.stopped = 'stopped';
          break;
        }
        const wait = client.readyIn();
        if (wait > 0) {
          // Waiting for the rate limit only makes sense with something to send.
          if (!outbox.anyDue(name, deps.clock(), eventId)) break;
          if (wait > policy.maxInlineWaitMs) {
            run.stopped = 'rate_limited';
            break;
          }
          await timer.sleep(wait, abort.signal);
        }
        const claim = outbox.claim(name, deps.newId(), client.batchSize, deps.clock(), eventId);
        if (claim.rows.length === 0) break;

        const upserts = claim.rows.filter((row) => row.kind !== 'merge');
        const merges = claim.rows.filter((row) => row.kind === 'merge');
        // Merges first, stored before the sends are planned: the survivor's send then goes to the
        // contact left (or the one it adopted), and its email can no longer meet the merged
        // contact's as a conflict.
        const settled = await mergeAll(name, client, merges);
        if (settled.length) outbox.complete(name, claim.batchId, settled, null, deps.clock());
        const stoppedByMerge = rt(name).rejected !== null;
        const units = stoppedByMerge ? [] : deps.leads.units(upserts.map((row) => row.leadId), name, active.config.scope);
        const leads = units.length ? await withOwners(client, deps.leads.deliveryOf(units, name)) : [];
        const delivery: Delivery = leads.length ? await deliver(name, client, leads) : { results: [], whole: null };
        const credentials = stoppedByMerge || (delivery.whole?.kind === 'setup' && delivery.whole.credentials === true);
        // Every claimed row answers with its person's send (person.ts): one contact, one answer.
        const results = perRow(units, delivery.results);
        const records = credentials ? unclaimed(upserts, results) : completions(upserts, results, leads, units);
        const all = [...records, ...settled];
        const summary = {
          done: all.filter((c) => c.state === 'done' || c.state === 'merged').length,
          retrying: all.filter((c) => c.state === 'pending').length,
          attention: all.filter((c) => c.state === 'attention').length,
          error: delivery.whole ? clean(delivery.whole.message) : null,
        };
        outbox.complete(name, claim.batchId, records, summary, deps.clock());

        run.sent += claim.rows.length;
        run.done += summary.done;
        run.retrying += summary.retrying;
        run.attention += summary.attention;
        deps.emit('sync.progress', { connector: name, runId, total, sent: run.sent, done: run.done, retrying: run.retrying, attention: run.attention });

        if (delivery.whole) {
          if (credentials) reject(name, delivery.whole.message);
          else fail(name, delivery.whole.message);
          run.error = r.lastError;
          if (delivery.whole.kind === 'setup') {
            run.stopped = credentials ? 'credentials' : 'setup';
            break;
          }
        }
        // A merge can find the credentials refused too (narrowed to null above; it may be set since).
        const refused = r.rejected as Runtime['rejected'];
        if (refused && run.stopped === null) {
          run.stopped = 'credentials';
          run.error = refused.message;
          break;
        }
        if (r.reachability === 'offline') {
          run.stopped = 'offline';
          break;
        }
      }
      // Event memberships the run's sends collected go in bulk, a call per event rather than per batch.
      await client.flush?.(abort.signal);
      // Sales' verdict comes back through the same connector, once what was due went out.
      if (run.stopped === null && client.readStatuses && client.readBatchSize > 0 && active.config.verdicts) {
        run.verdicts = await pullVerdicts(name, client, active.config);
        // Narrowed to null above; the read may have set it since.
        const rejected = r.rejected as Runtime['rejected'];
        if (rejected) {
          run.stopped = 'credentials';
          run.error = rejected.message;
        }
      }
    } finally {
      r.running = false;
      finish();
      emitState(name);
    }
    return run;
  }

  /**
   * Reads sales' verdict of the delivered leads in their hands, a batch of record ids at a time,
   * and hands each CRM value that changed since the last read to the core. What was read is
   * remembered per lead and connector, so a value is applied once: a person who later moves the
   * lead on in LeadBooth is not overruled by the same old value on every sync.
   */
  async function pullVerdicts(name: ConnectorName, client: Connector, config: ResolvedConfig): Promise<VerdictCounts> {
    const counts: VerdictCounts = { changed: 0, applied: 0, unchanged: 0, refused: 0 };
    const mapping = config.verdicts!;
    let after = '';
    for (;;) {
      if (abort.signal.aborted) break;
      const rows = outbox.verdictCandidates(name, after, client.readBatchSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.leadId;
      const started = timer.now();
      const read = await client.readStatuses!(rows.map((row) => row.remoteId), abort.signal);
      const unreachable = read.kind === 'retry' && read.cause !== 'rate_limit';
      sample(name, { answered: !unreachable, ms: timer.now() - started });
      if (read.kind !== 'values') {
        if (read.kind === 'setup' && read.credentials) reject(name, read.message);
        else fail(name, `Reading sales' verdicts: ${read.message}`);
        break;
      }
      const byRemote = new Map(read.values.map((v) => [v.remoteId, v]));
      for (const row of rows) {
        const found = byRemote.get(row.remoteId);
        if (!found || (found.value === row.verdictValue && found.reason === row.verdictReason)) continue;
        counts.changed++;
        const verdict = readVerdict(found.value, found.reason, mapping);
        let outcome: VerdictOutcome | null = null;
        if (verdict) {
          try {
            outcome = await apply(row.leadId, verdict, name);
          } catch (err) {
            // Not remembered: the same value is offered again on the next read.
            fail(name, `Applying a verdict from ${name}: ${err instanceof Error ? err.message : String(err)}`);
            continue;
          }
          counts[outcome]++;
        }
        outbox.recordVerdict(row.leadId, name, { value: found.value, reason: found.reason, to: verdict?.to ?? null, outcome }, deps.clock());
      }
    }
    return counts;
  }

  /** The core maps a reason it does not know to 'other' (electron/core/triage/status.ts): nothing is lost. */
  const apply = (leadId: string, verdict: CrmVerdict, name: ConnectorName): Promise<VerdictOutcome> | VerdictOutcome =>
    deps.applyVerdict(leadId, verdict.to, verdict.reason, `crm:${name}` as CrmSource);

  /**
   * The CRM's own owner id for leads whose owner has not gone with a delivery yet (or changed
   * since): resolved by email, cached for the run. Once sent, an owner is not sent again, so sales
   * can reassign the record in the CRM without the next status change taking it back.
   */
  async function withOwners(client: Connector, leads: DeliveryLead[]): Promise<DeliveryLead[]> {
    if (!client.resolveOwner) return leads;
    const out: DeliveryLead[] = [];
    for (const lead of leads) {
      if (!lead.owner || lead.owner === lead.crmOwnerSent) {
        out.push(lead);
        continue;
      }
      const id = await client.resolveOwner(lead.owner, abort.signal);
      out.push(id ? { ...lead, crmOwnerId: id } : lead);
    }
    return out;
  }

  /**
   * Merges a batch's merge rows one by one (merge.ts plans each): the merged lead's contact into
   * its survivor's. The connector checks before it merges, so a merge the CRM made before a crash
   * or a lost answer is found done rather than made twice.
   */
  async function mergeAll(name: ConnectorName, client: Connector, rows: readonly ClaimedRow[]): Promise<Completion[]> {
    const out: Completion[] = [];
    for (const row of rows) {
      if (rt(name).rejected) {
        out.push({ leadId: row.leadId, state: 'unclaimed', message: 'Credentials rejected' });
        continue;
      }
      const survivorId = deps.leads.mergedInto(row.leadId);
      if (survivorId === null) {
        // Undone before it went: the lead is back, and its next write queues it as itself.
        out.push({ leadId: row.leadId, state: 'merged' });
        continue;
      }
      const plan = planMerge(outbox.contactOf(row.leadId, name), outbox.personContact(survivorId, name));
      if (plan.kind === 'nothing') {
        out.push({ leadId: row.leadId, state: 'merged' });
        continue;
      }
      if (plan.kind === 'adopt') {
        out.push({ leadId: row.leadId, state: 'merged', adopt: { leadId: survivorId, ...plan.contact } });
        continue;
      }
      if (!client.merge) {
        out.push({ leadId: row.leadId, state: 'attention', step: 'merge', message: `${name} cannot merge records: merge them by hand` });
        continue;
      }
      const started = timer.now();
      const answer = await client.merge(plan.merged, plan.into, abort.signal);
      const unreachable = answer.kind === 'retry' && answer.cause !== 'rate_limit';
      sample(name, { answered: !unreachable, ms: timer.now() - started });
      if (answer.kind === 'merged') {
        out.push({
          leadId: row.leadId,
          state: 'merged',
          merged: { from: plan.merged.remoteId, into: plan.into.remoteId, fromKey: plan.merged.key, remoteId: answer.remoteId ?? plan.into.remoteId, key: plan.into.key },
        });
      } else if (answer.kind === 'retry') {
        out.push({ leadId: row.leadId, state: 'pending', message: clean(answer.message), nextAttemptAt: deps.clock() + retryDelay(row.attempts, answer.retryAfterMs, deps.random, policy.backoff) });
      } else if (answer.kind === 'setup' && answer.credentials) {
        reject(name, answer.message);
        out.push({ leadId: row.leadId, state: 'unclaimed', message: clean(answer.message) });
      } else if (answer.kind === 'setup') {
        // A missing scope or a wrong URL: the merge waits, backing off, while the sends go on.
        fail(name, answer.message);
        out.push({ leadId: row.leadId, state: 'pending', message: clean(answer.message), nextAttemptAt: deps.clock() + retryDelay(row.attempts, null, deps.random, policy.backoff) });
      } else {
        out.push({ leadId: row.leadId, state: 'attention', step: 'merge', message: clean(answer.message) });
      }
    }
    return out;
  }

  /** Records that never reached the CRM because it refused our credentials: back as they were. */
  function unclaimed(rows: readonly ClaimedRow[], results: readonly RecordResult[]): Completion[] {
    const byLead = new Map(results.map((r) => [r.leadId, r]));
    return rows.map((row): Completion => {
      const r = byLead.get(row.leadId);
      if (r?.outcome === 'done') return { leadId: row.leadId, state: 'done', remoteId: r.remoteId };
      if (r?.outcome === 'attention') return { leadId: row.leadId, state: 'attention', message: clean(r.message) };
      return { leadId: row.leadId, state: 'unclaimed', message: clean(r?.outcome === 'retry' ? r.message : 'Credentials rejected') };
    });
  }

  /** Runs one connector, after any run already under way for it. */
  function run(name: ConnectorName, eventId: string | null): Promise<UploadRun> {
    const r = rt(name);
    const next = r.lock.then(() => runOnce(name, eventId));
    r.lock = next.catch(() => undefined);
    return next;
  }

  function targets(connector?: ConnectorName): ConnectorName[] {
    if (connector) return [connector];
    return deps.registry.all().filter((a) => a.config.enabled).map((a) => a.config.name);
  }

  async function uploadNow(options: UploadOptions = {}): Promise<UploadRun[]> {
    return Promise.all(targets(options.connector).map((name) => run(name, options.eventId ?? null)));
  }

  /**
   * Uploads until nothing is due, waiting out backoffs and rate-limit pauses that end within
   * maxWaitMs; what remains after that stays queued for the next run.
   */
  async function drain(options: DrainOptions = {}): Promise<UploadRun[]> {
    const deadline = timer.now() + (options.maxWaitMs ?? 60_000);
    const totals = new Map<ConnectorName, UploadRun>();
    const eventId = options.eventId ?? null;
    for (;;) {
      const runs = await uploadNow(options);
      let wait = Infinity;
      for (const run of runs) {
        const total = totals.get(run.connector);
        if (!total) totals.set(run.connector, { ...run });
        else {
          total.sent += run.sent;
          total.done += run.done;
          total.retrying += run.retrying;
          total.attention += run.attention;
          total.pending = run.pending;
          total.stopped = run.stopped;
          total.error = run.error ?? total.error;
          if (run.verdicts) total.verdicts = addCounts(total.verdicts, run.verdicts);
        }
        if (run.pending === 0 || run.stopped === 'setup' || run.stopped === 'credentials' || run.stopped === 'not_configured' || run.stopped === 'stopped') continue;
        const client = deps.registry.get(run.connector).client;
        const next = outbox.nextDueFor(run.connector, eventId);
        let w = next === null ? Infinity : Math.max(0, next - deps.clock());
        if (run.stopped === 'rate_limited' && client) w = Math.max(w, client.readyIn());
        if (run.stopped === 'offline') w = Math.max(w, Math.min(policy.probeIntervalMs, 2_000));
        wait = Math.min(wait, w);
      }
      if (!Number.isFinite(wait) || timer.now() + wait > deadline || abort.signal.aborted) break;
      await timer.sleep(Math.max(wait, 10), abort.signal);
    }
    // A connector that ended with everything sent has nothing to explain.
    for (const total of totals.values()) {
      if (total.pending === 0 && total.stopped !== 'not_configured' && total.stopped !== 'credentials') total.stopped = null;
    }
    return [...totals.values()];
  }

  /** Auto-upload: every N minutes per connector while online; while offline, a probe now and then. */
  function tick(): void {
    for (const active of deps.registry.all()) {
      const name = active.config.name;
      if (!active.client || abort.signal.aborted) continue;
      const r = rt(name);
      if (r.running || r.rejected) continue;
      const now = timer.now();
      if (r.reachability === 'offline') {
        if (now - r.lastProbeAt < policy.probeIntervalMs) continue;
      } else {
        const every = active.config.settings.autoUploadMinutes * 60_000;
        if (every <= 0 || now - r.lastAutoAt < every) continue;
        // Nothing to send may still mean verdicts to read back: a sync is both.
        const readsBack = active.client.readBatchSize > 0 && active.config.verdicts !== null;
        if (!outbox.anyDue(name, deps.clock(), null) && !(readsBack && outbox.hasVerdictCandidates(name))) continue;
      }
      r.lastAutoAt = now;
      run(name, null).catch((err: unknown) => fail(name, err instanceof Error ? err.message : String(err)));
    }
  }

  return {
    uploadNow,
    drain,
    status: (name: ConnectorName) => status(name),
    statuses(): ConnectorStatus[] {
      const counts = outbox.counts();
      return deps.registry.all().map((a) => status(a.config.name, counts));
    },
    /** Starts the auto-upload scheduler (its timer never keeps the process alive). */
    startScheduler(): void {
      if (ticker) return;
      abort = abort.signal.aborted ? new AbortController() : abort;
      ticker = setInterval(tick, policy.tickMs);
      ticker.unref?.();
      tick();
    },
    /** Stops the scheduler and aborts calls under way; their records go back to pending at the next start. */
    async stop(): Promise<void> {
      if (ticker) clearInterval(ticker);
      ticker = null;
      abort.abort();
      await Promise.all([...runtimes.values()].map((r) => r.lock));
    },
    /** Forgets what the calls said about a connector (its configuration changed: new URL, new credentials). */
    reset(name: ConnectorName): void {
      const r = rt(name);
      r.samples = [];
      r.reachability = 'unknown';
      r.lastError = null;
      r.lastErrorAt = null;
      r.rejected = null;
    },
  };
}
export type Engine = ReturnType<typeof createEngine>;
