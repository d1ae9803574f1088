import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/crm/salesforce';
import { harness, person, type Harness } from './harness';

let h: Harness;
let hubspot: FakeHubspot | undefined;
let salesforce: FakeSalesforce | undefined;

afterEach(async () => {
  await h?.close();
  await hubspot?.close();
  await salesforce?.close();
  hubspot = salesforce = undefined;
});

describe('credentials the CRM rejects', () => {
  it('a 401 stops the connector and says why, never shown online, and sending resumes after new credentials are saved', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: hubspot.url, LEADBOOTH_HUBSPOT_TOKEN: hubspot.token } });
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000, batchSize: 2 } });
    for (let i = 0; i < 5; i++) await h.capture(person(i));
    const oldToken = hubspot.token;
    hubspot.rotateToken(); // someone rotated the private app's token in HubSpot

    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ stopped: 'credentials', sent: 2, done: 0, pending: 5 });
    expect(first.runs[0]!.error).toContain('HTTP 401');
    // One refused request and it stopped: the other batches were not tried, and no attempt was counted.
    expect(hubspot.requests).toHaveLength(1);
    expect(h.outbox('hubspot').map((r) => [r.state, r.attempts])).toEqual(Array(5).fill(['pending', 0]));

    const [status] = (await h.call('sync.status', {})).connectors.filter((s) => s.connector === 'hubspot');
    expect(status).toMatchObject({ usable: true, credentialsRejected: { message: expect.stringContaining('Authentication credentials not found') } });
    expect(status!.reachability).not.toBe('online');
    const info = await h.call('connectors.get', { name: 'hubspot' });
    expect(info.problem).toMatchObject({ code: 'connector.credentials_rejected' });

    // Asked again (or by the scheduler): nothing goes out until the credentials change.
    h.advance(10 * 60_000);
    const again = await h.call('sync.uploadNow', {});
    expect(again.runs[0]).toMatchObject({ stopped: 'credentials', sent: 0, pending: 5 });
    expect(hubspot.requests).toHaveLength(1);
    expect(JSON.stringify([first, again, status, info])).not.toContain(oldToken);

    await h.call('connectors.configure', { name: 'hubspot', enabled: true, secrets: { token: hubspot.token } });
    expect((await h.call('connectors.get', { name: 'hubspot' })).problem).toBeNull();
    const resumed = await h.call('sync.uploadNow', {});
    expect(resumed.runs[0]).toMatchObject({ stopped: null, done: 5, pending: 0 });
    expect((await h.call('sync.status', {})).connectors.find((s) => s.connector === 'hubspot')).toMatchObject({ credentialsRejected: null, reachability: 'online' });
  });

  it('HubSpot’s 403 for its daily limit is a rate limit, not rejected credentials', async () => {
    hubspot = await startFakeHubspot();
    h = await harness({ env: { LEADBOOTH_HUBSPOT_URL: hubspot.url, LEADBOOTH_HUBSPOT_TOKEN: hubspot.token } });
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000 } });
    await h.capture(person(1));
    hubspot.faults.push({ kind: 'status', status: 403, body: { status: 'error', message: 'You have reached your daily limit.', category: 'RATE_LIMITS' } });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ retrying: 1, pending: 1 });
    expect(runs[0]!.stopped).not.toBe('credentials');
    expect((await h.call('sync.status', {})).connectors.find((s) => s.connector === 'hubspot')!.credentialsRejected).toBeNull();
  });

  it('Salesforce: an expired token whose refresh token was revoked stops the connector as credentials rejected', async () => {
    salesforce = await startFakeSalesforce();
    h = await harness({
      env: {
        LEADBOOTH_SALESFORCE_URL: salesforce.url,
        LEADBOOTH_SALESFORCE_TOKEN: salesforce.accessToken,
        LEADBOOTH_SALESFORCE_REFRESH_TOKEN: salesforce.refreshToken,
        LEADBOOTH_SALESFORCE_CLIENT_ID: salesforce.clientId,
        LEADBOOTH_SALESFORCE_CLIENT_SECRET: salesforce.clientSecret,
      },
    });
    await h.capture(person(1));
    salesforce.expireToken();
    salesforce.revokeRefreshToken();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ stopped: 'credentials', done: 0, pending: 1 });
    expect(runs[0]!.error).toContain('INVALID_SESSION_ID');
    const status = (await h.call('sync.status', {})).connectors.find((s) => s.connector === 'salesforce')!;
    expect(status.credentialsRejected).not.toBeNull();
    expect(salesforce.leads.rows).toEqual([]);
  });
});
