import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { handbookFixture, openTestCore, type TestCore } from '../../support/temp-core';
import { seededAsLinked } from '../../support/seeded';

const VCARD_YAMADA =
  'BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nFN:山田 太郎\r\nX-PHONETIC-LAST-NAME:ヤマダ\r\nX-PHONETIC-FIRST-NAME:タロウ\r\nORG:株式会社サンプル;営業部\r\nTITLE:部長\r\nEMAIL:taro.yamada@sample.example.jp\r\nEND:VCARD';

let core: TestCore;
afterEach(() => core?.close());

async function tradeshow(c: TestCore) {
  return c.call('events.create', { name: '東京ビッグサイト展 2026', kind: 'tradeshow' });
}
function count(c: TestCore, table: string): number {
  return c.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('capture pipeline', () => {
  it('a first scan stores one lead with the raw payload, the staff name and the real scan time', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const scannedAt = core.clock();
    const out = await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA, staff: '佐藤', source: 'camera' });
    expect(out.merged).toBe(false);
    expect(out.lead).toMatchObject({
      fullName: '山田 太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', company: '株式会社サンプル',
      department: '営業部', email: 'taro.yamada@sample.example.jp', capturedBy: '佐藤', source: 'camera', sourceFormat: 'vcard',
      rawPayload: VCARD_YAMADA, capturedAt: new Date(scannedAt).toISOString(),
    });
    expect(out.lead.companyKey).toBe('サンプル');
    expect(out.lead.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/u);
    expect(count(core, 'leads')).toBe(1);
    expect(count(core, 'touches')).toBe(1);
  });

  it('a rescan makes no second lead, answers when and by whom it was first captured, and records the touch', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const first = await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA, staff: '佐藤' });
    core.clock.advance(5 * 60_000);
    const again = await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA, staff: '鈴木' });
    expect(again.merged).toBe(true);
    expect(again.lead.id).toBe(first.lead.id);
    expect(again.firstCapturedBy).toBe('佐藤');
    expect(again.firstCapturedAt).toBe(first.lead.capturedAt);
    expect(count(core, 'leads')).toBe(1);
    expect(count(core, 'touches')).toBe(2);
    const { touches } = await core.call('leads.get', { id: first.lead.id });
    expect(touches.map((t) => t.staff)).toEqual(['佐藤', '鈴木']);
  });

  it('the same code read twice within two seconds is one scan: no new touch', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000123' });
    core.clock.advance(800);
    const repeat = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000123' });
    expect(repeat.repeatRead).toBe(true);
    expect(count(core, 'touches')).toBe(1);
    core.clock.advance(3000);
    const later = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000123' });
    expect(later.repeatRead).toBe(false);
    expect(later.merged).toBe(true);
    expect(count(core, 'touches')).toBe(2);
    expect(count(core, 'leads')).toBe(1);
  });

  it('a person already met is found by email even when the second badge has another format', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA });
    const mecard = await core.call('capture.scan', {
      eventId: event.id,
      payload: 'MECARD:N:山田,太郎;TEL:03-1234-5678;EMAIL:TARO.YAMADA@sample.example.jp;;',
    });
    expect(mecard.merged).toBe(true);
    // The phone was missing and is filled; the name typed before is kept.
    expect(mecard.lead.phone).toBe('03-1234-5678');
    expect(count(core, 'leads')).toBe(1);
  });

  it('a badge id found in the roster fills the lead from the organizer’s data', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const file = fs.readFileSync(handbookFixture('roster-sjis.csv')).toString('base64');
    const imported = await core.call('roster.import', { eventId: event.id, file });
    expect(imported).toMatchObject({ encoding: 'shift_jis', added: 3, updated: 0, rejectedCount: 0 });
    const out = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000124', source: 'scanner' });
    expect(out.fromRoster).toBe(true);
    expect(out.lead).toMatchObject({
      badgeId: 'EXPO2026-000124', fullName: '佐藤 花子', familyNameKana: 'サトウ', company: 'サンプル商事株式会社',
      department: 'マーケティング部', title: '課長', email: 'hanako.sato@example.co.jp', sourceFormat: 'id',
    });
  });

  it('at a seminar a registered badge checks in once, a second scan says already checked in, a stranger is a walk-in', async () => {
    core = openTestCore();
    const seminar = await core.call('events.create', { name: 'DXセミナー', kind: 'seminar' });
    const file = fs.readFileSync(handbookFixture('roster-sjis.csv')).toString('base64');
    await core.call('roster.import', { eventId: seminar.id, file });
    const first = await core.call('capture.scan', { eventId: seminar.id, payload: 'EXPO2026-000123' });
    expect(first.checkIn).toBe('checked_in');
    core.clock.advance(500);
    const doubleRead = await core.call('capture.scan', { eventId: seminar.id, payload: 'EXPO2026-000123' });
    expect(doubleRead).toMatchObject({ repeatRead: true, checkIn: 'already_checked_in' });
    core.clock.advance(60_000);
    const second = await core.call('capture.scan', { eventId: seminar.id, payload: 'EXPO2026-000123' });
    expect(second.checkIn).toBe('already_checked_in');
    const walkIn = await core.call('capture.manual', { eventId: seminar.id, fields: { familyName: '田中', givenName: '一郎', company: '(株)ウォークイン' } });
    expect(walkIn.checkIn).toBe('walk_in');
    expect(walkIn.lead.walkIn).toBe(true);
    expect(walkIn.lead.fullName).toBe('田中 一郎');
    const summary = await core.call('events.get', { id: seminar.id });
    expect(summary).toMatchObject({ registered: 3, checkedIn: 1, walkIns: 1, leads: 2 });
  });

  it('re-importing a roster updates people by badge id and reports rejected rows with their line', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const v1 = '来場者ID,氏名,会社名\nA-1,山田 太郎,株式会社サンプル\nA-2,佐藤 花子,サンプル商事\n';
    const v2 = '来場者ID,氏名,会社名\nA-1,山田 太郎,株式会社サンプル本社\n,名無し,会社\nA-3,髙橋 一郎,①株式会社\n';
    await core.call('roster.import', { eventId: event.id, file: Buffer.from(v1).toString('base64') });
    const again = await core.call('roster.import', { eventId: event.id, file: Buffer.from(v2).toString('base64') });
    expect(again).toMatchObject({ added: 1, updated: 1, rejectedCount: 1 });
    expect(again.rejected[0]).toMatchObject({ line: 3 });
    const out = await core.call('capture.scan', { eventId: event.id, payload: 'A-1' });
    expect(out.lead.company).toBe('株式会社サンプル本社');
    // The organizer's row is kept verbatim: its cells on the entry, the header row with the import.
    const stored = core.database.sqlite
      .prepare('SELECT e.raw, i.headers FROM roster_entries e JOIN roster_imports i ON i.id = e.import_id WHERE e.badge_id = ?')
      .get('A-3') as { raw: string; headers: string };
    expect(JSON.parse(stored.headers)).toEqual(['来場者ID', '氏名', '会社名']);
    expect(JSON.parse(stored.raw)).toEqual(['A-3', '髙橋 一郎', '①株式会社']);
    expect(count(core, 'roster_imports')).toBe(2);
  });

  it.each(['roster.preview', 'roster.import'])('%s refuses a file that is not base64 and stores nothing', async (name) => {
    core = openTestCore();
    const event = await tradeshow(core);
    const result = await core.raw(name, { eventId: event.id, file: '来場者ID,氏名\nA-1,山田' });
    expect(result).toMatchObject({ ok: false, error: { code: 'file.invalid_base64' } });
    expect(count(core, 'roster_entries')).toBe(0);
  });

  it('an empty badge is rejected with badge.empty and writes nothing', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const out = await core.raw('capture.scan', { eventId: event.id, payload: '\uFEFF \r\n' });
    expect(out).toMatchObject({ ok: false, error: { code: 'badge.empty' } });
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'touches')).toBe(0);
  });

  it('a scan for an unknown event is refused with event.not_found', async () => {
    core = openTestCore();
    const out = await core.raw('capture.scan', { eventId: 'no-such-event', payload: 'EXPO2026-000123' });
    expect(out).toMatchObject({ ok: false, error: { code: 'event.not_found' } });
  });

  it('a lead and its touch commit together or not at all', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    core.deps.onLeadWritten = () => {
      throw new Error('outbox unavailable');
    };
    const out = await core.raw('capture.scan', { eventId: event.id, payload: 'EXPO2026-000999' });
    expect(out.ok).toBe(false);
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'touches')).toBe(0);
  });

  it('a manual entry needs at least a name, an email or a badge id', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const out = await core.raw('capture.manual', { eventId: event.id, fields: { company: '株式会社だけ' } });
    expect(out).toMatchObject({ ok: false, error: { code: 'capture.manual_empty' } });
  });

  it('the recent list shows the latest scans first', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    for (const id of ['B-001', 'B-002', 'B-003']) {
      await core.call('capture.scan', { eventId: event.id, payload: id });
      core.clock.advance(10_000);
    }
    const recent = await core.call('capture.recent', { eventId: event.id, limit: 2 });
    expect(recent.map((r) => r.lead.badgeId)).toEqual(['B-003', 'B-002']);
  });
});

