import { AppError } from '../../shared/errors';
import { CONNECTOR_NAMES, SecretSlot, type ConnectorName } from '../../shared/delivery/connectors';

/**
 * Where CRM credentials live. Injected into the core: Electron passes one backed by safeStorage
 * (ciphertext in the settings table), the browser host and the CLI read the environment. Either
 * way the plain value stays in the main process: the contract can set a secret and ask whether
 * it is set, never read it.
 */
export interface SecretStore {
  info(): { backend: string; persistent: boolean; available: boolean; needsConsent: boolean };
  get(connector: ConnectorName, slot: SecretSlot): string | null;
  /** null clears. Throws AppError('secrets.*') when the store cannot keep it safely. */
  set(connector: ConnectorName, slot: SecretSlot, value: string | null): void;
  /** Every secret value known, so messages can be scrubbed of them. */
  values(): string[];
  /** The user agreed to a weak backend (Linux basic_text). */
  allowWeak(allow: boolean): void;
}

/** The OS's encryption as Electron's safeStorage offers it, behind an interface so the core never imports electron. */
export interface SecretCipher {
  /** 'keychain', 'dpapi', 'gnome_libsecret', 'kwallet5', 'basic_text', … */
  backend(): string;
  available(): boolean;
  /** True when the backend only obfuscates (Linux basic_text / unknown): no keyring protects the key. */
  weak(): boolean;
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

/** The part of the settings table the cipher store needs. */
export interface KeyValue {
  read<T>(key: string, fallback: T): T;
  write(key: string, value: unknown): void;
}

const secretKey = (connector: ConnectorName, slot: SecretSlot) => `secret.${connector}.${slot}`;
const WEAK_CONSENT_KEY = 'secrets.allowWeakStorage';

/** Ciphertext (base64) in the settings table; the plain value only in memory. */
export function cipherSecretStore(cipher: SecretCipher, kv: KeyValue): SecretStore {
  const cache = new Map<string, string | null>();
  const consent = () => kv.read<boolean>(WEAK_CONSENT_KEY, false);

  function usable(): void {
    if (!cipher.available()) {
      throw new AppError('secrets.unavailable', 'This system offers no encryption for saved credentials');
    }
    if (cipher.weak() && !consent()) {
      throw new AppError(
        'secrets.weak_backend_refused',
        `No keyring is available (${cipher.backend()}): credentials would only be obfuscated. Agree to that in Settings first.`,
      );
    }
  }

  const store: SecretStore = {
    info: () => ({
      backend: cipher.backend(),
      persistent: true,
      available: cipher.available() && (!cipher.weak() || consent()),
      needsConsent: cipher.weak() && !consent(),
    }),
    get(connector, slot) {
      const key = secretKey(connector, slot);
      if (cache.has(key)) return cache.get(key)!;
      const stored = kv.read<string | null>(key, null);
      let plain: string | null = null;
      if (stored) {
        try {
          usable();
          plain = cipher.decrypt(Buffer.from(stored, 'base64'));
        } catch {
          // Encrypted under another user or keyring, or a backend now refused: as good as unset.
          plain = null;
        }
      }
      cache.set(key, plain);
      return plain;
    },
    set(connector, slot, value) {
      const key = secretKey(connector, slot);
      if (value === null) {
        kv.write(key, null);
        cache.set(key, null);
        return;
      }
      usable();
      kv.write(key, Buffer.from(cipher.encrypt(value)).toString('base64'));
      cache.set(key, value);
    },
    values() {
      const out: string[] = [];
      for (const connector of CONNECTOR_NAMES) {
        for (const slot of SecretSlot.options) {
          const v = store.get(connector, slot);
          if (v) out.push(v);
        }
      }
      return out;
    },
    allowWeak(allow) {
      kv.write(WEAK_CONSENT_KEY, allow);
      cache.clear();
    },
  };
  return store;
}

/** The environment variables that carry each connector's secrets in the browser host and the CLI. */
export const ENV_SECRETS: Record<ConnectorName, Partial<Record<SecretSlot, string>>> = {
  hubspot: { token: 'LEADBOOTH_HUBSPOT_TOKEN' },
  salesforce: {
    token: 'LEADBOOTH_SALESFORCE_TOKEN',
    refreshToken: 'LEADBOOTH_SALESFORCE_REFRESH_TOKEN',
    clientSecret: 'LEADBOOTH_SALESFORCE_CLIENT_SECRET',
  },
  mautic: { password: 'LEADBOOTH_MAUTIC_PASSWORD', token: 'LEADBOOTH_MAUTIC_TOKEN' },
  webhook: { signingSecret: 'LEADBOOTH_WEBHOOK_SECRET' },
};

/**
 * Secrets from the environment. One entered in the browser host's Settings is kept in memory for
 * this run only: never written to the database, where it would sit in plain text.
 */
export function envSecretStore(env: Readonly<Record<string, string | undefined>>): SecretStore {
  const memory = new Map<string, string | null>();
  const store: SecretStore = {
    info: () => ({ backend: 'environment', persistent: false, available: true, needsConsent: false }),
    get(connector, slot) {
      const key = secretKey(connector, slot);
      if (memory.has(key)) return memory.get(key)!;
      const name = ENV_SECRETS[connector][slot];
      return (name && env[name]) || null;
    },
    set(connector, slot, value) {
      memory.set(secretKey(connector, slot), value);
    },
    values() {
      const out: string[] = [];
      for (const [connector, slots] of Object.entries(ENV_SECRETS) as [ConnectorName, Partial<Record<SecretSlot, string>>][]) {
        for (const slot of Object.keys(slots) as SecretSlot[]) {
          const v = store.get(connector, slot);
          if (v) out.push(v);
        }
      }
      for (const v of memory.values()) if (v) out.push(v);
      return out;
    },
    allowWeak: () => {},
  };
  return store;
}
