import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHubspot, type FakeHubspot } from '../../support/crm/hubspot';
import { harness, person, type Harness, contactKey } from './harness';

let crm: FakeHubspot;
let h: Harness;

async function setup(options: Parameters<typeof startFakeHubspot>[0] = {}) {
  crm = await startFakeHubspot(options);
  h = await harness({
    env: { LEADBOOTH_HUBSPOT_URL: crm.url, LEADBOOTH_HUBSPOT_TOKEN: crm.token },
    sync: { policy: { maxInlineWaitMs: 2_000 } },
  });
  // Tests wait one second for a timeout, not thirty.
  await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000 } });
}

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

const states = (rows: { state: string }[]) => rows.map((r) => r.state);

describe('HubSpot delivery', () => {
  it('delivers every lead of the day exactly once, with kana and the original scan time', async () => {
    await setup();
    const leads: Awaited<ReturnType<Harness['capture']>>[] = [];
    for (let i = 0; i < 3; i++) leads.push(await h.capture(person(i)));
    await h.call('leads.rate', { id: leads[0]!.id, rating: 'hot' });
    h.advance(6 * 60 * 60 * 1000); // the upload happens in the evening

    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs).toEqual([expect.objectContaining({ connector: 'hubspot', sent: 3, done: 3, retrying: 0, attention: 0, pending: 0 })]);

    expect(crm.contacts.rows).toHaveLength(3);
    for (const lead of leads) {
      const stored = crm.contacts.all(contactKey(lead));
      expect(stored).toHaveLength(1);
      expect(stored[0]!.fields).toMatchObject({
        leadbooth_id: contactKey(lead),
        email: lead.email,
        firstname: lead.givenName,
        lastname: lead.familyName,
        company: lead.company,
        jobtitle: '部長',
        leadbooth_lastname_kana: lead.familyNameKana,
        leadbooth_firstname_kana: 'タロウ',
        leadbooth_event: '展示会 2025',
        leadbooth_captured_at: lead.capturedAt,
      });
    }
    expect(crm.contacts.find(contactKey(leads[0]!))!.fields.leadbooth_rating).toBe('hot');
    expect(states(h.outbox('hubspot'))).toEqual(['done', 'done', 'done']);
    const history = await h.call('sync.history', { connector: 'hubspot' });
    expect(history).toEqual([expect.objectContaining({ sent: 3, done: 3, retrying: 0, attention: 0, error: null })]);
  });

  it('sends the answers as one text in the form’s order, a mapped question as its own property, the notes and the consent', async () => {
    await setup();
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000 }, mapping: { 'answers.timeline': 'lead_timeline' } });
    await h.call('consent.save', { eventId: h.eventId, version: 'v1', textJa: '個人情報の取り扱いに同意します。', textEn: 'I agree to the handling of my personal data.' });
    const lead = await h.capture(person(1));
    // Given in another order than the form's: the text follows the form.
    await h.call('leads.update', { id: lead.id, answers: { follow_up: ['demo', 'quote'], timeline: 'within_3m' }, notes: '来月デモ希望', consent: { version: 'v1' } });
    const other = await h.capture(person(2));

    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 2, attention: 0 });
    expect(crm.contacts.find(contactKey(lead))!.fields).toMatchObject({
      leadbooth_answers: '導入時期: 3か月以内\n希望するフォロー: デモ, 見積',
      lead_timeline: '3か月以内',
      leadbooth_notes: '来月デモ希望',
      leadbooth_consent_version: 'v1',
      leadbooth_consent_at: new Date(h.now() - 60_000).toISOString(),
    });
    expect(crm.contacts.find(contactKey(other))!.fields).not.toHaveProperty('leadbooth_answers');

    // In an English app the text is English.
    await h.call('settings.update', { language: 'en' });
    await h.call('leads.update', { id: other.id, answers: { budget: 'secured' } });
    await h.call('sync.uploadNow', {});
    expect(crm.contacts.find(contactKey(other))!.fields.leadbooth_answers).toBe('Budget: Secured');
  });

  it('a repeated upload after a dropped response creates nothing new', async () => {
    await setup();
    const leads: Awaited<ReturnType<Harness['capture']>>[] = [];
    for (let i = 0; i < 4; i++) leads.push(await h.capture(person(i)));
    crm.faults.push({ kind: 'drop_after_commit' });

    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ done: 0, retrying: 4, pending: 4 });
    expect(crm.contacts.rows).toHaveLength(4); // HubSpot committed them; we never heard
    expect(states(h.outbox('hubspot'))).toEqual(['pending', 'pending', 'pending', 'pending']);

    h.advance(60_000);
    const second = await h.call('sync.uploadNow', {});
    expect(second.runs[0]).toMatchObject({ done: 4, pending: 0 });
    expect(crm.contacts.rows).toHaveLength(4);
    expect(crm.contacts.duplicates()).toEqual([]);
    for (const lead of leads) expect(crm.contacts.find(contactKey(lead))!.writes).toBe(2);
    expect(states(h.outbox('hubspot'))).toEqual(['done', 'done', 'done', 'done']);
  });

  it('a 503 leaves the batch pending with a backoff, and the next run delivers it once', async () => {
    await setup();
    const lead = await h.capture(person(1));
    crm.faults.push({ kind: 'status', status: 503, body: { status: 'error', message: 'Service Unavailable' } });

    const first = await h.call('sync.uploadNow', {});
    expect(first.runs[0]).toMatchObject({ sent: 1, retrying: 1, pending: 1 });
    const [row] = h.outbox('hubspot');
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row!.lastError).toContain('503');
    // Full jitter with random() = 0.5 over a 2 s first window: due in one second, not now.
    expect(row!.nextAttemptAt).toBe(h.now() + 1000);

    const early = await h.call('sync.uploadNow', {});
    expect(early.runs[0]).toMatchObject({ sent: 0, pending: 1 });
    expect(crm.writes()).toHaveLength(1);

    h.advance(1000);
    const second = await h.call('sync.uploadNow', {});
    expect(second.runs[0]).toMatchObject({ sent: 1, done: 1, pending: 0 });
    expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
    const history = await h.call('sync.history', {});
    expect(history.map((b) => [b.done, b.retrying])).toEqual([[1, 0], [0, 1]]);
    expect(history[1]!.error).toContain('503');
  });

  it('a 429 with Retry-After is honoured: nothing is sent again before it passes', async () => {
    await setup();
    const lead = await h.capture(person(1));
    crm.faults.push({ kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.' } });

    await h.call('sync.uploadNow', {});
    const [row] = h.outbox('hubspot');
    expect(row).toMatchObject({ state: 'pending' });
    expect(row!.nextAttemptAt).toBeGreaterThanOrEqual(h.now() + 1000);

    await h.call('sync.uploadNow', {});
    expect(crm.writes()).toHaveLength(1);

    h.advance(1000);
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, pending: 0 });
    expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
    // A 429 says nothing about the network: the connector stays online.
    expect((await h.call('sync.status', {})).connectors.find((c) => c.connector === 'hubspot')!.reachability).toBe('online');
  });

  it('an answer that never comes times out, and the leads go again later, once', async () => {
    await setup();
    const leads = [await h.capture(person(1)), await h.capture(person(2))];
    crm.faults.push({ kind: 'hang' });

    const started = performance.now();
    const first = await h.call('sync.uploadNow', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(first.runs[0]).toMatchObject({ retrying: 2, pending: 2 });
    expect(h.outbox('hubspot')[0]!.lastError).toMatch(/No answer within 1000 ms/u);

    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    for (const lead of leads) expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
    expect(states(h.outbox('hubspot'))).toEqual(['done', 'done']);
  });

  it('a batch HubSpot only half accepted (207) is split by its per-record results', async () => {
    await setup({ invalid: 'multi-status' });
    const good1 = await h.capture(person(1));
    const bad = await h.capture(person(2, { email: 'yamada@@example' }));
    const good2 = await h.capture(person(3));

    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 3, done: 2, attention: 1, pending: 0 });
    expect(crm.contacts.rows.map((r) => r.leadId).sort()).toEqual([contactKey(good1), contactKey(good2)].sort());

    const attention = await h.call('sync.attention', { connector: 'hubspot' });
    expect(attention).toHaveLength(1);
    expect(attention[0]!.lead.id).toBe(bad.id);
    expect(attention[0]!.message).toContain('Email address yamada@@example is invalid');
  });

  it('a batch HubSpot refused as a whole is split until the bad lead is alone', async () => {
    await setup({ invalid: 'reject-batch' });
    const leads: Awaited<ReturnType<Harness['capture']>>[] = [];
    for (let i = 0; i < 8; i++) leads.push(await h.capture(person(i, i === 5 ? { email: 'no-at-sign' } : {})));

    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ sent: 8, done: 7, attention: 1 });
    expect(crm.contacts.rows).toHaveLength(7);
    expect(crm.contacts.find(contactKey(leads[5]!))).toBeUndefined();
    // 8 → 4+4 → 2+2 → 1+1: the good halves go through whole.
    expect(crm.writes().length).toBeLessThanOrEqual(7);
    expect(h.outbox('hubspot').find((r) => r.leadId === leads[5]!.id)).toMatchObject({ state: 'attention' });
  });

  it('a lead needing attention keeps the CRM message, and goes done once it is fixed', async () => {
    await setup({ invalid: 'multi-status' });
    const lead = await h.capture(person(1, { email: 'tanaka@example' }));
    await h.call('sync.uploadNow', {});
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'attention' });
    expect(h.outbox('hubspot')[0]!.lastError).toContain('INVALID_EMAIL');

    // Re-sending unchanged keeps it in attention with the message: nothing is dropped.
    expect(await h.call('sync.retry', { leadIds: [lead.id] })).toEqual({ requeued: 1 });
    await h.call('sync.uploadNow', {});
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'attention' });

    await h.call('leads.update', { id: lead.id, fields: { email: 'tanaka@example.jp' } });
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'pending', attempts: 0 });
    await h.call('sync.uploadNow', {});
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'done' });
    expect(await h.call('sync.attention', {})).toEqual([]);
    expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
    expect(crm.contacts.find(contactKey(lead))!.fields.email).toBe('tanaka@example.jp');
  });

  it('a lead changed while its batch is in flight is sent again with the change, after the batch', async () => {
    await setup();
    crm.latencyBefore = () => 300;
    const lead = await h.capture(person(1));
    const upload = h.call('sync.uploadNow', {});
    while (crm.writes().length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'in_flight' });

    await h.call('leads.update', { id: lead.id, fields: { title: '代表取締役' } });
    const { runs } = await upload;
    expect(runs[0]).toMatchObject({ sent: 2, done: 2, pending: 0 });
    expect(crm.writes()).toHaveLength(2);
    expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
    expect(crm.contacts.find(contactKey(lead))!.fields.jobtitle).toBe('代表取締役');
    expect(h.outbox('hubspot')[0]).toMatchObject({ state: 'done' });
  });

  it('paces itself by the burst limit and the rate-limit headers instead of running into 429s', async () => {
    await setup({ limit: { requests: 3, windowMs: 1000 } });
    // The client is told nothing of the limit: it learns it from X-HubSpot-RateLimit-* alone.
    await h.call('connectors.configure', { name: 'hubspot', enabled: true, settings: { timeoutMs: 1000, batchSize: 1, rateLimit: null } });
    for (let i = 0; i < 7; i++) await h.capture(person(i));

    const started = performance.now();
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 7, pending: 0 });
    expect(crm.rejected429).toBe(0);
    // 7 requests at 3 a second: the 7th cannot go before two windows have passed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('goes offline by itself after repeated failures, and back online after a probe succeeds', async () => {
    await setup();
    const lead = await h.capture(person(1));
    const status = async () => (await h.call('sync.status', {})).connectors.find((c) => c.connector === 'hubspot')!;
    expect((await status()).reachability).toBe('unknown');

    crm.faults.push({ kind: 'status', status: 502 }, { kind: 'status', status: 502 });
    await h.call('sync.uploadNow', {});
    expect((await status()).reachability).toBe('online'); // one bad call of one
    h.advance(60_000);
    const second = await h.call('sync.uploadNow', {});
    expect(second.runs[0]).toMatchObject({ stopped: 'offline' });
    const offline = await status();
    expect(offline.reachability).toBe('offline');
    expect(offline.lastError).toContain('502');

    h.advance(60_000);
    const probesBefore = crm.requests.filter((r) => r.method === 'GET').length;
    const third = await h.call('sync.uploadNow', {});
    expect(crm.requests.filter((r) => r.method === 'GET').length).toBe(probesBefore + 1);
    expect(third.runs[0]).toMatchObject({ done: 1, pending: 0, stopped: null });
    expect((await status()).reachability).toBe('online');
    expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
  });

  it('uploads one event only when asked to', async () => {
    await setup();
    const mine = await h.capture(person(1));
    const other = await h.call('events.create', { name: 'セミナー', kind: 'seminar' });
    await h.call('capture.manual', { eventId: other.id, fields: person(2) });

    const { runs } = await h.call('sync.uploadNow', { eventId: h.eventId });
    expect(runs[0]).toMatchObject({ done: 1, pending: 0 });
    expect(crm.contacts.rows.map((r) => r.leadId)).toEqual([contactKey(mine)]);
    expect(states(h.outbox('hubspot')).sort()).toEqual(['done', 'pending']);
  });

  it('a CRM that created instead of upserting would show the resend as a duplicate (the fake can tell)', async () => {
    await setup({ createOnly: true });
    const lead = await h.capture(person(1));
    crm.faults.push({ kind: 'drop_after_commit' });
    await h.call('sync.uploadNow', {});
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(crm.contacts.duplicates()).toEqual([contactKey(lead)]);
  });
});

describe('HubSpot configured in the evening', () => {
  it('first queues every lead it has not yet received, then delivers them', async () => {
    crm = await startFakeHubspot();
    h = await harness({ env: {} });
    const leads: Awaited<ReturnType<Harness['capture']>>[] = [];
    for (let i = 0; i < 5; i++) leads.push(await h.capture(person(i)));
    expect(h.outbox('hubspot')).toEqual([]);

    const info = await h.call('connectors.configure', {
      name: 'hubspot',
      enabled: true,
      settings: { url: crm.url },
      secrets: { token: crm.token },
    });
    expect(info).toMatchObject({ enabled: true, usable: true, problem: null, secrets: { token: true } });
    expect(JSON.stringify(info)).not.toContain(crm.token);
    expect(states(h.outbox('hubspot'))).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    // A lead captured after the connector is on is queued by the capture itself.
    leads.push(await h.capture(person(9)));
    expect(h.outbox('hubspot')).toHaveLength(6);

    const { runs } = await h.call('sync.uploadNow', { connector: 'hubspot' });
    expect(runs).toEqual([expect.objectContaining({ done: 6, pending: 0 })]);
    for (const lead of leads) expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
  });
});
