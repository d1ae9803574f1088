import type { Handlers } from '../../shared/api';
import type { ConnectorInfo, LeadDelivery } from '../../shared/delivery/api';
import { BATCH_LIMITS, requiredSecrets, type ConnectorName, type SecretSlot } from '../../shared/delivery/connectors';
import { DEFAULT_MAPPINGS } from '../../shared/delivery/fields';
import { DEFAULT_VERDICTS } from '../../shared/delivery/verdicts';
import { iso } from '../../shared/time';
import { AppError } from '../../shared/errors';
import type { SyncDeps } from './deps';
import { urlProblem, type StoredConfig } from './connectors';
import type { Engine, Registry } from './engine';
import type { LeadReader } from './lead-reader';
import type { OutboxStore } from './outbox';
import { ENV_SECRETS, type KeyValue, type SecretStore } from './secrets';

type SyncHandlers = Pick<
  Handlers,
  | 'sync.status' | 'sync.uploadNow' | 'sync.history' | 'sync.attention' | 'sync.retry' | 'sync.preview' | 'sync.leadDelivery'
  | 'connectors.list' | 'connectors.get' | 'connectors.configure' | 'connectors.secretStorage'
>;

export interface SyncHandlerDeps {
  deps: SyncDeps;
  kv: KeyValue;
  secrets: SecretStore;
  outbox: OutboxStore;
  leads: LeadReader;
  engine: Engine;
  registry: Registry;
  ensureStarted(): void;
  refresh(name: ConnectorName): void;
  readStored(name: ConnectorName): StoredConfig | null;
  writeStored(name: ConnectorName, config: StoredConfig): void;
  enabled(): ConnectorName[];
  /** Where the browser host and CLI read LEADBOOTH_* (null in Electron). */
  env: Readonly<Record<string, string | undefined>> | null;
}

/** The secrets a connector can hold: the same slots the environment offers for it. */
const slotsOf = (name: ConnectorName) => Object.keys(ENV_SECRETS[name]) as SecretSlot[];

