import {
  CONNECTOR_NAMES, effectiveSettings, requiredSecrets, type ConnectorName, type ConnectorSettings,
} from '../../../shared/delivery/connectors';
import { effectiveMapping, type FieldMapping } from '../../../shared/delivery/fields';
import { DEFAULT_SCOPE, parsePolicy, type DeliveryScope, type SendPolicy } from '../../../shared/delivery/policy';
import { effectiveVerdicts, type VerdictMapping } from '../../../shared/delivery/verdicts';
import type { SecretStore } from '../secrets';
import { hubspotConnector } from './hubspot';
import { mauticConnector } from './mautic';
import { salesforceConnector } from './salesforce';
import type { Connector, ConnectorContext, ResolvedConfig } from './types';
import { webhookConnector } from './webhook';

export type { Connector, ConnectorContext, ResolvedConfig } from './types';

/** What Settings stores for a connector (secrets apart, in the secret store). */
export interface StoredConfig {
  enabled: boolean;
  settings: ConnectorSettings;
  mapping: FieldMapping;
  /** What it sends; absent in a config saved before policies existed, which gets the default (mql). */
  send?: DeliveryScope;
  /** The user's verdict mapping; absent: the CRM's default. */
  verdicts?: VerdictMapping | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The browser host and the CLI take connectors from the environment: a connector whose
 * variables are set is enabled, its URL from there. Returns null when the environment does not
 * configure it.
 */
export function fromEnvironment(name: ConnectorName, env: Env): ConnectorSettings | null {
  const v = (key: string) => env[`LEADBOOTH_${key}`]?.trim() || undefined;
  switch (name) {
    case 'hubspot':
      return v('HUBSPOT_TOKEN') ? { url: v('HUBSPOT_URL') ?? 'https://api.hubapi.com' } : null;
    case 'salesforce':
      return v('SALESFORCE_URL') && v('SALESFORCE_TOKEN')
        ? { url: v('SALESFORCE_URL'), tokenUrl: v('SALESFORCE_TOKEN_URL'), clientId: v('SALESFORCE_CLIENT_ID') }
        : null;
    case 'mautic':
      if (!v('MAUTIC_URL')) return null;
      if (v('MAUTIC_USER') && v('MAUTIC_PASSWORD')) return { url: v('MAUTIC_URL'), auth: 'basic', user: v('MAUTIC_USER') };
      return v('MAUTIC_TOKEN') ? { url: v('MAUTIC_URL'), auth: 'oauth2' } : null;
    case 'webhook':
      return v('WEBHOOK_URL') && v('WEBHOOK_SECRET') ? { url: v('WEBHOOK_URL') } : null;
  }
}

const strip = (settings: ConnectorSettings): ConnectorSettings =>
  Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as ConnectorSettings;

/**
 * The send scope in force: in the browser host and the CLI, `LEADBOOTH_<NAME>_SEND` (ready, mql,
 * all) and `LEADBOOTH_<NAME>_EXCLUDE_EVENTS` (comma-separated event ids) over what Settings stored;
 * a one-run override (`upload --policy`) over both. A value that is not a policy leaves the
 * connector unable to send (`connector.invalid_send_policy`) rather than guess what was meant.
 */
export function resolveScope(
  name: ConnectorName,
  stored: StoredConfig | null,
  env: Env | null,
  override: SendPolicy | null,
): { scope: DeliveryScope; invalid: string | null } {
  const scope: DeliveryScope = { ...DEFAULT_SCOPE, ...(stored?.send ?? {}) };
  let invalid: string | null = null;
  if (env) {
    const key = `LEADBOOTH_${name.toUpperCase()}_SEND`;
    const policy = parsePolicy(env[key]);
    if (policy === null) invalid = `${key}=${env[key]} is not one of ready, mql, all`;
    else if (policy) scope.policy = policy;
    const excluded = env[`LEADBOOTH_${name.toUpperCase()}_EXCLUDE_EVENTS`];
    if (excluded?.trim()) scope.excludeEvents = excluded.split(',').map((id) => id.trim()).filter(Boolean);
  }
  if (override) scope.policy = override;
  return { scope, invalid };
}

/** Stored settings, the environment over them (when it is consulted), the defaults under both. */
export function resolveConfig(
  name: ConnectorName,
  stored: StoredConfig | null,
  env: Env | null,
  override: SendPolicy | null = null,
): ResolvedConfig {
  const fromEnv = env ? fromEnvironment(name, env) : null;
  const settings = effectiveSettings(name, { ...(stored?.settings ?? {}), ...(fromEnv ? strip(fromEnv) : {}) });
  const { scope, invalid } = resolveScope(name, stored, env, override);
  return {
    name,
    enabled: fromEnv !== null || (stored?.enabled ?? false),
    configuredBy: fromEnv ? 'environment' : 'settings',
    settings,
    mapping: effectiveMapping(name, stored?.mapping ?? {}, settings.idProperty),
    scope,
    invalidScope: invalid,
    verdicts: effectiveVerdicts(name, stored?.verdicts),
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Credentials travel only over https; plain http is allowed to this machine (test servers, local relays). */
export function urlProblem(url: string): { code: string; message: string } | null {
  if (!url) return { code: 'connector.missing_url', message: 'No URL is set' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'connector.invalid_url', message: `Not a URL: ${url}` };
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return null;
  return { code: 'connector.insecure_url', message: 'Credentials are only sent over https' };
}

/** Why a connector cannot send yet, or null. */
export function configProblem(config: ResolvedConfig, secrets: SecretStore): { code: string; message: string } | null {
  if (!config.enabled) return { code: 'connector.disabled', message: `${config.name} is turned off` };
  if (config.invalidScope) return { code: 'connector.invalid_send_policy', message: config.invalidScope };
  const url = urlProblem(config.settings.url);
  if (url) return url;
  if (config.name === 'mautic' && config.settings.auth === 'basic' && !config.settings.user) {
    return { code: 'connector.missing_user', message: 'Mautic basic auth needs a user name' };
  }
  for (const slot of requiredSecrets(config.name, config.settings)) {
    if (!secrets.get(config.name, slot)) {
      return { code: 'connector.missing_secret', message: `The ${slot} for ${config.name} is not set` };
    }
  }
  return null;
}

const FACTORIES: Record<ConnectorName, (config: ResolvedConfig, ctx: ConnectorContext) => Connector> = {
  hubspot: hubspotConnector,
  salesforce: salesforceConnector,
  mautic: mauticConnector,
  webhook: webhookConnector,
};

export function createConnector(config: ResolvedConfig, ctx: ConnectorContext): Connector {
  return FACTORIES[config.name](config, ctx);
}

export { CONNECTOR_NAMES };
