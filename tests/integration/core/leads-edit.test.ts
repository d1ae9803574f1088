import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../sync/harness';

/**
 * Editing and deleting a lead from the Leads screen, on a real SQLite file with a connector
 * turned on so the outbox side effects are the real ones.
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function setup() {
  // The webhook is configured but never called: autoUpload is off and no test uploads.
  h = await harness({ env: { LEADBOOTH_WEBHOOK_URL: 'http://127.0.0.1:9/hook', LEADBOOTH_WEBHOOK_SECRET: 'secret' } });
  await h.call('connectors.configure', { name: 'webhook', enabled: true, settings: {} });
}

function count(sql: string, ...params: unknown[]): number {
  return h.core.deps.sqlite.prepare(sql).pluck().get(...params) as number;
}
const touchCount = (leadId: string, kind: string) => count('SELECT count(*) FROM touches WHERE lead_id = ? AND kind = ?', leadId, kind);
const pendingRows = (leadId: string) => count(`SELECT count(*) FROM outbox WHERE lead_id = ? AND state = 'pending'`, leadId);

async function exported(): Promise<string> {
  const file = await h.call('export.csv', { eventId: h.eventId, format: 'generic' });
  return Buffer.from(file.base64, 'base64').toString('utf8');
}

async function scanYamada() {
  const out = await h.call('capture.scan', {
    eventId: h.eventId,
    payload: 'MECARD:N:山田,太郎;ORG:株式会社サンプル;EMAIL:taro.yamada@sample.example.jp;;',
    staff: '佐藤',
  });
  h.advance(60_000);
  return out.lead;
}

describe('leads.update from the editor', () => {
  it('every field, notes, answers, rating and consent in one call make exactly one edit touch naming what changed', async () => {
    await setup();
    const lead = await scanYamada();
    const consent = await h.call('consent.save', { eventId: h.eventId, version: 'v1', textJa: '同意します', textEn: 'I agree' });
    const editAt = h.now();

    const updated = await h.call('leads.update', {
      id: lead.id,
      fields: {
        familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ',
        company: '株式会社テスト', department: '営業部', title: '部長', email: 'hanako@test.example.jp', phone: '03-1234-5678',
      },
      notes: '来月デモ希望',
      rating: 'hot',
      answers: { timeline: 'within_3m', follow_up: ['demo', 'quote'] },
      consent: { version: consent.version },
      staff: '鈴木',
    });

    expect(updated).toMatchObject({
      givenName: '花子', company: '株式会社テスト', department: '営業部', title: '部長', email: 'hanako@test.example.jp',
      notes: '来月デモ希望', rating: 'hot', consentVersion: 'v1', consentAt: new Date(editAt).toISOString(),
    });
    expect(updated.answers.timeline).toMatchObject({ value: 'within_3m', label: { ja: '導入時期' }, choices: [{ ja: '3か月以内' }] });
    expect(updated.answers.follow_up?.value).toEqual(['demo', 'quote']);

    const { touches } = await h.call('leads.get', { id: lead.id });
    const edits = touches.filter((t) => t.kind === 'edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ staff: '鈴木', at: new Date(editAt).toISOString() });
    const changed = edits[0]!.detail!.changed as Record<string, { from: unknown; to: unknown }>;
    expect(Object.keys(changed).sort()).toEqual(
      ['answers', 'company', 'consentVersion', 'department', 'email', 'familyNameKana', 'givenName', 'givenNameKana', 'notes', 'phone', 'rating', 'title'].sort(),
    );
    expect(changed.company).toEqual({ from: '株式会社サンプル', to: '株式会社テスト' });
    expect(changed.rating).toEqual({ from: null, to: 'hot' });
    // The new values reach the export.
    expect(await exported()).toContain('株式会社テスト');
  });

  it('an update that changes nothing writes nothing: no touch, same updatedAt', async () => {
    await setup();
    const lead = await scanYamada();
    await h.call('leads.update', { id: lead.id, notes: 'メモ', answers: { budget: 'secured' } });
    h.advance(60_000);
    const before = await h.call('leads.get', { id: lead.id });

    const same = await h.call('leads.update', {
      id: lead.id,
      fields: { company: '株式会社サンプル', email: 'taro.yamada@sample.example.jp' },
      notes: 'メモ',
      answers: { budget: 'secured' },
      rating: null,
      consent: null,
    });

    const after = await h.call('leads.get', { id: lead.id });
    expect(same.updatedAt).toBe(before.lead.updatedAt);
    expect(after.touches).toHaveLength(before.touches.length);
    expect(after.lead).toEqual(before.lead);
  });

  it('an invalid email is refused with lead.email_invalid and nothing is written', async () => {
    await setup();
    const lead = await scanYamada();
    const error = await h.fail('leads.update', { id: lead.id, fields: { email: 'not-an-email' }, notes: '書かれない' });
    expect(error.code).toBe('lead.email_invalid');
    const after = await h.call('leads.get', { id: lead.id });
    expect(after.lead.notes).toBeNull();
    expect(after.touches.map((t) => t.kind)).toEqual(['scan']);
  });
});

describe('leads.delete and leads.restore', () => {
  it('a deleted lead leaves the list, the export, the recent captures and the outbox; a restore brings it back everywhere', async () => {
    await setup();
    const lead = await scanYamada();
    const other = await h.capture({ familyName: '佐藤', givenName: '一郎', email: 'ichiro@example.jp' });
    expect(pendingRows(lead.id)).toBe(1);

    const deleted = await h.call('leads.delete', { id: lead.id, staff: '佐藤' });
    expect(deleted.deletedAt).not.toBeNull();

    const list = await h.call('leads.list', { eventId: h.eventId });
    expect(list.rows.map((r) => r.id)).toEqual([other.id]);
    expect(list.total).toBe(1);
    expect(await exported()).not.toContain('taro.yamada@sample.example.jp');
    const recent = await h.call('capture.recent', { eventId: h.eventId });
    expect(recent.map((r) => r.lead.id)).not.toContain(lead.id);
    expect(pendingRows(lead.id)).toBe(0);
    expect(pendingRows(other.id)).toBe(1);
    expect(touchCount(lead.id, 'delete')).toBe(1);
    // leads.get still answers, so the editor can show what was deleted.
    expect((await h.call('leads.get', { id: lead.id })).lead.deletedAt).toBe(deleted.deletedAt);

    h.advance(5_000);
    const restored = await h.call('leads.restore', { id: lead.id, staff: '佐藤' });
    expect(restored.deletedAt).toBeNull();
    expect((await h.call('leads.list', { eventId: h.eventId })).rows.map((r) => r.id).sort()).toEqual([lead.id, other.id].sort());
    expect(await exported()).toContain('taro.yamada@sample.example.jp');
    expect((await h.call('capture.recent', { eventId: h.eventId })).map((r) => r.lead.id)).toContain(lead.id);
    expect(pendingRows(lead.id)).toBe(1);
    expect(touchCount(lead.id, 'restore')).toBe(1);
    const { touches } = await h.call('leads.get', { id: lead.id });
    expect(touches.map((t) => t.kind)).toEqual(['scan', 'delete', 'restore']);
  });

  it('a restore is refused with lead.restore_conflict when another live lead took the badge id meanwhile', async () => {
    await setup();
    const first = await h.call('capture.scan', { eventId: h.eventId, payload: 'EXPO2026-000123' });
    h.advance(60_000);
    await h.call('leads.delete', { id: first.lead.id });
    h.advance(60_000);
    const second = await h.call('capture.scan', { eventId: h.eventId, payload: 'EXPO2026-000123' });
    expect(second.lead.id).not.toBe(first.lead.id);

    const error = await h.fail('leads.restore', { id: first.lead.id });
    expect(error.code).toBe('lead.restore_conflict');
    expect((await h.call('leads.get', { id: first.lead.id })).lead.deletedAt).not.toBeNull();
    expect(touchCount(first.lead.id, 'restore')).toBe(0);
    expect((await h.call('leads.list', { eventId: h.eventId })).rows.map((r) => r.id)).toEqual([second.lead.id]);
  });
});