export function syncHandlers(h: SyncHandlerDeps): SyncHandlers {
  const { secrets, outbox, engine, registry } = h;

  function info(name: ConnectorName): ConnectorInfo {
    const { config, client } = registry.get(name);
    const rejected = engine.status(name).credentialsRejected;
    const problem = registry.get(name).problem
      ?? (rejected ? { code: 'connector.credentials_rejected', message: rejected.message } : null);
    const env = h.deps.shell === 'electron' ? null : h.env;
    return {
      name,
      enabled: config.enabled,
      configuredBy: config.configuredBy,
      settings: config.settings,
      mapping: config.mapping,
      defaultMapping: { ...DEFAULT_MAPPINGS[name], id: config.settings.idProperty },
      batchLimit: BATCH_LIMITS[name],
      secrets: Object.fromEntries(slotsOf(name).map((slot) => [slot, secrets.get(name, slot) !== null])),
      requiredSecrets: requiredSecrets(name, config.settings),
      usable: client !== null,
      problem,
      send: config.scope,
      sendFromEnvironment: Boolean(env?.[`LEADBOOTH_${name.toUpperCase()}_SEND`]?.trim()),
      verdicts: config.verdicts,
      defaultVerdicts: DEFAULT_VERDICTS[name] ?? null,
    };
  }

  function leadDelivery(leadId: string): LeadDelivery[] {
    const rows = new Map(outbox.leadDelivery(leadId).map((r) => [r.connector, r]));
    const out: LeadDelivery[] = [];
    for (const a of registry.all()) {
      const name = a.config.name;
      const row = rows.get(name);
      if (!row && !a.config.enabled) continue;
      out.push({
        connector: name,
        state: row?.state ?? 'not_queued',
        attempts: row?.attempts ?? 0,
        lastError: row?.lastError ?? null,
        remoteId: row?.remoteId ?? null,
        updatedAt: row?.updatedAt == null ? null : iso(row.updatedAt),
        deliveredAt: row?.deliveredAt == null ? null : iso(row.deliveredAt),
        verdict: row?.verdictAt == null
          ? null
          : {
              value: row.verdictValue,
              reason: row.verdictReason,
              to: (row.verdictTo as 'sal' | 'rejected' | null) ?? null,
              outcome: (row.verdictOutcome as 'applied' | 'unchanged' | 'refused' | null) ?? null,
              at: iso(row.verdictAt),
            },
      });
    }
    return out;
  }

  return {
    'sync.status': () => {
      h.ensureStarted();
      return { connectors: engine.statuses() };
    },
    'sync.uploadNow': async ({ connector, eventId }) => {
      h.ensureStarted();
      return { runs: await engine.uploadNow({ connector, eventId }) };
    },
    'sync.history': ({ connector, limit }) => outbox.history(connector ?? null, limit),
    'sync.attention': ({ connector, eventId, limit }) => h.leads.attention(connector ?? null, eventId ?? null, limit),
    'sync.retry': ({ leadIds, connector }) => {
      h.ensureStarted();
      const connectors = connector ? [connector] : h.enabled();
      if (connector && !registry.get(connector).config.enabled) {
        throw new AppError('connector.disabled', `${connector} is turned off`);
      }
      const existing = h.leads.existing(leadIds);
      const requeued = outbox.requeue(existing, connectors, h.deps.clock());
      for (const name of connectors) h.deps.emit('sync.state', engine.status(name));
      return { requeued };
    },
    'sync.preview': ({ connector, policy, excludeEvents }) => {
      const current = registry.get(connector).config.scope;
      const scope = { policy: policy ?? current.policy, excludeEvents: excludeEvents ?? current.excludeEvents };
      return { connector, ...scope, ...outbox.preview(connector, scope) };
    },
    'sync.leadDelivery': ({ leadId }) => leadDelivery(leadId),
    'connectors.list': () => registry.all().map((a) => info(a.config.name)),
    'connectors.get': ({ name }) => info(name),
    'connectors.configure': (input) => {
      h.ensureStarted();
      const { name } = input;
      const previous = h.readStored(name);
      const next: StoredConfig = {
        enabled: input.enabled,
        settings: input.settings ?? previous?.settings ?? {},
        mapping: input.mapping ?? previous?.mapping ?? {},
        ...(input.send ?? previous?.send ? { send: input.send ?? previous!.send } : {}),
        ...(input.verdicts !== undefined ? { verdicts: input.verdicts } : previous?.verdicts !== undefined ? { verdicts: previous.verdicts } : {}),
      };
      if (next.settings.url) {
        const problem = urlProblem(next.settings.url);
        if (problem) throw new AppError(problem.code, problem.message);
      }
      if (input.allowWeakSecretStorage !== undefined) secrets.allowWeak(input.allowWeakSecretStorage);
      for (const [slot, value] of Object.entries(input.secrets ?? {}) as [SecretSlot, string | null][]) {
        if (!slotsOf(name).includes(slot)) throw new AppError('connector.unknown_secret', `${name} has no ${slot}`);
        secrets.set(name, slot, value);
      }
      h.writeStored(name, next);
      h.refresh(name);
      // New credentials or settings: a "credentials rejected" stop is lifted, the next run tries them.
      engine.reset(name);
      // Usually HubSpot is set up in the evening after a day of capture: it first gets every lead
      // its policy covers that it has not yet received (sync.preview said how many, and the person
      // agreed); waiting rows a narrower scope no longer covers are withdrawn.
      const { config } = registry.get(name);
      if (config.enabled) outbox.backfill(name, config.scope, h.deps.clock());
      h.deps.emit('sync.state', engine.status(name));
      return info(name);
    },
    'connectors.secretStorage': () => secrets.info(),
  };
}