describe('lead search', () => {
  it.each([
    ['山田太郎', ['山田 太郎']],
    ['山田 太郎', ['山田 太郎']],
    ['サンプル', ['山田 太郎', '佐藤 花子']],
    ['ヤマダ', ['山田 太郎']],
    ['林', ['林 美咲']],
    ['acme', ['Jane Smith']],
    ['ACME', ['Jane Smith']],
    ['jane.smith@', ['Jane Smith']],
    ['50%', []],
    ['"', []],
  ])('query %j finds %j', async (query, names) => {
    core = openTestCore();
    const event = await tradeshow(core);
    const people = [
      { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', company: '株式会社サンプル' },
      { familyName: '佐藤', givenName: '花子', company: 'サンプル商事株式会社' },
      { familyName: '林', givenName: '美咲', company: '森ホールディングス' },
      { familyName: 'Smith', givenName: 'Jane', company: 'Acme Corp', email: 'jane.smith@acme.example' },
    ];
    for (const fields of people) await core.call('capture.manual', { eventId: event.id, fields });
    const page = await core.call('leads.list', { eventId: event.id, query });
    expect(page.rows.map((l) => l.fullName).sort()).toEqual([...names].sort());
    expect(page.total).toBe(names.length);
  });

  it('a word matching more than a thousand leads answers a lower bound instead of counting them all', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const { leadStore, NEW_LEAD_DEFAULTS } = await import('../../../electron/core/store/lead-store');
    const store = leadStore(core.database.sqlite);
    core.database.sqlite.transaction(() => {
      for (let i = 0; i < 1005; i++) {
        store.insert({
        ...NEW_LEAD_DEFAULTS,
          id: `lead-${i}`, eventId: event.id, badgeId: `B-${i}`, fullName: `社員 ${i}`, familyName: null, givenName: null,
          familyNameKana: null, givenNameKana: null, company: 'サンプル商事株式会社', companyKey: null, department: null,
          title: null, email: null, phone: null, url: null, sourceFormat: 'id', source: 'scanner', rawPayload: `B-${i}`,
          capturedBy: null, capturedAt: i, updatedAt: i, walkIn: 0,
        });
      }
    })();
    seededAsLinked(core.database.sqlite);
    const common = await core.call('leads.list', { eventId: event.id, query: 'サンプル商事', limit: 10 });
    expect(common).toMatchObject({ total: 1000, totalExact: false });
    expect(common.rows[0]!.badgeId).toBe('B-1004');
    const rare = await core.call('leads.list', { eventId: event.id, query: '社員 1004' });
    expect(rare).toMatchObject({ total: 1, totalExact: true });
  });

  it('pages through an event’s leads newest first', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    for (let i = 0; i < 25; i++) {
      await core.call('capture.scan', { eventId: event.id, payload: `P-${String(i).padStart(4, '0')}` });
      core.clock.advance(1000);
    }
    const page = await core.call('leads.list', { eventId: event.id, offset: 20, limit: 10 });
    expect(page.total).toBe(25);
    expect(page.rows.map((l) => l.badgeId)).toEqual(['P-0004', 'P-0003', 'P-0002', 'P-0001', 'P-0000']);
  });
});

