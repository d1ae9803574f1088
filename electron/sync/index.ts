import type { Handlers } from '../../shared/api';
import { CONNECTOR_NAMES, type ConnectorName } from '../../shared/delivery/connectors';
import type { SendPolicy } from '../../shared/delivery/policy';
import type { WrittenLead } from '../core/store/lead-writer';
import type { SyncDeps } from './deps';
import { configProblem, createConnector, resolveConfig, type ConnectorContext, type StoredConfig } from './connectors';
import type { Fetch } from './connectors/http';
import { createEngine, type ActiveConnector, type EnginePolicy, type Registry } from './engine';
import { syncHandlers } from './handlers';
import { leadReader } from './lead-reader';
import { outboxStore } from './outbox';
import { envSecretStore, type KeyValue, type SecretStore } from './secrets';
import { realTimer, type Timer } from './timer';

export type { SecretCipher, SecretStore, KeyValue } from './secrets';
export { cipherSecretStore, envSecretStore } from './secrets';

export interface SyncOptions {
  /** The network; tests pass their own. */
  fetch?: Fetch;
  /** Where the browser host and the CLI read LEADBOOTH_* connector variables (default process.env). Electron ignores it. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Electron passes a safeStorage-backed store; elsewhere the environment is the store. */
  secrets?: SecretStore | ((kv: KeyValue) => SecretStore);
  /** [0, 1), for backoff jitter. */
  random?: () => number;
  timer?: Timer;
  policy?: Partial<EnginePolicy>;
  /** Start the auto-upload scheduler with the core. Default: yes, except in the CLI (its `upload` command drives the engine). */
  autoUpload?: boolean;
}

const configKey = (name: ConnectorName) => `connector.${name}`;

/** The delivery side of the core: outbox hook, engine, connectors and their handlers. */
export function createSync(deps: SyncDeps, kv: KeyValue, options: SyncOptions = {}) {
  const env = deps.shell === 'electron' ? null : (options.env ?? process.env);
  const secrets =
    typeof options.secrets === 'function' ? options.secrets(kv) : (options.secrets ?? envSecretStore(env ?? {}));
  const outbox = outboxStore(deps.sqlite);
  const leads = leadReader(deps.sqlite);
  const timer = options.timer ?? realTimer;
  const ctx: ConnectorContext = { fetch: options.fetch ?? globalThis.fetch, timer, clock: deps.clock, secrets };

  const readStored = (name: ConnectorName) => kv.read<StoredConfig | null>(configKey(name), null);
  const active = new Map<ConnectorName, ActiveConnector>();
  let enabled: ConnectorName[] = [];
  /** `upload --policy`: the one run's policy over every connector's own. */
  let policyOverride: SendPolicy | null = null;

  function build(name: ConnectorName): ActiveConnector {
    const config = resolveConfig(name, readStored(name), env, policyOverride);
    const problem = configProblem(config, secrets);
    return { config, problem, client: problem ? null : createConnector(config, ctx) };
  }

  /** Rebuilds connectors from their configuration (a new client also means a fresh rate limiter). */
  function refresh(name?: ConnectorName): void {
    for (const n of name ? [name] : CONNECTOR_NAMES) active.set(n, build(n));
    enabled = CONNECTOR_NAMES.filter((n) => active.get(n)!.config.enabled);
  }
  refresh();

  const registry: Registry = {
    get: (name) => active.get(name)!,
    all: () => CONNECTOR_NAMES.map((n) => active.get(n)!),
  };

  const engine = createEngine({
    outbox, leads, registry, secrets, timer,
    clock: deps.clock,
    newId: deps.newId,
    emit: deps.emit,
    random: options.random ?? Math.random,
    policy: options.policy,
    applyVerdict: deps.applyVerdict,
    beforeRun: deps.beforeRun,
  });

  let started = false;
  /**
   * Once per process, before the first claim: rows a crash left in flight go back to pending,
   * and every enabled connector queues the leads its scope covers and it has not yet received —
   * and withdraws waiting rows its scope does not cover, so nothing is sent at start-up that was
   * not chosen (a queue filled by an older version held every lead).
   * `policy` (upload --policy) overrides every connector's policy for this process.
   */
  function start(opts: { scheduler?: boolean; policy?: SendPolicy } = {}): void {
    if (opts.policy && opts.policy !== policyOverride) {
      policyOverride = opts.policy;
      refresh();
    }
    if (!started) {
      started = true;
      const now = deps.clock();
      outbox.recover(now);
      for (const name of enabled) outbox.backfill(name, active.get(name)!.config.scope, now);
    }
    if (opts.scheduler ?? options.autoUpload ?? deps.shell !== 'cli') engine.startScheduler();
  }

  const handlers: Partial<Handlers> = syncHandlers({
    deps, kv, secrets, outbox, leads, engine, registry,
    ensureStarted: () => start({ scheduler: options.autoUpload ?? true }),
    refresh,
    readStored,
    writeStored: (name, config) => kv.write(configKey(name), config),
    enabled: () => enabled,
    env,
  });

  return {
    handlers,
    engine,
    outbox,
    secrets,
    start,
    /** The send policy in force for a connector (its own, the environment's, or this run's override). */
    policyOf: (name: ConnectorName) => active.get(name)!.config.scope.policy,
    /**
     * In the transaction that changed the lead: for every enabled connector, queue it when the
     * connector's scope covers it (selected by the policy, or delivered already), else withdraw
     * what still waited (policy.ts queueAction); a deleted lead is withdrawn from every connector.
     */
    onLeadWritten(lead: WrittenLead): void {
      if (lead.mergedInto !== null) {
        // Merged away (名寄せ): a CRM that holds it merges its contact into the survivor's.
        const now = deps.clock();
        for (const name of CONNECTOR_NAMES) outbox.followMerge(lead.id, name, now);
        return;
      }
      if (lead.deleted) {
        outbox.withdraw(lead.id);
        return;
      }
      if (enabled.length === 0) return;
      const now = deps.clock();
      for (const name of enabled) outbox.follow(lead, name, active.get(name)!.config.scope, now);
    },
    stop: () => engine.stop(),
  };
}
export type Sync = ReturnType<typeof createSync>;
