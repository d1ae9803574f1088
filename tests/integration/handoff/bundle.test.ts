import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api';
import { bytesToBase64 } from '../../../shared/base64';
import { BUNDLE_MAX_BYTES } from '../../../shared/handoff/api';
import type { Bundle } from '../../../shared/handoff/bundle';
import { badge, openDevice, tempDir, type Device } from './device';

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
const decode = (file: Output<'bundle.export'>) => JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as Bundle;
const content = (bundle: Bundle) => ({ event: bundle.event, leads: bundle.leads, touches: bundle.touches });

/** The event is made on one laptop and handed to the others in a bundle, before the doors open. */
async function sharedEvent(): Promise<string> {
  a.at(T('00:00'));
  const event = await a.call('events.create', { name: 'Japan IT Week 春 2025', venue: '東京ビッグサイト' });
  const result = await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId: event.id })).base64 });
  expect(result).toMatchObject({ event: 'created', leadsAdded: 0 });
  return event.id;
}

const takahashi = badge({
  badgeId: 'JITW-100234', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ',
  company: '株式会社サンプル', email: 'ichiro.takahashi@sample.co.jp',
});

/**
 * Booth A scans 髙橋 at 01:00 and rates him Hot at 05:00. Booth B, unaware, scans the same badge
 * at 02:00 (its own lead id), adds his phone at 03:00 and rates him Cold at 06:00. Both meet
 * 佐藤 花子 under the same email. Each also has a lead the other never saw.
 */
async function dayAtTwoBooths(eventId: string) {
  a.at(T('01:00'));
  const aTakahashi = (await a.call('capture.scan', { eventId, payload: takahashi, staff: '佐藤', source: 'camera' })).lead;
  a.at(T('01:30'));
  const aHanako = (await a.call('capture.manual', { eventId, fields: { fullName: '佐藤 花子', email: 'hanako@example.jp' }, staff: '佐藤' })).lead;
  a.at(T('04:00'));
  await a.call('capture.scan', { eventId, payload: badge({ badgeId: 'JITW-200001', fullName: 'Jane Smith', company: 'Acme, Inc.' }), staff: '佐藤' });
  a.at(T('05:00'));
  await a.call('leads.rate', { id: aTakahashi.id, rating: 'hot', staff: '佐藤' });

  b.at(T('02:00'));
  const bTakahashi = (await b.call('capture.scan', { eventId, payload: 'JITW-100234', staff: '鈴木', source: 'scanner' })).lead;
  b.at(T('02:30'));
  await b.call('capture.scan', {
    eventId, payload: 'MECARD:N:佐藤,花子;SOUND:サトウ,ハナコ;ORG:(株)テスト商事;EMAIL:hanako@example.jp;;', staff: '鈴木',
  });
  b.at(T('03:00'));
  await b.call('capture.manual', { eventId, fields: { badgeId: 'JITW-100234', phone: '03-1234-5678' }, staff: '鈴木' });
  b.at(T('03:30'));
  await b.call('capture.scan', { eventId, payload: badge({ badgeId: 'JITW-300001', fullName: '森 一', company: '合同会社モリ' }), staff: '鈴木' });
  b.at(T('06:00'));
  await b.call('leads.rate', { id: bTakahashi.id, rating: 'cold', staff: '鈴木' });
  return { aTakahashi, bTakahashi, aHanako };
}

