import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { dispatch } from '../../../electron/dispatch';
import { cipherSecretStore, type SecretCipher } from '../../../electron/sync';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { harness, person, type Harness } from './harness';

/** Stands in for Electron's safeStorage: real encryption under a key the database never sees. */
function testCipher(options: { weak?: boolean } = {}): SecretCipher {
  const key = randomBytes(32);
  return {
    backend: () => (options.weak ? 'basic_text' : 'gnome_libsecret'),
    available: () => true,
    weak: () => options.weak ?? false,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const buf = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The database as bytes on disk, WAL included: where a plain-text secret would show. */
const fileBytes = (dbFile: string) =>
  [dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');

let crm: FakeHubspot;
let h: Harness;

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

describe('CRM credentials', () => {
  it('a token never reaches the database, the history or an error, even when the CRM echoes it back', async () => {
    crm = await startFakeHubspot();
    h = await harness({ shell: 'electron', sync: { secrets: (kv) => cipherSecretStore(testCipher(), kv) } });
    await h.capture(person(1));
    const info = await h.call('connectors.configure', {
      name: 'hubspot', enabled: true, settings: { url: crm.url, timeoutMs: 1000 }, secrets: { token: crm.token },
      send: { policy: 'all', excludeEvents: [] },
    });
    expect(info.secrets).toEqual({ token: true });

    crm.faults.push({ kind: 'echo_auth' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]!.error).toContain('[redacted]'); // the CRM did echo it; we scrubbed it

    const seen = JSON.stringify([
      runs,
      await h.call('sync.status', {}),
      await h.call('sync.history', {}),
      await h.call('connectors.list', {}),
      h.outbox('hubspot'),
    ]);
    expect(seen).not.toContain(crm.token);

    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'done' }); // the stored ciphertext decrypts and works

    expect(fileBytes(h.dbFile)).not.toContain(crm.token);
    expect(fileBytes(h.dbFile)).not.toContain(Buffer.from(crm.token).toString('base64'));
  });

  it('scrubs a token out of a network error message too', async () => {
    crm = await startFakeHubspot();
    // A URL with the token in it (someone pasted it there) fails to connect; the message names the URL.
    h = await harness({
      env: { LEADBOOTH_HUBSPOT_URL: `http://127.0.0.1:1/${crm.token}`, LEADBOOTH_HUBSPOT_TOKEN: crm.token },
    });
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000 } });
    await h.capture(person(1));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ retrying: 1 });
    expect(JSON.stringify([runs, h.outbox('hubspot'), await h.call('sync.status', {})])).not.toContain(crm.token);
  });

  it('in the browser host a secret entered in Settings lives in memory for the run only', async () => {
    crm = await startFakeHubspot();
    h = await harness({ env: {} });
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { url: crm.url }, secrets: { token: crm.token } });
    expect(await h.call('connectors.secretStorage', {})).toMatchObject({ backend: 'environment', persistent: false });
    expect(fileBytes(h.dbFile)).not.toContain(crm.token);

    const again = createApp({ dbFile: h.dbFile, shell: 'browser', sync: { env: {}, autoUpload: false } });
    try {
      const result = await dispatch(again.handlers, 'connectors.get', { name: 'hubspot' });
      expect(result).toMatchObject({ ok: true, data: { enabled: true, usable: false, secrets: { token: false }, problem: { code: 'connector.missing_secret' } } });
    } finally {
      again.close();
    }
  });

  it('refuses Linux’s basic_text backend until the user agrees', async () => {
    h = await harness({ shell: 'electron', sync: { secrets: (kv) => cipherSecretStore(testCipher({ weak: true }), kv) } });
    expect(await h.call('connectors.secretStorage', {})).toMatchObject({ backend: 'basic_text', needsConsent: true, available: false });
    const error = await h.fail('connectors.configure', { name: 'hubspot', enabled: true, secrets: { token: 'pat-na1-abcdef123456' } });
    expect(error.code).toBe('secrets.weak_backend_refused');
    expect(error.message).not.toContain('pat-na1-abcdef123456');
    expect((await h.call('connectors.get', { name: 'hubspot' })).enabled).toBe(false); // nothing half-applied

    const info = await h.call('connectors.configure', {
      name: 'hubspot', enabled: true, secrets: { token: 'pat-na1-abcdef123456' }, allowWeakSecretStorage: true,
    });
    expect(info.secrets).toEqual({ token: true });
    expect(await h.call('connectors.secretStorage', {})).toMatchObject({ needsConsent: false, available: true });
  });

  it('sends credentials only over https, or plain http to this machine', async () => {
    h = await harness();
    const error = await h.fail('connectors.configure', { name: 'webhook', enabled: true, settings: { url: 'http://crm.example.com/hook' } });
    expect(error.code).toBe('connector.insecure_url');
    const ok = await h.call('connectors.configure', { name: 'webhook', enabled: true, settings: { url: 'https://crm.example.com/hook' } });
    expect(ok.problem).toMatchObject({ code: 'connector.missing_secret' });
  });
});
