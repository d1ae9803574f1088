import { z } from 'zod';
import { Id, Lead } from '../model';
import { proc } from '../proc';
import { ConnectorName, ConnectorSettings, SecretSlot } from './connectors';
import { LeadStatus } from '../triage/status';
import { FieldMapping } from './fields';
import { DeliveryScope, SendPolicy } from './policy';
import { VerdictMapping, VerdictTarget } from './verdicts';

// The delivery procedures (outbox, connectors, upload) join the contract here.

export const Reachability = z.enum(['unknown', 'online', 'offline']);

export const OutboxCounts = z.object({
  pending: z.number().int(),
  inFlight: z.number().int(),
  done: z.number().int(),
  attention: z.number().int(),
});
export type OutboxCounts = z.infer<typeof OutboxCounts>;

/** One connector as the status bar and the Upload screen show it. */
export const ConnectorStatus = z.object({
  connector: ConnectorName,
  enabled: z.boolean(),
  /** Enabled and has what it needs (URL, credentials) to send. */
  usable: z.boolean(),
  /** Judged from real calls: offline after repeated failures or slow answers, online after a probe succeeds. */
  reachability: Reachability,
  counts: OutboxCounts,
  /** An upload is running for this connector now. */
  running: z.boolean(),
  /** The earliest time a pending record is due (backoff), null when none waits. */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  lastUploadAt: z.iso.datetime().nullable(),
  /** 0 when auto-upload is off. */
  autoUploadMinutes: z.number().int(),
  /** What it sends (ready, mql, all). */
  policy: SendPolicy,
  /**
   * The CRM refused the credentials (401/403 that is not a rate limit): nothing is sent until
   * they change (saving the connector clears it). While set, reachability is never 'online'.
   */
  credentialsRejected: z.object({ message: z.string(), at: z.iso.datetime() }).nullable(),
});
export type ConnectorStatus = z.infer<typeof ConnectorStatus>;

export const SyncStatus = z.object({ connectors: z.array(ConnectorStatus) });
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * Why an upload run stopped before everything due was sent: the CRM is unreachable; its rate
 * limit asks for a longer pause than a run waits; its setup is wrong (credentials, URL); the
 * connector is off or incomplete; LeadBooth is shutting down.
 */
export const StopReason = z.enum(['offline', 'rate_limited', 'setup', 'credentials', 'not_configured', 'stopped']);

