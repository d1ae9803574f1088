import { z } from 'zod';
import { Id, Lead } from '../model';
import { proc } from '../proc';
import { ConnectorName, ConnectorSettings, SecretSlot } from './connectors';
import { FieldMapping } from './fields';

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
});
export type ConnectorStatus = z.infer<typeof ConnectorStatus>;

export const SyncStatus = z.object({ connectors: z.array(ConnectorStatus) });
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * Why an upload run stopped before everything due was sent: the CRM is unreachable; its rate
 * limit asks for a longer pause than a run waits; its setup is wrong (credentials, URL); the
 * connector is off or incomplete; LeadBooth is shutting down.
 */
export const StopReason = z.enum(['offline', 'rate_limited', 'setup', 'not_configured', 'stopped']);

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
  /** Why it cannot send yet, e.g. {code: 'connector.missing_secret'}. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
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
  'connectors.list': proc(z.object({}), z.array(ConnectorInfo)),
  'connectors.get': proc(z.object({ name: ConnectorName }), ConnectorInfo),
  'connectors.configure': proc(
    z.object({
      name: ConnectorName,
      enabled: z.boolean(),
      settings: ConnectorSettings.optional(),
      mapping: FieldMapping.optional(),
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
