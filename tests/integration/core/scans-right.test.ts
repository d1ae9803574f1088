import { afterEach, describe, expect, it } from 'vitest';
import { leadStore, toLead } from '../../../electron/core/store/lead-store';
import { openTestCore, type TestCore } from '../../support/temp-core';

/** Scans that are never junk: what a booth's scanner or camera may hand the core, and what it keeps. */

let core: TestCore;
afterEach(() => core?.close());

const count = (table: string, where = '1') =>
  core.database.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;

/** A lead without what the late links decide (its account, person and 名寄せ keys). */
function unlinked(lead: object): Record<string, unknown> {
  const { accountId: _a, personId: _p, emailKey: _e, nameKey: _n, phoneKey: _ph, ...rest } = lead as Record<string, unknown>;
  return rest;
}

const roster = (rows: string[]) =>
  Buffer.from(['バッジID,氏名,会社名,メールアドレス', ...rows].join('\r\n'), 'utf8').toString('base64');

describe('scans that are right', () => {
  it.each([
    ['a lone vCard line', 'VERSION:3.0'],
    ['the end of a vCard', 'END:VCARD'],
    ['a vCard property read on its own', 'email;type=work:taro@example.co.jp'],
    ['the tail of a split scan', 'ample;TEL:03-1234-5678'],
    ['a sentence', 'hello there, this is not a badge'],
  ])('%s is refused as badge.unrecognized and stores nothing', async (_, payload) => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    const out = await core.raw('capture.scan', { eventId: event.id, payload });
    expect(out).toMatchObject({ ok: false, error: { code: 'badge.unrecognized', details: { payload } } });
    expect(count('leads')).toBe(0);
    expect(count('touches')).toBe(0);
  });

  it('a payload that is a roster badge id is that attendee, whatever its shape, and checks them in', async () => {
    core = openTestCore();
    const seminar = await core.call('events.create', { name: 'DXセミナー', kind: 'seminar' });
    await core.call('roster.import', {
      eventId: seminar.id,
      file: roster(['VIP-A,山田 太郎,株式会社サンプル,taro@sample.co.jp', 'GUEST,佐藤 花子,佐藤商事,hanako@sato.co.jp', 'guest 7,鈴木 一郎,合同会社みらい,ichiro@mirai.jp']),
    });
    for (const [payload, name] of [['VIP-A', '山田 太郎'], ['GUEST', '佐藤 花子'], ['guest 7', '鈴木 一郎']] as const) {
      const out = await core.call('capture.scan', { eventId: seminar.id, payload });
      expect(out).toMatchObject({ fromRoster: true, checkIn: 'checked_in', lead: { badgeId: payload, fullName: name, walkIn: false } });
    }
    expect(count('roster_entries', 'checked_in_at IS NOT NULL')).toBe(3);
  });

  it('at a seminar an id the roster does not know asks a person (checkin.not_registered) instead of making a nameless walk-in', async () => {
    core = openTestCore();
    const seminar = await core.call('events.create', { name: 'DXセミナー', kind: 'seminar' });
    await core.call('roster.import', { eventId: seminar.id, file: roster(['VIP-A,山田 太郎,株式会社サンプル,taro@sample.co.jp']) });
    const out = await core.raw('capture.scan', { eventId: seminar.id, payload: 'VIP-B' });
    expect(out).toMatchObject({ ok: false, error: { code: 'checkin.not_registered', details: { badgeId: 'VIP-B', payload: 'VIP-B' } } });
    expect(count('leads')).toBe(0);
    // A walk-in with a real badge (a vCard, a person's own card) is still recorded as one.
    const walkIn = await core.call('capture.scan', { eventId: seminar.id, payload: 'MECARD:N:田中,一郎;EMAIL:ichiro@tanaka.jp;;' });
    expect(walkIn).toMatchObject({ checkIn: 'walk_in', lead: { walkIn: true, fullName: '田中 一郎' } });
  });

  it('entered by hand from an unreadable scan, the lead and its note are written together', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    const out = await core.call('capture.manual', { eventId: event.id, fields: { fullName: '田中 一郎', email: 'ichiro@tanaka.jp' }, notes: 'ample;TEL:03-1234-5678' });
    expect(out.lead).toMatchObject({ fullName: '田中 一郎', notes: 'ample;TEL:03-1234-5678', source: 'manual' });
    expect(count('touches')).toBe(1);
    // The same person entered again: the note is added, the first one kept.
    core.clock.advance(5000);
    const again = await core.call('capture.manual', { eventId: event.id, fields: { email: 'ichiro@tanaka.jp' }, notes: '名刺の裏にメモ' });
    expect(again.lead.id).toBe(out.lead.id);
    expect(again.lead.notes).toBe('ample;TEL:03-1234-5678\n名刺の裏にメモ');
    expect(again.lead).toEqual((await core.call('leads.get', { id: out.lead.id })).lead);
  });

  it('a rescan of a payload with no badge id and no email is the same lead, and adds a touch', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;健;;;\r\nORG:株式会社テスト\r\nTEL:03-1234-5678\r\nEND:VCARD';
    const first = await core.call('capture.scan', { eventId: event.id, payload: card });
    core.clock.advance(5000);
    // The same card read by the wedge: LF line breaks and trailing spaces, property names in lower case.
    const wedgeRead = 'BEGIN:VCARD\nversion:3.0 \nn:高橋;健;;;\norg:株式会社テスト\ntel:03-1234-5678\nEND:VCARD';
    const again = await core.call('capture.scan', { eventId: event.id, payload: wedgeRead });
    expect(again.merged).toBe(true);
    expect(again.lead.id).toBe(first.lead.id);
    expect(count('leads')).toBe(1);
    expect(count('touches', "kind = 'scan'")).toBe(2);
    // Another person's card without id or email is another lead.
    await core.call('capture.scan', { eventId: event.id, payload: card.replace('高橋;健', '高橋;誠') });
    expect(count('leads')).toBe(2);
  });

  it('JSON badges: ticket, code and a nested attendee are read, nothing is dropped', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    const ticket = await core.call('capture.scan', { eventId: event.id, payload: '{"ticket":"TK-2026-0001","name":"山田 太郎","company":"株式会社サンプル"}' });
    expect(ticket.lead).toMatchObject({ badgeId: 'TK-2026-0001', fullName: '山田 太郎', company: '株式会社サンプル', sourceFormat: 'json' });
    const nested = await core.call('capture.scan', {
      eventId: event.id,
      payload: '{"event":"EXPO","attendee":{"id":"A-77","name":"佐藤 花子","email":"hanako@sato.co.jp"}}',
    });
    expect(nested.lead).toMatchObject({ badgeId: 'A-77', fullName: '佐藤 花子', email: 'hanako@sato.co.jp' });
  });

  it('the lead a capture or an edit answers is the lead as stored (the writer does not read it back)', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    for (const payload of ['EXPO2026-000777', 'MECARD:N:山田,太郎;ORG:株式会社サンプル;EMAIL:taro@sample.co.jp;;', 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;健;;;\r\nEND:VCARD']) {
      const { lead } = await core.call('capture.scan', { eventId: event.id, payload, staff: '佐藤' });
      // As committed: read straight from the table, before the late links give it an account and a person.
      expect(lead).toEqual(toLead(leadStore(core.database.sqlite).get(lead.id)!));
      // Linking changes nothing the card showed but the account, the person and the 名寄せ keys.
      const linked = (await core.call('leads.get', { id: lead.id })).lead;
      expect(linked.personId).not.toBeNull();
      expect(unlinked(linked)).toEqual(unlinked(lead));
      const edited = await core.call('leads.update', { id: lead.id, fields: { company: '合同会社みらい' }, rating: 'hot', notes: 'メモ', answers: { timeline: 'within_3m' } });
      expect(edited).toEqual((await core.call('leads.get', { id: lead.id })).lead);
    }
  });

  it('a deleted lead is not found by a rescan: the next scan of that badge is a new lead', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Expo' });
    const first = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000555' });
    await core.call('leads.delete', { id: first.lead.id });
    core.clock.advance(5000);
    const again = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000555' });
    expect(again.merged).toBe(false);
    expect(again.lead.id).not.toBe(first.lead.id);
    // And the deleted one cannot come back while the badge is taken.
    const restore = await core.raw('leads.restore', { id: first.lead.id });
    expect(restore).toMatchObject({ ok: false, error: { code: 'lead.restore_conflict' } });
  });
});