describe('device bundles', () => {
  it('merge two booths into the same state whichever way they are swapped, and twice changes nothing', async () => {
    const eventId = await sharedEvent();
    const { aTakahashi, bTakahashi, aHanako } = await dayAtTwoBooths(eventId);
    expect(aTakahashi.id).not.toBe(bTakahashi.id);

    a.at(T('07:00'));
    b.at(T('07:00'));
    const fromA = await a.call('bundle.export', { eventId });
    const fromB = await b.call('bundle.export', { eventId });
    expect(fromA).toMatchObject({ leads: 3, touches: 4 });
    expect(fromB).toMatchObject({ leads: 3, touches: 5 });

    a.written.length = 0;
    expect(await a.call('bundle.import', { file: fromB.base64 })).toEqual({
      event: 'matched', leadsAdded: 1, leadsUpdated: 2, leadsUnchanged: 0, leadsMerged: 2, touchesAdded: 5, touchesSkipped: 0,
    });
    const hanakoB = (await b.call('leads.list', { eventId, query: 'hanako' })).rows[0]!;
    expect(new Set(a.written)).toEqual(new Set([aTakahashi.id, aHanako.id, decode(fromB).leads.find((l) => l.badgeId === 'JITW-300001')!.id]));

    b.written.length = 0;
    expect(await b.call('bundle.import', { file: fromA.base64 })).toEqual({
      event: 'matched', leadsAdded: 1, leadsUpdated: 2, leadsUnchanged: 0, leadsMerged: 2, touchesAdded: 4, touchesSkipped: 0,
    });
    // B's own records of 髙橋 and 花子 became tombstones; A's ids (the first scans) live on.
    expect(new Set(b.written)).toEqual(new Set([bTakahashi.id, aTakahashi.id, hanakoB.id, aHanako.id, decode(fromA).leads.find((l) => l.badgeId === 'JITW-200001')!.id]));

    for (const [device, file] of [[a, fromB], [b, fromA], [a, fromA], [b, fromB]] as const) {
      device.written.length = 0;
      const again = await device.call('bundle.import', { file: file.base64 });
      expect(again).toMatchObject({ event: 'matched', leadsAdded: 0, leadsUpdated: 0, leadsMerged: 0, touchesAdded: 0 });
      expect(again.leadsUnchanged).toBe(3);
      expect(device.written).toEqual([]);
    }

    const afterA = decode(await a.call('bundle.export', { eventId }));
    const afterB = decode(await b.call('bundle.export', { eventId }));
    expect(content(afterA)).toEqual(content(afterB));
    expect(afterA.leads).toHaveLength(4);

    const merged = afterA.leads.find((l) => l.badgeId === 'JITW-100234')!;
    expect(merged).toMatchObject({
      id: aTakahashi.id,
      capturedAt: T('01:00'), capturedBy: '佐藤', source: 'camera', // the real first scan
      familyName: '髙橋', familyNameKana: 'タカハシ', company: '株式会社サンプル', // only A had them
      phone: '03-1234-5678', // only B had it
      rating: 'cold', // B's 06:00 beats A's 05:00
    });
    const hanako = afterA.leads.find((l) => l.email === 'hanako@example.jp')!;
    expect(hanako).toMatchObject({ id: aHanako.id, company: '(株)テスト商事', familyNameKana: 'サトウ', capturedAt: T('01:30') });

    // Every scan from both booths hangs off the one lead, plus the one merge record.
    const { touches } = await b.call('leads.get', { id: aTakahashi.id });
    expect(touches.map((t) => [t.kind, t.staff, t.at])).toEqual([
      ['scan', '佐藤', T('01:00')],
      ['scan', '鈴木', T('02:00')],
      ['merge', null, T('02:00')],
      ['scan', '鈴木', T('03:00')],
      ['edit', '佐藤', T('05:00')],
      ['edit', '鈴木', T('06:00')],
    ]);
    expect((await b.call('leads.list', { eventId })).total).toBe(4);
    expect((await b.call('leads.get', { id: bTakahashi.id })).touches).toEqual([]);
  });

  it('lets an edit made after an import win the next swap', async () => {
    const eventId = await sharedEvent();
    const { aTakahashi } = await dayAtTwoBooths(eventId);
    a.at(T('07:00'));
    b.at(T('07:00'));
    await a.call('bundle.import', { file: (await b.call('bundle.export', { eventId })).base64 });
    await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId })).base64 });

    // The rating code knows nothing of field times; the import's stored time for the rating
    // must not make this newer rating look older than B's.
    a.at(T('08:00'));
    await a.call('leads.rate', { id: aTakahashi.id, rating: 'warm', staff: '佐藤' });
    const result = await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId })).base64 });
    expect(result).toMatchObject({ leadsUpdated: 1, leadsUnchanged: 3, touchesAdded: 1 });
    expect((await b.call('leads.get', { id: aTakahashi.id })).lead.rating).toBe('warm');
  });

  describe('answers, notes and consent', () => {
    /**
     * Booth A scans 髙橋 at 01:00; booth B scans the same badge at 02:00 (its own lead). A
     * answers the timeline and interest and writes a note at 05:00; B answers the budget and
     * records consent at 06:00.
     */
    async function qualifiedAtTwoBooths(eventId: string) {
      for (const device of [a, b]) await device.call('consent.save', { eventId, version: 'v1', textJa: '個人情報の取り扱いに同意します。', textEn: 'I agree to the handling of my personal data.' });
      a.at(T('01:00'));
      const aLead = (await a.call('capture.scan', { eventId, payload: takahashi, staff: '佐藤' })).lead;
      b.at(T('02:00'));
      const bLead = (await b.call('capture.scan', { eventId, payload: 'JITW-100234', staff: '鈴木' })).lead;
      a.at(T('05:00'));
      await a.call('leads.update', { id: aLead.id, answers: { timeline: 'within_3m', interest: ['product_a', 'services'] }, notes: '来月デモ希望', staff: '佐藤' });
      b.at(T('06:00'));
      await b.call('leads.update', { id: bLead.id, answers: { budget: 'secured' }, consent: { version: 'v1' }, staff: '鈴木' });
      a.at(T('07:00'));
      b.at(T('07:00'));
      return aLead;
    }

    const values = (answers: Bundle['leads'][number]['answers']) => Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.value]));
    const expected = { timeline: 'within_3m', interest: ['product_a', 'services'], budget: 'secured' };

    async function swap(first: Device, second: Device, eventId: string) {
      await second.call('bundle.import', { file: (await first.call('bundle.export', { eventId })).base64 });
      await first.call('bundle.import', { file: (await second.call('bundle.export', { eventId })).base64 });
    }

    for (const order of ['A to B first', 'B to A first'] as const) {
      it(`merge question by question into the same answers on both booths (${order})`, async () => {
        const eventId = await sharedEvent();
        const lead = await qualifiedAtTwoBooths(eventId);
        if (order === 'A to B first') await swap(a, b, eventId);
        else await swap(b, a, eventId);

        for (const device of [a, b]) {
          const { lead: merged } = await device.call('leads.get', { id: lead.id });
          expect(values(merged.answers)).toEqual(expected);
          expect(merged.answers.timeline).toMatchObject({ label: { ja: '導入時期', en: 'Timeline' }, choices: [{ ja: '3か月以内' }], formVersion: 1 });
          expect(merged).toMatchObject({ notes: '来月デモ希望', consentVersion: 'v1', consentAt: T('06:00') });
        }
        const afterA = decode(await a.call('bundle.export', { eventId }));
        const afterB = decode(await b.call('bundle.export', { eventId }));
        expect(content(afterA)).toEqual(content(afterB));
        expect(afterA.leads[0]!.fieldTimes).toMatchObject({ 'answers.timeline': T('05:00'), 'answers.budget': T('06:00') });
        // A second swap finds nothing to change.
        for (const [device, file] of [[a, afterB], [b, afterA]] as const) {
          expect(await device.call('bundle.import', { file: bytesToBase64(new TextEncoder().encode(JSON.stringify(file))) })).toMatchObject({ leadsUpdated: 0, leadsUnchanged: 1 });
        }
      });
    }

    it('carries a later answer and a cleared answer to the other booth, and leaves the other answers alone', async () => {
      const eventId = await sharedEvent();
      const lead = await qualifiedAtTwoBooths(eventId);
      await swap(a, b, eventId);
      b.at(T('08:00'));
      await b.call('leads.update', { id: lead.id, answers: { timeline: 'within_6m', interest: null }, staff: '鈴木' });
      const result = await a.call('bundle.import', { file: (await b.call('bundle.export', { eventId })).base64 });
      expect(result).toMatchObject({ leadsUpdated: 1 });
      const { lead: merged } = await a.call('leads.get', { id: lead.id });
      expect(values(merged.answers)).toEqual({ timeline: 'within_6m', budget: 'secured' });
    });
  });

  it('creates the event it carries and keeps scan times and staff as they were', async () => {
    a.at(T('00:00'));
    const event = await a.call('events.create', { name: 'DX推進セミナー', kind: 'seminar', startsOn: '2025-04-10' });
    a.at(T('01:00'));
    await a.call('capture.scan', { eventId: event.id, payload: takahashi, staff: '佐藤' });
    b.at(T('23:00'));
    await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId: event.id })).base64 });
    expect(await b.call('events.get', { id: event.id })).toMatchObject({ name: 'DX推進セミナー', kind: 'seminar', startsOn: '2025-04-10', leads: 1, walkIns: 1 });
    const lead = (await b.call('leads.list', { eventId: event.id })).rows[0]!;
    expect(lead).toMatchObject({ capturedAt: T('01:00'), updatedAt: T('01:00'), capturedBy: '佐藤', companyKey: 'サンプル' });
  });

  it('carries a seminar check-in made at another door into the roster', async () => {
    a.at(T('00:00'));
    const event = await a.call('events.create', { name: 'DX推進セミナー', kind: 'seminar' });
    await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId: event.id })).base64 });
    const roster = bytesToBase64(new TextEncoder().encode('受付番号,氏名,会社名\r\nS-001,髙橋 一郎,株式会社サンプル\r\nS-002,森 一,合同会社モリ\r\n'));
    await a.call('roster.import', { eventId: event.id, file: roster });
    await b.call('roster.import', { eventId: event.id, file: roster });
    b.at(T('01:00'));
    await b.call('capture.scan', { eventId: event.id, payload: 'S-001', staff: '鈴木' });
    await a.call('bundle.import', { file: (await b.call('bundle.export', { eventId: event.id })).base64 });
    expect(await a.call('events.get', { id: event.id })).toMatchObject({ registered: 2, checkedIn: 1, walkIns: 0 });
  });

  describe('a hostile or broken bundle', () => {
    async function realBundle(): Promise<Bundle> {
      const eventId = await sharedEvent();
      await dayAtTwoBooths(eventId);
      return decode(await a.call('bundle.export', { eventId }));
    }
    const file = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

    const cases: [string, (bundle: Bundle) => string, string, RegExp?][] = [
      ['of a newer version', (bd) => file({ ...bd, version: 2 }), 'bundle.unsupported_version'],
      ['of 40 MB of junk', () => crypto.randomBytes(40 * 1024 * 1024).toString('base64'), 'bundle.invalid'],
      // Past the contract's bound (bundles carry card photos): refused before it is decoded.
      ['larger than the contract takes', () => 'A'.repeat((BUNDLE_MAX_BYTES / 3) * 4 + 4), 'api.invalid_input'],
      ['that is not base64', () => '%%%not base64%%%', 'file.invalid_base64'],
      ['with a lead of another event', (bd) => { bd.leads[1]!.eventId = 'another-event'; return file(bd); }, 'bundle.invalid'],
      ['with a script for an id', (bd) => { bd.touches[2]!.id = '"><script>alert(1)</script>'; return file(bd); }, 'bundle.invalid'],
      ['with a script for a rating', (bd) => { (bd.leads[2] as Record<string, unknown>).rating = '<img src=x onerror=alert(1)>'; return file(bd); }, 'bundle.invalid'],
      ['with a lead id that is another event\'s lead here', (bd) => {
        const old = bd.leads[2]!.id;
        bd.leads[2]!.id = 'lead-of-another-event';
        for (const t of bd.touches) if (t.leadId === old) t.leadId = 'lead-of-another-event';
        return file(bd);
      }, 'bundle.invalid', /belongs to another event on this device/u],
    ];

    it.each(cases)('is refused with a code and writes nothing (a bundle %s)', async (_, make, code, message) => {
      const bundle = await realBundle();
      // For the last case: a lead id that exists on B under another event. Found only inside
      // the transaction, after the first leads were merged, so it proves the rollback.
      const other = await b.call('events.create', { name: '別イベント' });
      b.core.database.sqlite
        .prepare("INSERT INTO leads (id, event_id, source, captured_at, updated_at) VALUES ('lead-of-another-event', ?, 'manual', 0, 0)")
        .run(other.id);
      // B's own leads are linked by the first call off the scan path (late links): done before
      // the snapshot, so it shows only what the refused import would have written.
      await b.call('leads.list', { eventId: other.id });
      const before = b.snapshot();
      b.written.length = 0;
      const error = await b.fail('bundle.import', { file: make(structuredClone(bundle)) });
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
      // The lead writer tells delivery inside the transaction, so the outbox rolls back with the
      // leads: the snapshot (outbox included) is the proof, not the hook's calls.
      expect(b.snapshot()).toEqual(before);
    }, 60_000);
  });
});
