import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { png } from '../../support/images';
import { badge, openDevice, tempDir, type Device } from '../handoff/device';

/**
 * 名寄せ on real database files: two booth laptops at one show, a bundle between them, undo,
 * the same visitor at two shows, and a "not the same person" that is remembered.
 */

let dir: string;
let a: Device;
let b: Device;

beforeEach(() => {
  dir = tempDir();
  a = openDevice(dir, 'booth-a');
  b = openDevice(dir, 'booth-b');
});
afterEach(() => {
  a.close();
  b.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = (hhmm: string) => `2025-04-09T${hhmm}:00.000Z`;

async function sharedEvent(name = 'Japan IT Week 春 2025'): Promise<string> {
  a.at(T('00:00'));
  const event = await a.call('events.create', { name, venue: '東京ビッグサイト' });
  await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId: event.id })).base64 });
  return event.id;
}

const table = (d: Device, sql: string) => d.core.database.sqlite.prepare(sql).all();
const liveNames = async (d: Device, eventId: string) =>
  (await d.call('leads.list', { eventId })).rows.map((l) => l.fullName ?? `${l.familyName} ${l.givenName}`).sort();

/**
 * Booth A and booth B meet overlapping people: 花子 at both (same name, reading, company and
 * phone, written differently), 次郎 at both (same name and company only), two different 佐藤 健
 * at one company (two corporate emails), and 山田 with his email typed in full width at B.
 */
