import { z } from 'zod';

/** The CRMs and tools LeadBooth delivers to. The name is also the outbox's connector column. */
export const ConnectorName = z.enum(['hubspot', 'salesforce', 'mautic', 'webhook']);
export type ConnectorName = z.infer<typeof ConnectorName>;
export const CONNECTOR_NAMES = ConnectorName.options;

/** The most records one request may carry, as each CRM documents it. */
export const BATCH_LIMITS: Record<ConnectorName, number> = {
  hubspot: 100,
  salesforce: 200,
  mautic: 200,
  webhook: 500,
};

/**
 * Credentials a connector may need. They are write-only over the contract: a caller can set or
 * clear one, and learn whether it is set, never read it back.
 */
export const SecretSlot = z.enum(['token', 'refreshToken', 'clientSecret', 'password', 'signingSecret']);
export type SecretSlot = z.infer<typeof SecretSlot>;

export const RateLimit = z.object({
  requests: z.number().int().min(1).max(100_000),
  windowMs: z.number().int().min(100).max(24 * 60 * 60 * 1000),
});
export type RateLimit = z.infer<typeof RateLimit>;

/**
 * One flat shape for every connector, so Settings can show one form; each field says which
 * connector reads it. Unset fields take the connector's defaults (connectorDefaults).
 */
export const ConnectorSettings = z.object({
  /** HubSpot/Mautic: the API's base URL; Salesforce: the instance URL; webhook: the endpoint. */
  url: z.string().max(2000).optional(),
  /** Records a request; at most the connector's documented limit. */
  batchSize: z.number().int().min(1).max(1000).optional(),
  timeoutMs: z.number().int().min(1000).max(300_000).optional(),
  /** Upload by itself every N minutes while online; 0 turns it off. */
  autoUploadMinutes: z.number().int().min(0).max(24 * 60).optional(),
  /** A client-side ceiling on requests (HubSpot's burst limit: 100 requests / 10 s by default). */
  rateLimit: RateLimit.nullable().optional(),
  /** The CRM property holding the LeadBooth id: HubSpot idProperty, Salesforce external id field, Mautic unique field. */
  idProperty: z.string().max(100).regex(/^[A-Za-z0-9_]+$/u).optional(),
  /** Salesforce REST API version, e.g. "62.0". */
  apiVersion: z.string().regex(/^\d{2,3}\.\d$/u).optional(),
  /** Salesforce: where a refresh token is exchanged for a new access token. */
  tokenUrl: z.string().max(2000).optional(),
  /** Salesforce connected app's consumer key (not a secret). */
  clientId: z.string().max(500).optional(),
  /** Mautic: basic auth with a user and password, or an OAuth2 bearer token. */
  auth: z.enum(['basic', 'oauth2']).optional(),
  user: z.string().max(200).optional(),
});
export type ConnectorSettings = z.infer<typeof ConnectorSettings>;

export interface EffectiveSettings {
  url: string;
  batchSize: number;
  timeoutMs: number;
  autoUploadMinutes: number;
  rateLimit: RateLimit | null;
  idProperty: string;
  apiVersion: string;
  tokenUrl: string;
  clientId: string;
  auth: 'basic' | 'oauth2';
  user: string;
}

const COMMON = { timeoutMs: 30_000, autoUploadMinutes: 5, apiVersion: '62.0', tokenUrl: '', clientId: '', auth: 'basic', user: '' } as const;

export function connectorDefaults(name: ConnectorName): EffectiveSettings {
  switch (name) {
    case 'hubspot':
      // HubSpot's documented burst limit for private apps on the lower tiers.
      return { ...COMMON, url: 'https://api.hubapi.com', batchSize: 100, rateLimit: { requests: 100, windowMs: 10_000 }, idProperty: 'leadbooth_id' };
    case 'salesforce':
      return { ...COMMON, url: '', batchSize: 200, rateLimit: null, idProperty: 'LeadBooth_Id__c' };
    case 'mautic':
      return { ...COMMON, url: '', batchSize: 200, rateLimit: null, idProperty: 'leadbooth_id' };
    case 'webhook':
      return { ...COMMON, url: '', batchSize: 100, rateLimit: null, idProperty: 'id' };
  }
}

/** The user's settings over the defaults, the batch size clamped to what the CRM accepts. */
export function effectiveSettings(name: ConnectorName, settings: ConnectorSettings): EffectiveSettings {
  const defaults = connectorDefaults(name);
  const merged: EffectiveSettings = { ...defaults };
  for (const [key, value] of Object.entries(settings) as [keyof EffectiveSettings, never][]) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  if (settings.rateLimit === null) merged.rateLimit = null;
  merged.batchSize = Math.min(merged.batchSize, BATCH_LIMITS[name]);
  merged.url = merged.url.replace(/\/+$/u, '');
  return merged;
}

/** Which secrets a connector needs before it can send. */
export function requiredSecrets(name: ConnectorName, settings: EffectiveSettings): SecretSlot[] {
  switch (name) {
    case 'hubspot':
    case 'salesforce':
      return ['token'];
    case 'mautic':
      return settings.auth === 'oauth2' ? ['token'] : ['password'];
    case 'webhook':
      return ['signingSecret'];
  }
}
