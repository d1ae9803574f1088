import type { ConnectorName, EffectiveSettings } from '../../../shared/delivery/connectors';
import type { DeliveryLead, FieldMapping } from '../../../shared/delivery/fields';
import type { DeliveryScope } from '../../../shared/delivery/policy';
import type { ContactRef } from '../../../shared/delivery/merge';
import type { Verdict, WholeVerdict } from '../../../shared/delivery/results';
import type { StatusValue, VerdictMapping } from '../../../shared/delivery/verdicts';
import type { SecretStore } from '../secrets';
import type { Timer } from '../timer';
import type { Fetch } from './http';

/** A connector's configuration in force: stored settings, the environment over them, the defaults under them. */
export interface ResolvedConfig {
  name: ConnectorName;
  enabled: boolean;
  configuredBy: 'settings' | 'environment';
  settings: EffectiveSettings;
  mapping: FieldMapping;
  /** What it sends: the policy and excluded events (shared/delivery/policy.ts). */
  scope: DeliveryScope;
  /** Why the environment's send policy could not be read, or null. */
  invalidScope: string | null;
  /** How sales' verdict is read back; null when this CRM holds none (or it is turned off). */
  verdicts: VerdictMapping | null;
}

/** A probe's answer: reached or not, and whether the CRM refused our credentials. */
export interface ProbeResult {
  answered: boolean;
  /** The CRM's words when it answered 401/403 (not a rate limit). */
  credentialsRejected: string | null;
}

/** The verdict fields of delivered records, or why they could not be read (the same kinds as a send). */
export type StatusRead = { kind: 'values'; values: StatusValue[] } | WholeVerdict;

export interface ConnectorContext {
  fetch: Fetch;
  timer: Timer;
  /** Wall clock, for reading a Retry-After given as an HTTP-date. */
  clock: () => number;
  secrets: SecretStore;
}

/**
 * One CRM as the engine sees it: how many records a request, whether the client-side limiter
 * lets a call go now, and upsert by LeadBooth id with a verdict per record. A connector never
 * throws for what the network or the CRM did; it answers with a verdict.
 */
export interface Connector {
  readonly name: ConnectorName;
  readonly batchSize: number;
  /** Milliseconds until the rate limiter lets the next request go. */
  readyIn(): number;
  upsert(leads: readonly DeliveryLead[], signal?: AbortSignal): Promise<Verdict>;
  /** A cheap real call: answered when the CRM answered (any status below 500). */
  probe(signal?: AbortSignal): Promise<ProbeResult>;
  /** How many records one status read may carry; 0 when the connector reads no verdict back. */
  readonly readBatchSize: number;
  /** Reads sales' verdict fields of records it delivered, by the CRM's record id. */
  readStatuses?(remoteIds: readonly string[], signal?: AbortSignal): Promise<StatusRead>;
  /**
   * The CRM user id of an owner email, or null when the CRM has none (or could not say: the
   * lead then goes with the owner as text only). Answers are kept until clearOwnerCache.
   */
  resolveOwner?(email: string, signal?: AbortSignal): Promise<string | null>;
  /** Forgets owner resolutions: called at the start of each run, so a user added in the CRM is found on the next one. */
  clearOwnerCache?(): void;
  /**
   * Merges the contact of a lead merged away (名寄せ) into the survivor's, by the CRM's own merge
   * call. Checks first whether the CRM merged them already (a crash, a lost answer), so a merge
   * resent is found done, never made twice. remoteId: the contact left, when the CRM names it.
   */
  merge?(merged: ContactRef, into: ContactRef, signal?: AbortSignal): Promise<MergeAnswer>;
  /** At the end of a run: what the sends left to do in bulk (event memberships), best effort. */
  flush?(signal?: AbortSignal): Promise<void>;
}

/** What a merge came to: merged (or found merged), or the same kinds as a refused send. */
export type MergeAnswer = { kind: 'merged'; remoteId: string | null } | WholeVerdict;

/** A probe answer from one HTTP result. */
export function probeResult(result: { ok: true; answer: { status: number; body: unknown } } | { ok: false }, rateLimited = false): ProbeResult {
  if (!result.ok) return { answered: false, credentialsRejected: null };
  const { status } = result.answer;
  if ((status === 401 || status === 403) && !rateLimited) {
    const body = result.answer.body;
    const message = typeof body === 'string' ? body : JSON.stringify(body);
    return { answered: true, credentialsRejected: `HTTP ${status}: ${message.slice(0, 500)}` };
  }
  return { answered: status < 500, credentialsRejected: null };
}

/** Remembers owner lookups for one run; a failed lookup is remembered as "none" for the run too. */
export function ownerCache(lookup: (email: string, signal?: AbortSignal) => Promise<string | null>) {
  const known = new Map<string, Promise<string | null>>();
  return {
    resolve(email: string, signal?: AbortSignal): Promise<string | null> {
      const key = email.trim().toLowerCase();
      let found = known.get(key);
      if (!found) {
        found = lookup(key, signal).catch(() => null);
        known.set(key, found);
      }
      return found;
    },
    clear: () => known.clear(),
  };
}