describe('fixing a lead', () => {
  it('a correction replaces the given fields, clears the named ones, keeps the rest and leaves an audit touch', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA, staff: '佐藤' });
    core.clock.advance(60_000);
    const fixed = await core.call('leads.update', {
      id: lead.id, fields: { email: 'Taro.Yamada@Sample.example.jp', company: '（株）サンプル' }, clear: ['title'], notes: '展示会で名刺交換', staff: '鈴木',
    });
    expect(fixed).toMatchObject({ email: 'taro.yamada@sample.example.jp', company: '(株)サンプル', companyKey: 'サンプル', title: null, department: '営業部', notes: '展示会で名刺交換' });
    expect(fixed.updatedAt).toBe(new Date(core.clock()).toISOString());
    const { touches } = await core.call('leads.get', { id: lead.id });
    expect(touches.at(-1)).toMatchObject({ kind: 'edit', staff: '鈴木', detail: { changed: { title: { from: '部長', to: null } } } });
  });

  it('refuses an email that is not one, and changes nothing', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: VCARD_YAMADA });
    const out = await core.raw('leads.update', { id: lead.id, fields: { email: 'taro at sample' } });
    expect(out).toMatchObject({ ok: false, error: { code: 'lead.email_invalid' } });
    expect((await core.call('leads.get', { id: lead.id })).lead.email).toBe('taro.yamada@sample.example.jp');
  });
});
