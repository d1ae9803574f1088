import { describe, expect, it } from 'vitest';
import { configProblem, fromEnvironment, resolveConfig, urlProblem } from '../../../../electron/sync/connectors';
import { idempotencyKey, signature } from '../../../../electron/sync/connectors/webhook';
import { envSecretStore } from '../../../../electron/sync/secrets';

describe('connector configuration', () => {
  it('a connector whose variables are set is enabled, HubSpot’s URL defaulting to api.hubapi.com', () => {
    expect(fromEnvironment('hubspot', { LEADBOOTH_HUBSPOT_TOKEN: 't' })).toEqual({ url: 'https://api.hubapi.com' });
    expect(fromEnvironment('hubspot', {})).toBeNull();
    expect(fromEnvironment('salesforce', { LEADBOOTH_SALESFORCE_URL: 'https://x.my.salesforce.com' })).toBeNull();
    expect(fromEnvironment('mautic', { LEADBOOTH_MAUTIC_URL: 'https://m', LEADBOOTH_MAUTIC_USER: 'u', LEADBOOTH_MAUTIC_PASSWORD: 'p' })).toMatchObject({ auth: 'basic', user: 'u' });
    expect(fromEnvironment('mautic', { LEADBOOTH_MAUTIC_URL: 'https://m', LEADBOOTH_MAUTIC_TOKEN: 'bearer' })).toMatchObject({ auth: 'oauth2' });
    expect(fromEnvironment('webhook', { LEADBOOTH_WEBHOOK_URL: 'https://h' })).toBeNull();
  });

  it('the environment wins over stored settings for what it sets; the rest stays as stored', () => {
    const stored = { enabled: false, settings: { url: 'https://old.example.com', batchSize: 20 }, mapping: { title: 'job_title' } };
    const config = resolveConfig('hubspot', stored, { LEADBOOTH_HUBSPOT_URL: 'http://127.0.0.1:8080', LEADBOOTH_HUBSPOT_TOKEN: 't' });
    expect(config).toMatchObject({ enabled: true, configuredBy: 'environment', settings: { url: 'http://127.0.0.1:8080', batchSize: 20 } });
    expect(config.mapping).toMatchObject({ title: 'job_title', id: 'leadbooth_id', email: 'email' });
    // Electron does not consult the environment at all.
    expect(resolveConfig('hubspot', stored, null)).toMatchObject({ enabled: false, configuredBy: 'settings' });
  });

  it('says why a connector cannot send yet', () => {
    const secrets = envSecretStore({});
    expect(configProblem(resolveConfig('webhook', null, null), secrets)).toMatchObject({ code: 'connector.disabled' });
    expect(configProblem(resolveConfig('webhook', { enabled: true, settings: {}, mapping: {} }, null), secrets)).toMatchObject({ code: 'connector.missing_url' });
    expect(configProblem(resolveConfig('mautic', { enabled: true, settings: { url: 'https://m.example.com' }, mapping: {} }, null), secrets)).toMatchObject({ code: 'connector.missing_user' });
    expect(configProblem(resolveConfig('hubspot', { enabled: true, settings: {}, mapping: {} }, null), secrets)).toMatchObject({ code: 'connector.missing_secret' });
    expect(configProblem(resolveConfig('hubspot', { enabled: true, settings: {}, mapping: {} }, null), envSecretStore({ LEADBOOTH_HUBSPOT_TOKEN: 't' }))).toBeNull();
  });

  it('sends credentials over https, or over plain http to this machine only', () => {
    expect(urlProblem('https://api.hubapi.com')).toBeNull();
    expect(urlProblem('http://127.0.0.1:3000/hook')).toBeNull();
    expect(urlProblem('http://localhost/hook')).toBeNull();
    expect(urlProblem('http://hooks.example.com')).toMatchObject({ code: 'connector.insecure_url' });
    expect(urlProblem('ftp://x')).toMatchObject({ code: 'connector.insecure_url' });
    expect(urlProblem('not a url')).toMatchObject({ code: 'connector.invalid_url' });
  });
});

describe('webhook signing', () => {
  it('signs the exact body with HMAC-SHA256, as sha256=<hex>', () => {
    // RFC 4231 test case 2.
    expect(signature('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('derives the Idempotency-Key from the body: the same batch resent has the same key', () => {
    expect(idempotencyKey('{"leads":[1]}')).toBe(idempotencyKey('{"leads":[1]}'));
    expect(idempotencyKey('{"leads":[1]}')).not.toBe(idempotencyKey('{"leads":[2]}'));
  });
});
