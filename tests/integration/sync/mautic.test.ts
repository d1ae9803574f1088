import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMautic, type FakeMautic } from '../../support/crm/mautic';
import { harness, person, type Harness, contactKey } from './harness';

let crm: FakeMautic;
let h: Harness;

async function setup(options: Parameters<typeof startFakeMautic>[0] = {}, env: Record<string, string> = {}) {
  crm = await startFakeMautic(options);
  h = await harness({
    env: { LEADBOOTH_MAUTIC_URL: crm.url, LEADBOOTH_MAUTIC_USER: crm.user, LEADBOOTH_MAUTIC_PASSWORD: crm.password, ...env },
  });
  await h.call('connectors.configure', { name: 'mautic', enabled: true, settings: { timeoutMs: 1000 } });
}

afterEach(async () => {
  await h?.close();
  await crm?.close();
});

describe('Mautic delivery', () => {
  it('sends the answers as one readable text and the notes', async () => {
    await setup();
    const lead = await h.capture(person(1));
    await h.call('leads.update', { id: lead.id, answers: { role: 'decision_maker', timeline: 'within_3m' }, notes: '来月デモ希望', rating: 'hot' });
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 0 });
    expect(crm.contacts.find(contactKey(lead))!.fields).toMatchObject({ leadbooth_answers: '導入時期: 3か月以内\n決裁への関与: 決裁者', leadbooth_notes: '来月デモ希望' });
  });

  it('creates each contact once with basic auth, keyed by the unique leadbooth_id field', async () => {
    await setup();
    const leads = [await h.capture(person(1)), await h.capture(person(2))];
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs).toEqual([expect.objectContaining({ connector: 'mautic', done: 2, pending: 0 })]);
    for (const lead of leads) {
      expect(crm.contacts.all(contactKey(lead))).toHaveLength(1);
      expect(crm.contacts.find(contactKey(lead))!.fields).toMatchObject({
        leadbooth_id: contactKey(lead),
        firstname: lead.givenName,
        lastname: lead.familyName,
        email: lead.email,
        company: lead.company,
        position: '部長',
        leadbooth_lastname_kana: lead.familyNameKana,
        leadbooth_captured_at: lead.capturedAt,
      });
    }
  });

  it('a repeated upload after a dropped response creates no second contact', async () => {
    await setup();
    const leads = [await h.capture(person(1)), await h.capture(person(2, { email: undefined }))];
    crm.faults.push({ kind: 'drop_after_commit' });
    await h.call('sync.uploadNow', {});
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(crm.contacts.duplicates()).toEqual([]);
    for (const lead of leads) expect(crm.contacts.find(contactKey(lead))!.writes).toBe(2);
    expect(h.outbox('mautic').map((r) => r.state)).toEqual(['done', 'done']);
  });

  it('without leadbooth_id as a unique identifier, a resend would duplicate a lead with no email', async () => {
    // Why the setup asks for the unique field: Mautic alone matches on email only.
    await setup({ uniqueFields: ['email'] });
    const lead = await h.capture(person(1, { email: undefined }));
    crm.faults.push({ kind: 'drop_after_commit' });
    await h.call('sync.uploadNow', {});
    h.advance(60_000);
    await h.call('sync.uploadNow', {});
    expect(crm.contacts.duplicates()).toEqual([contactKey(lead)]);
  });

  it('keeps a refused contact with Mautic’s message while the others are created', async () => {
    await setup();
    const good = await h.capture(person(1));
    const bad = await h.capture(person(2, { email: 'takahashi@' }));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ done: 1, attention: 1 });
    expect(crm.contacts.rows.map((r) => r.leadId)).toEqual([contactKey(good)]);
    const [item] = await h.call('sync.attention', {});
    expect(item).toMatchObject({ lead: { id: bad.id } });
    expect(item!.message).toBe('400: email: A valid email address is required.');
  });

  it('a refused password stops the run and leaves every lead pending, without the password in the error', async () => {
    await setup({}, { LEADBOOTH_MAUTIC_PASSWORD: 'wrong-password-123' });
    await h.capture(person(1));
    const { runs } = await h.call('sync.uploadNow', {});
    expect(runs[0]).toMatchObject({ stopped: 'credentials', done: 0, pending: 1 });
    expect(runs[0]!.error).toContain('API authorization denied');
    expect(JSON.stringify(runs)).not.toContain('wrong-password-123');
    expect(h.outbox('mautic')[0]).toMatchObject({ state: 'pending' });
  });
});
