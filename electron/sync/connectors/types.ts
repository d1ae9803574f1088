import type { ConnectorName, EffectiveSettings } from '../../../shared/delivery/connectors';
import type { DeliveryLead, FieldMapping } from '../../../shared/delivery/fields';
import type { Verdict } from '../../../shared/delivery/results';
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
}

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
  /** A cheap real call: true when the CRM answered (any status below 500). */
  probe(signal?: AbortSignal): Promise<boolean>;
}