/** Sales' verdicts read back in a run: read (records whose CRM value changed), and what the core did with them. */
export const VerdictCounts = z.object({
  changed: z.number().int(),
  applied: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type VerdictCounts = z.infer<typeof VerdictCounts>;

export const UploadRun = z.object({
  connector: ConnectorName,
  /** Record sends in this run (a record retried twice counts twice). */
  sent: z.number().int(),
  done: z.number().int(),
  retrying: z.number().int(),
  attention: z.number().int(),
  /** Records still waiting (pending or in flight) for this connector after the run. */
  pending: z.number().int(),
  stopped: StopReason.nullable(),
  error: z.string().nullable(),
  /** Present when the connector reads sales' verdict back and the run got to it. */
  verdicts: VerdictCounts.optional(),
});
export type UploadRun = z.infer<typeof UploadRun>;

export const UploadBatch = z.object({
  id: Id,
  connector: ConnectorName,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  sent: z.number().int(),
  done: z.number().int(),
  retrying: z.number().int(),
  attention: z.number().int(),
  error: z.string().nullable(),
});
export type UploadBatch = z.infer<typeof UploadBatch>;

export const AttentionItem = z.object({
  connector: ConnectorName,
  /** The CRM's own words about why it refused the record. */
  message: z.string(),
  attempts: z.number().int(),
  at: z.iso.datetime(),
  lead: Lead,
});
export type AttentionItem = z.infer<typeof AttentionItem>;

export const ConnectorInfo = z.object({
  name: ConnectorName,
  enabled: z.boolean(),
  /** 'environment' in the browser host and CLI when LEADBOOTH_<NAME>_* variables configure it. */
  configuredBy: z.enum(['settings', 'environment']),
  /** The settings in force: the user's, over the defaults. */
  settings: ConnectorSettings,
  /** The mapping in force (LeadBooth field → CRM property), and the defaults it started from. */
  mapping: FieldMapping,
  defaultMapping: FieldMapping,
  batchLimit: z.number().int(),
  /** Which secrets are set. Their values never leave the main process. */
  secrets: z.partialRecord(SecretSlot, z.boolean()),
  requiredSecrets: z.array(SecretSlot),
  usable: z.boolean(),
  /** Why it cannot send yet, e.g. {code: 'connector.missing_secret'}, or {code: 'connector.credentials_rejected'}. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** What it sends: policy and excluded events. */
  send: DeliveryScope,
  /** In the browser host and CLI, LEADBOOTH_<NAME>_SEND decides the policy. */
  sendFromEnvironment: z.boolean(),
  /** How sales' verdict is read back (null: this CRM holds none, or it is off), and the CRM's default. */
  verdicts: VerdictMapping.nullable(),
  defaultVerdicts: VerdictMapping.nullable(),
});
export type ConnectorInfo = z.infer<typeof ConnectorInfo>;

export const SecretStorageInfo = z.object({
  /** e.g. 'keychain', 'dpapi', 'gnome_libsecret', 'kwallet5', 'basic_text', 'environment'. */
  backend: z.string(),
  /** Secrets survive a restart (safeStorage); false in the browser host and CLI (environment, or memory for this run). */
  persistent: z.boolean(),
  available: z.boolean(),
  /** Linux without a keyring: safeStorage would only obfuscate; the user must agree first. */
  needsConsent: z.boolean(),
});

const connectorFilter = z.object({ connector: ConnectorName.optional() });

/** What enabling a connector (or changing its policy) would send now, for a person to confirm first. */
export const SendPreview = z.object({
  connector: ConnectorName,
  policy: SendPolicy,
  excludeEvents: z.array(Id),
  /** Leads it would send now: covered by the scope and not yet delivered in their current state. */
  wouldSend: z.number().int(),
  byStatus: z.partialRecord(LeadStatus, z.number().int()),
  /** Of those, marked ready by a person. */
  markedReady: z.number().int(),
});
export type SendPreview = z.infer<typeof SendPreview>;

export const LeadDeliveryState = z.enum(['pending', 'in_flight', 'done', 'attention', 'not_queued']);

/** One connector's delivery of one lead, for the Triage detail panel. */
export const LeadDelivery = z.object({
  connector: ConnectorName,
  /** not_queued: the connector's policy does not select this lead (or it was withdrawn). */
  state: LeadDeliveryState,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** The record's id in the CRM once delivered. */
  remoteId: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  /** Sales' verdict as last read from the CRM, and what became of it. */
  verdict: z
    .object({
      value: z.string().nullable(),
      reason: z.string().nullable(),
      to: VerdictTarget.nullable(),
      outcome: z.enum(['applied', 'unchanged', 'refused']).nullable(),
      at: z.iso.datetime(),
    })
    .nullable(),
});
export type LeadDelivery = z.infer<typeof LeadDelivery>;

export const deliveryApi = {
  'sync.status': proc(z.object({}), SyncStatus),
  'sync.uploadNow': proc(
    z.object({ connector: ConnectorName.optional(), eventId: Id.optional() }),
    z.object({ runs: z.array(UploadRun) }),
  ),
  'sync.history': proc(
    connectorFilter.extend({ limit: z.number().int().min(1).max(500).default(50) }),
    z.array(UploadBatch),
  ),
  'sync.attention': proc(
    connectorFilter.extend({ eventId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    z.array(AttentionItem),
  ),
  /** Sends these leads again (after a fix in LeadBooth or in the CRM), whatever their state. */
  'sync.retry': proc(
    connectorFilter.extend({ leadIds: z.array(Id).min(1).max(10_000) }),
    z.object({ requeued: z.number().int() }),
  ),
  /** How many leads a connector would send now under a scope (its own, or one being chosen). */
  'sync.preview': proc(
    z.object({ connector: ConnectorName, policy: SendPolicy.optional(), excludeEvents: z.array(Id).max(200).optional() }),
    SendPreview,
  ),
  /** Each connector's delivery state of one lead (enabled connectors, and any that holds or held it). */
  'sync.leadDelivery': proc(z.object({ leadId: Id }), z.array(LeadDelivery)),
  'connectors.list': proc(z.object({}), z.array(ConnectorInfo)),
  'connectors.get': proc(z.object({ name: ConnectorName }), ConnectorInfo),
  'connectors.configure': proc(
    z.object({
      name: ConnectorName,
      enabled: z.boolean(),
      settings: ConnectorSettings.optional(),
      mapping: FieldMapping.optional(),
      /** What it sends; absent keeps what was stored (the default for a new connector: mql). */
      send: DeliveryScope.optional(),
      /** Sales' verdict mapping; null turns reading back off; absent keeps what was stored. */
      verdicts: VerdictMapping.nullable().optional(),
      /** Write-only: a value sets the secret, null clears it, absent leaves it. */
      secrets: z.partialRecord(SecretSlot, z.string().min(1).max(8000).nullable()).optional(),
      /** The user agreed to keep secrets with Linux's basic_text backend (obfuscated, not encrypted). */
      allowWeakSecretStorage: z.boolean().optional(),
    }),
    ConnectorInfo,
  ),
  'connectors.secretStorage': proc(z.object({}), SecretStorageInfo),
};

export const deliveryTopics = {
  /** During an upload: counts so far, total = records due when the run started. */
  'sync.progress': z.object({
    connector: ConnectorName,
    runId: Id,
    total: z.number().int(),
    sent: z.number().int(),
    done: z.number().int(),
    retrying: z.number().int(),
    attention: z.number().int(),
  }),
  /** A connector's status changed (online/offline, counts after a batch, a run started or ended). */
  'sync.state': ConnectorStatus,
};
