import { afterEach, describe, expect, it } from 'vitest';
import { startFakeWebhook, type FakeWebhook } from '../../support/crm/webhook';
import { harness, person, type Harness, contactKey } from './harness';

let hook: FakeWebhook;
let h: Harness;

async function setup(secret?: string) {
  hook = await startFakeWebhook();
  h = await harness({ env: { LEADBOOTH_WEBHOOK_URL: `${hook.url}/hook`, LEADBOOTH_WEBHOOK_SECRET: secret ?? hook.secret } });
  await h.call('connectors.configure', { name: 'webhook', enabled: true, settings: { timeoutMs: 1000 } });
}

afterEach(async () => {
  await h?.close();
  await hook?.close();
});

describe('Webhook delivery', () => {
  it('posts the answers as data by question key and as text', async () => {
    await setup();
    const lead = await h.capture(person(1));
    await h.call('leads.update', { id: lead.id, answers: { timeline: 'within_6m', interest: ['product_b'] }, notes: '資料送付' });
    await h.call('sync.uploadNow', {});
    expect(hook.leads.find(contactKey(lead))!.fields).toMatchObject({
      answersText: '興味のある製品・サービス: 製品B\n導入時期: 6か月以内',
      answers: {
        interest: { value: ['product_b'], kind: 'multiple', choices: [{ ja: '製品B', en: 'Product B' }], formVersion: 1 },
        timeline: { value: 'within_6m', kind: 'single', label: { ja: '導入時期', en: 'Timeline' } },
      },
      notes: '資料送付',
    });
  });

  it('posts a signed batch with an Idempotency-Key, every lead under LeadBooth’s names', async () => {
    await setup();
    const leads = [await h.capture(person(1)), await h.capture(person(2))];
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs).toEqual([expect.objectContaining({ connector: 'webhook', done: 2, pending: 0 })]);
    const [write] = hook.writes();
    expect(write!.status).toBe(200); // the receiver checked the signature
    expect(write!.headers['x-leadbooth-signature']).toMatch(/^sha256=[0-9a-f]{64}$/u);
    expect(write!.headers['idempotency-key']).toMatch(/^lb-[0-9a-f]{40}$/u);
    for (const lead of leads) {
      expect(hook.leads.all(contactKey(lead))).toHaveLength(1);
      expect(hook.leads.find(contactKey(lead))!.fields).toMatchObject({
        id: contactKey(lead),
        email: lead.email,
        familyNameKana: lead.familyNameKana,
        kana: `${lead.familyNameKana} タロウ`,
        eventName: '展示会 2025',
        capturedAt: lead.capturedAt,
      });
    }
  });

  it('a batch resent after a dropped answer carries the same Idempotency-Key and is applied once', async () => {
    await setup();
    const lead = await h.capture(person(1));
    hook.faults.push({ kind: 'drop_after_commit' });
    await h.call('sync.uploadNow', {});
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    const keys = hook.writes().map((w) => w.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(hook.replays).toBe(1);
    expect(hook.leads.find(contactKey(lead))!.writes).toBe(1);
    expect(h.outbox('webhook')[0]).toMatchObject({ state: 'done' });
  });

  it('keeps a record the receiver refused, with its reason', async () => {
    await setup();
    await h.capture(person(1));
    const bad = await h.capture(person(2, { email: 'x@y' }));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 1 });
    const [item] = await h.call('sync.attention', {});
    expect(item).toMatchObject({ lead: { id: bad.id }, message: 'invalid email: x@y' });
  });

  it('a wrong signing secret stops the connector as credentials rejected: the leads wait, none is marked for attention', async () => {
    await setup('not-the-receivers-secret');
    await h.capture(person(1));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ stopped: 'credentials', attention: 0, pending: 1 });
    expect(hook.leads.rows).toEqual([]);
  });
});
