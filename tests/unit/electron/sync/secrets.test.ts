import { describe, expect, it } from 'vitest';
import { cipherSecretStore, envSecretStore, type KeyValue, type SecretCipher } from '../../../../electron/sync/secrets';

function memoryKv(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    read: <T>(key: string, fallback: T): T => (data.has(key) ? (JSON.parse(data.get(key)!) as T) : fallback),
    write: (key, value) => void data.set(key, JSON.stringify(value)),
  };
}

/** Reverses the bytes: enough to tell ciphertext from plain text in a test. */
function reversing(options: { weak?: boolean; available?: boolean } = {}): SecretCipher {
  return {
    backend: () => (options.weak ? 'basic_text' : 'keychain'),
    available: () => options.available ?? true,
    weak: () => options.weak ?? false,
    encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decrypt: (data) => Buffer.from(data).reverse().toString('utf8'),
  };
}

describe('secret stores', () => {
  it('the environment store reads the LEADBOOTH_* variables of each connector', () => {
    const store = envSecretStore({
      LEADBOOTH_HUBSPOT_TOKEN: 'pat-1', LEADBOOTH_SALESFORCE_REFRESH_TOKEN: 'rt-1', LEADBOOTH_MAUTIC_PASSWORD: 'pw-1', LEADBOOTH_WEBHOOK_SECRET: 'whsec-1',
    });
    expect(store.get('hubspot', 'token')).toBe('pat-1');
    expect(store.get('salesforce', 'refreshToken')).toBe('rt-1');
    expect(store.get('mautic', 'password')).toBe('pw-1');
    expect(store.get('webhook', 'signingSecret')).toBe('whsec-1');
    expect(store.get('salesforce', 'token')).toBeNull();
    expect(store.values().sort()).toEqual(['pat-1', 'pw-1', 'rt-1', 'whsec-1']);
  });

  it('the environment store keeps a secret set at run time in memory, over the variable', () => {
    const store = envSecretStore({ LEADBOOTH_SALESFORCE_TOKEN: 'old' });
    store.set('salesforce', 'token', 'refreshed');
    expect(store.get('salesforce', 'token')).toBe('refreshed');
    expect(store.info()).toMatchObject({ backend: 'environment', persistent: false });
  });

  it('the cipher store keeps only ciphertext in the settings, and reads it back', () => {
    const kv = memoryKv();
    const store = cipherSecretStore(reversing(), kv);
    store.set('hubspot', 'token', 'pat-na1-secret-value');
    expect([...kv.data.values()].join()).not.toContain('pat-na1-secret-value');
    expect(cipherSecretStore(reversing(), kv).get('hubspot', 'token')).toBe('pat-na1-secret-value');
    store.set('hubspot', 'token', null);
    expect(cipherSecretStore(reversing(), kv).get('hubspot', 'token')).toBeNull();
  });

  it('refuses a weak backend until the user agrees, and refuses when there is no encryption at all', () => {
    const kv = memoryKv();
    const weak = cipherSecretStore(reversing({ weak: true }), kv);
    expect(() => weak.set('hubspot', 'token', 'x-secret')).toThrow(expect.objectContaining({ code: 'secrets.weak_backend_refused' }));
    weak.allowWeak(true);
    weak.set('hubspot', 'token', 'x-secret');
    expect(weak.get('hubspot', 'token')).toBe('x-secret');

    const none = cipherSecretStore(reversing({ available: false }), memoryKv());
    expect(() => none.set('hubspot', 'token', 'x')).toThrow(expect.objectContaining({ code: 'secrets.unavailable' }));
  });
});