async function dayAtTwoBooths(eventId: string) {
  a.at(T('01:00'));
  const hanakoA = (await a.call('capture.scan', {
    eventId, payload: badge({ badgeId: 'JITW-1', familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', company: '株式会社サンプル', phone: '03-1234-9999' }), staff: '佐藤',
  })).lead;
  a.at(T('01:10'));
  const jiroA = (await a.call('capture.manual', { eventId, fields: { fullName: '鈴木 次郎', company: '株式会社サンプル' }, staff: '佐藤' })).lead;
  a.at(T('01:20'));
  const kenA = (await a.call('capture.manual', { eventId, fields: { fullName: '佐藤 健', company: '株式会社サンプル', email: 'k.sato@sample.co.jp', phone: '03-1111-2222' }, staff: '佐藤' })).lead;
  a.at(T('01:30'));
  const yamadaA = (await a.call('capture.manual', { eventId, fields: { fullName: '山田 太郎', company: 'Example株式会社', email: 'taro@example.co.jp' }, notes: '展示会で名刺交換', staff: '佐藤' })).lead;

  b.at(T('02:00'));
  const hanakoB = (await b.call('capture.manual', {
    eventId, fields: { fullName: '佐藤花子', familyNameKana: 'さとう', givenNameKana: 'はなこ', company: '(株)サンプル', phone: '+81 3-1234-9999', title: '部長' }, staff: '鈴木',
  })).lead;
  b.at(T('02:10'));
  const jiroB = (await b.call('capture.manual', { eventId, fields: { fullName: '鈴木次郎', company: 'サンプル' }, staff: '鈴木' })).lead;
  b.at(T('02:20'));
  const kenB = (await b.call('capture.manual', { eventId, fields: { fullName: '佐藤 健', company: 'サンプル株式会社', email: 'ken.sato@sample.co.jp', phone: '03-1111-2222' }, staff: '鈴木' })).lead;
  b.at(T('02:30'));
  const yamadaB = (await b.call('capture.manual', { eventId, fields: { fullName: '山田 太郎', email: 'ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ' }, notes: 'デモ希望', staff: '鈴木' })).lead;
  b.at(T('02:40'));
  await b.call('leads.rate', { id: hanakoB.id, rating: 'hot', staff: '鈴木' });
  return { hanakoA, jiroA, kenA, yamadaA, hanakoB, jiroB, kenB, yamadaB };
}

describe('名寄せ within an event', () => {
  it('merges a second laptop\'s bundle exactly as the rules say, and a second import changes nothing', async () => {
    const eventId = await sharedEvent();
    const p = await dayAtTwoBooths(eventId);
    // A's search index caught up, then 山田's note edited: the lead the import rewrites is
    // indexed and marked edited already (the index trigger must not fail the import).
    a.core.upkeep.runNow();
    a.at(T('02:50'));
    await a.call('leads.update', { id: p.yamadaA.id, notes: '展示会で名刺交換' });
    a.at(T('03:00'));
    b.at(T('03:00'));
    const fromB = await b.call('bundle.export', { eventId });
    await a.call('bundle.import', { file: fromB.base64 });

    // 花子 (name + reading + company + phone) merged by itself; 山田 by his email (the bundle's
    // own email match); the two 佐藤 健 stay two people; 次郎 waits for a person.
    expect(await liveNames(a, eventId)).toEqual(['佐藤 健', '佐藤 健', '佐藤花子', '山田 太郎', '鈴木 次郎', '鈴木次郎']);
    const hanako = await a.call('leads.get', { id: p.hanakoA.id });
    expect(hanako.lead).toMatchObject({ id: p.hanakoA.id, title: '部長', rating: 'hot', familyNameKana: 'サトウ', deletedAt: null });
    const merge = hanako.touches.find((t) => t.kind === 'merge')!;
    expect(merge.detail).toMatchObject({ mergedLeadId: p.hanakoB.id, rule: 'name_kana_account_phone', auto: true });
    // Every touch of both: A's scan, B's manual entry and rating.
    expect(hanako.touches.map((t) => [t.kind, t.staff])).toEqual(
      expect.arrayContaining([['scan', '佐藤'], ['scan', '鈴木'], ['edit', '鈴木'], ['merge', null]]),
    );
    const yamada = (await a.call('leads.get', { id: p.yamadaA.id })).lead;
    expect(yamada.notes).toContain('展示会で名刺交換');

    const open = await a.call('duplicates.list', { eventId });
    expect(open.rows.map((r) => [r.rule, r.auto, r.state, [r.a.fullName, r.b.fullName].sort()])).toEqual([
      ['name_account', false, 'suggested', ['鈴木 次郎', '鈴木次郎']],
    ]);
    const done = await a.call('duplicates.list', { eventId, state: 'done' });
    expect(done.rows.map((r) => [r.rule, r.auto, r.state])).toEqual([['name_kana_account_phone', true, 'merged']]);

    const before = ['leads', 'touches', 'duplicate_pairs', 'merges', 'persons', 'lead_photos'].map((t) => table(a, `SELECT * FROM ${t} ORDER BY rowid`));
    a.at(T('04:00'));
    const again = await a.call('bundle.import', { file: fromB.base64 });
    expect(again).toMatchObject({ leadsAdded: 0, leadsUpdated: 0, leadsMerged: 0, touchesAdded: 0 });
    const after = ['leads', 'touches', 'duplicate_pairs', 'merges', 'persons', 'lead_photos'].map((t) => table(a, `SELECT * FROM ${t} ORDER BY rowid`));
    expect(after).toEqual(before);
  });

  it('merges a full-width email typed at the door into the lead scanned earlier', async () => {
    const eventId = await sharedEvent();
    a.at(T('01:00'));
    const scanned = (await a.call('capture.scan', { eventId, payload: badge({ badgeId: 'X-1', fullName: 'Jane Smith', email: 'jane.smith@acme.com' }) })).lead;
    a.at(T('01:05'));
    const raw = a.core.database.sqlite;
    const typed = (await a.call('capture.manual', { eventId, fields: { fullName: 'SMITH Jane', company: 'Acme' } })).lead;
    await a.call('leads.update', { id: typed.id, fields: { email: 'ＪＡＮＥ．ＳＭＩＴＨ＠ＡＣＭＥ．ＣＯＭ' } });
    // Not a new lead (an edit): the lead captured first lives on.
    expect(raw.prepare('SELECT merged_into FROM leads WHERE id = ?').pluck().get(typed.id)).toBe(scanned.id);
    expect((await a.call('leads.list', { eventId })).rows.map((l) => l.id)).toEqual([scanned.id]);
  });

  it('keeps the lead a person just entered at the door, so the card they qualify next is the one that lives on', async () => {
    const eventId = await sharedEvent();
    a.at(T('01:00'));
    const scanned = (await a.call('capture.scan', { eventId, payload: badge({ badgeId: 'X-1', fullName: '佐藤 花子', company: '株式会社サンプル', phone: '03-1234-9999' }) })).lead;
    a.at(T('01:05'));
    const typed = (await a.call('capture.manual', { eventId, fields: { fullName: '佐藤花子', company: '(株)サンプル', phone: '+81 3 1234 9999' } })).lead;
    const rated = await a.call('leads.rate', { id: typed.id, rating: 'hot' });
    expect(rated).toMatchObject({ id: typed.id, deletedAt: null, badgeId: 'X-1', rating: 'hot' });
    expect((await a.call('leads.get', { id: scanned.id })).lead.deletedAt).not.toBeNull();
    expect((await a.call('leads.list', { eventId })).rows.map((l) => l.id)).toEqual([typed.id]);
  });

  it('undoes a merge as a whole: both leads, every touch, status change and photo where they were', async () => {
    const eventId = await sharedEvent();
    a.at(T('01:00'));
    const one = (await a.call('capture.manual', { eventId, fields: { fullName: '鈴木 次郎', company: '株式会社サンプル', title: '課長' }, staff: '佐藤' })).lead;
    a.at(T('01:10'));
    const two = (await a.call('capture.manual', { eventId, fields: { fullName: '鈴木次郎', company: 'サンプル', title: '部長' }, staff: '田中' })).lead;
    a.at(T('01:20'));
    await a.call('leads.rate', { id: two.id, rating: 'hot', staff: '田中' });
    await a.call('leads.setStatus', { id: two.id, to: 'working', staff: '田中' });
    await a.call('photos.add', { leadId: two.id, file: Buffer.from(png([0, 0, 255])).toString('base64'), mime: 'image/png', staff: '田中' });

    const rowsBefore = table(a, `SELECT * FROM leads WHERE id IN ('${one.id}', '${two.id}') ORDER BY id`);
    const touchesBefore = table(a, 'SELECT id, lead_id FROM touches ORDER BY id');
    const statusBefore = table(a, 'SELECT id, lead_id FROM status_changes ORDER BY id');
    const photosBefore = table(a, 'SELECT id, lead_id FROM lead_photos ORDER BY id');

    // The search index has caught up, as it has at a booth that went quiet: its edit trigger
    // then marks each lead the merge and the undo rewrite.
    a.core.upkeep.runNow();
    const [pair] = (await a.call('duplicates.list', { eventId })).rows;
    expect(pair).toMatchObject({ rule: 'name_account', auto: false, state: 'suggested' });
    a.at(T('02:00'));
    const merged = await a.call('duplicates.merge', { a: pair!.a.id, b: pair!.b.id, survivorId: one.id, staff: '佐藤' });
    expect(merged.survivor).toMatchObject({ id: one.id, title: '部長', rating: 'hot', status: 'working' });
    expect(table(a, `SELECT lead_id FROM lead_photos`)).toEqual([{ lead_id: one.id }]);
    expect((await a.call('leads.get', { id: two.id })).lead.deletedAt).not.toBeNull();
    const mergeTouch = (await a.call('leads.get', { id: one.id })).touches.find((t) => t.kind === 'merge')!;
    expect(mergeTouch.detail).toMatchObject({ rule: 'name_account', auto: false, lost: expect.arrayContaining([{ field: 'title', kept: '部長', lost: '課長' }]) });

    a.at(T('02:05'));
    const undone = await a.call('leads.unmerge', { mergeId: merged.mergeId!, staff: '佐藤' });
    expect(undone.survivor).toMatchObject({ id: one.id, title: '課長', rating: null, status: 'new' });
    expect(undone.restored).toMatchObject({ id: two.id, title: '部長', rating: 'hot', status: 'working', deletedAt: null });
    // Every row back with its lead; only the undo's own touches are new.
    const touchesAfter = table(a, 'SELECT id, lead_id FROM touches ORDER BY id') as { id: string }[];
    const known = new Set((touchesBefore as { id: string }[]).map((t) => t.id));
    expect(touchesAfter.filter((t) => known.has(t.id))).toEqual(touchesBefore);
    const statusAfter = table(a, 'SELECT id, lead_id, from_status, to_status FROM status_changes ORDER BY id') as { id: string; lead_id: string; from_status: string; to_status: string }[];
    const knownStatus = new Set((statusBefore as { id: string }[]).map((s) => s.id));
    expect(statusAfter.filter((s) => knownStatus.has(s.id)).map(({ id, lead_id }) => ({ id, lead_id }))).toEqual(statusBefore);
    // The survivor took the other's status in the merge and gave it back: both in its history.
    expect(statusAfter.filter((s) => !knownStatus.has(s.id)).map(({ lead_id, from_status, to_status }) => [lead_id, from_status, to_status])).toEqual([
      [one.id, 'new', 'working'],
      [one.id, 'working', 'new'],
    ]);
    expect(table(a, 'SELECT id, lead_id FROM lead_photos ORDER BY id')).toEqual(photosBefore);
    const rowsAfter = table(a, `SELECT id, title, rating, status, deleted_at, merged_into, person_id, email_key, name_key FROM leads WHERE id IN ('${one.id}', '${two.id}') ORDER BY id`);
    expect(rowsAfter).toEqual((rowsBefore as Record<string, unknown>[]).map(({ id, title, rating, status, deleted_at, merged_into, person_id, email_key, name_key }) => ({ id, title, rating, status, deleted_at, merged_into, person_id, email_key, name_key })));

    expect((await a.fail('leads.unmerge', { mergeId: merged.mergeId! })).code).toBe('dedupe.already_undone');
    // An undone pair waits for a person again, and is never merged by itself.
    expect((await a.call('duplicates.list', { eventId })).rows.map((r) => r.state)).toEqual(['undone']);
  });

  it('remembers "not the same person": never suggested or merged again', async () => {
    const eventId = await sharedEvent();
    a.at(T('01:00'));
    const one = (await a.call('capture.manual', { eventId, fields: { fullName: '鈴木 次郎', company: '株式会社サンプル' } })).lead;
    const two = (await a.call('capture.manual', { eventId, fields: { fullName: '鈴木 次郎', company: 'サンプル' } })).lead;
    expect((await a.call('duplicates.list', { eventId })).total).toBe(1);
    await a.call('duplicates.dismiss', { a: one.id, b: two.id, staff: '佐藤' });
    expect((await a.call('duplicates.list', { eventId })).total).toBe(0);

    // Now they share a phone too, which would merge them by itself: the decision stands.
    await a.call('leads.update', { id: one.id, fields: { phone: '03-1234-5678' } });
    await a.call('leads.update', { id: two.id, fields: { phone: '0312345678' } });
    expect(await a.call('duplicates.scan', { eventId })).toMatchObject({ merged: 0, suggested: 0 });
    expect((await a.call('leads.list', { eventId })).total).toBe(2);
    expect((await a.call('duplicates.list', { eventId, state: 'all' })).rows.map((r) => r.state)).toEqual(['dismissed']);
  });

  it('answers stable codes for pairs that cannot be merged', async () => {
    const eventId = await sharedEvent();
    const one = (await a.call('capture.manual', { eventId, fields: { fullName: 'A' } })).lead;
    expect((await a.fail('leads.merge', { survivorId: one.id, otherId: one.id })).code).toBe('dedupe.same_lead');
    expect((await a.fail('leads.merge', { survivorId: one.id, otherId: 'missing' })).code).toBe('dedupe.not_found');
    expect((await a.fail('leads.unmerge', { mergeId: 'missing' })).code).toBe('dedupe.not_found');
  });
});

describe('名寄せ across events', () => {
  it('links the same visitor at two shows to one person, one lead per show', async () => {
    a.at(T('00:00'));
    const spring = await a.call('events.create', { name: 'Japan IT Week 春' });
    const autumn = await a.call('events.create', { name: 'Japan IT Week 秋' });
    a.at(T('01:00'));
    const first = (await a.call('capture.manual', { eventId: spring.id, fields: { fullName: '山田 太郎', email: 'taro@example.co.jp' } })).lead;
    a.at(T('02:00'));
    const captured = (await a.call('capture.manual', { eventId: autumn.id, fields: { fullName: '山田太郎', email: 'ＴＡＲＯ＠example.co.jp' } })).lead;
    // The person is decided after the capture commits (late links), before the next call answers.
    const second = (await a.call('leads.get', { id: captured.id })).lead;
    expect(second.personId).not.toBeNull();
    expect(second.personId).toBe((await a.call('leads.get', { id: first.id })).lead.personId);
    expect(second.id).not.toBe(first.id);
    expect((await a.call('person.leads', { leadId: second.id })).map((p) => [p.lead.id, p.event.name])).toEqual([[first.id, 'Japan IT Week 春']]);

    // Only a name and company in common: a suggestion, confirmed by a person as one person.
    const third = (await a.call('capture.manual', { eventId: autumn.id, fields: { fullName: '佐藤 花子', company: '株式会社サンプル' } })).lead;
    const fourth = (await a.call('leads.get', { id: (await a.call('capture.manual', { eventId: spring.id, fields: { fullName: '佐藤 花子', company: 'サンプル' } })).lead.id })).lead;
    const thirdLinked = (await a.call('leads.get', { id: third.id })).lead;
    expect(thirdLinked.personId).not.toBeNull();
    expect(fourth.personId).not.toBe(thirdLinked.personId);
    const [pair] = (await a.call('duplicates.list', {})).rows;
    expect(pair).toMatchObject({ scope: 'person', rule: 'name_account', state: 'suggested' });
    const linked = await a.call('duplicates.merge', { a: pair!.a.id, b: pair!.b.id, survivorId: third.id });
    expect(linked.mergeId).toBeNull();
    expect(linked.other.personId).toBe(thirdLinked.personId);
    expect(linked.other.deletedAt).toBeNull();
    expect((await a.call('leads.merge', { survivorId: third.id, otherId: fourth.id }).catch((e: Error) => e.message))).toMatch(/dedupe.other_event/u);
  });
});

describe('名寄せ of leads stored before it', () => {
  it('gives them their keys and one person per human when the app opens', async () => {
    a.at(T('00:00'));
    const spring = await a.call('events.create', { name: 'Japan IT Week 春' });
    const autumn = await a.call('events.create', { name: 'Japan IT Week 秋' });
    const one = (await a.call('capture.manual', { eventId: spring.id, fields: { fullName: '山田 太郎', email: 'taro@example.co.jp' } })).lead;
    const two = (await a.call('capture.manual', { eventId: autumn.id, fields: { fullName: '山田太郎', email: 'TARO@example.co.jp', phone: '03-1234-5678' } })).lead;
    await a.call('leads.list', { eventId: autumn.id });
    // As an older version left them: no keys, no person.
    a.core.database.sqlite.exec('UPDATE leads SET email_key = NULL, name_key = NULL, phone_key = NULL, person_id = NULL');
    a.close();
    a = openDevice(dir, 'booth-a');
    const rows = table(a, 'SELECT id, email_key, name_key, phone_key, person_id FROM leads ORDER BY captured_at') as Record<string, string | null>[];
    expect(rows.map(({ id, email_key, name_key, phone_key }) => [id, email_key, name_key, phone_key])).toEqual([
      [one.id, 'taro@example.co.jp', '山田太郎', null],
      [two.id, 'taro@example.co.jp', '山田太郎', '0312345678'],
    ]);
    expect(rows[0]!.person_id).not.toBeNull();
    expect(rows[1]!.person_id).toBe(rows[0]!.person_id);
  });
});
