import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * What a merge does beyond its two leads, on a real database file: the person links across
 * events it brings (taken back with it), and the answer a capture gives when 名寄せ folds the
 * new scan into the person's earlier lead.
 */

let core: TestCore;
beforeEach(() => {
  core = openTestCore();
});
afterEach(() => {
  core.close();
});

const personOf = (id: string) => core.database.sqlite.prepare('SELECT person_id FROM leads WHERE id = ?').pluck().get(id) as string | null;
const at = (iso: string) => core.clock.set(Date.parse(iso));

describe('undoing a merge', () => {
  /**
   * 山田 at three shows: at the spring expo with his phone (no email), at the summer seminar with
   * only his personal email (free mail: no account), and twice at the autumn expo (typed at the
   * door with the phone, scanned with the email). Merging the two autumn leads gives the
   * survivor the email, which links the summer lead to the survivor's person; undoing the merge
   * takes that link back.
   */
  async function threeShows() {
    at('2026-04-01T01:00:00Z');
    const spring = await core.call('events.create', { name: 'Spring Expo' });
    const summer = await core.call('events.create', { name: 'Summer Seminar', kind: 'seminar' });
    const autumn = await core.call('events.create', { name: 'Autumn Expo' });
    const springLead = (await core.call('capture.manual', { eventId: spring.id, fields: { fullName: '山田 太郎', company: '株式会社サンプル', phone: '03-1111-2222' } })).lead;
    at('2026-07-01T01:00:00Z');
    const summerLead = (await core.call('capture.manual', { eventId: summer.id, fields: { fullName: 'T. Yamada', email: 'taro.yamada@gmail.com' } })).lead;
    at('2026-10-01T01:00:00Z');
    const typed = (await core.call('capture.manual', { eventId: autumn.id, fields: { fullName: '山田 太郎', company: 'サンプル', phone: '0311112222' } })).lead;
    at('2026-10-01T02:00:00Z');
    const scanned = (await core.call('capture.manual', { eventId: autumn.id, fields: { fullName: '山田太郎', company: '(株)サンプル', email: 'taro.yamada@gmail.com' } })).lead;
    // Persons are decided after the captures commit (late links), before the next call off the scan path answers.
    await core.call('leads.list', { eventId: autumn.id });
    return { springLead, summerLead, typed, scanned };
  }

  it('puts every person link the merge made back as it was', async () => {
    const { springLead, summerLead, typed, scanned } = await threeShows();
    // Before: the typed lead is the spring lead's person (name, account, phone); the scanned one the summer lead's (email).
    expect(personOf(typed.id)).toBe(personOf(springLead.id));
    expect(personOf(scanned.id)).toBe(personOf(summerLead.id));
    expect(personOf(springLead.id)).not.toBe(personOf(summerLead.id));
    const before = [springLead, summerLead, typed, scanned].map((l) => personOf(l.id));

    at('2026-10-01T03:00:00Z');
    const merged = await core.call('leads.merge', { survivorId: typed.id, otherId: scanned.id });
    expect(merged.survivor.email).toBe('taro.yamada@gmail.com');
    // The survivor's new email is the summer lead's: one person across all three shows now.
    expect(personOf(summerLead.id)).toBe(personOf(typed.id));
    expect(personOf(springLead.id)).toBe(personOf(typed.id));

    at('2026-10-01T04:00:00Z');
    await core.call('leads.unmerge', { mergeId: merged.mergeId! });
    expect([springLead, summerLead, typed, scanned].map((l) => personOf(l.id))).toEqual(before);
    expect((await core.call('person.leads', { leadId: summerLead.id })).map((p) => p.lead.id)).toEqual([scanned.id]);
    expect((await core.call('person.leads', { leadId: typed.id })).map((p) => p.lead.id)).toEqual([springLead.id]);
  });

  it('leaves a link a person made after the merge alone', async () => {
    const { springLead, summerLead, typed, scanned } = await threeShows();
    at('2026-10-01T03:00:00Z');
    const merged = await core.call('leads.merge', { survivorId: typed.id, otherId: scanned.id });
    // Later, a person tells the summer lead apart from the spring one: a person of its own.
    at('2026-10-01T03:30:00Z');
    await core.call('duplicates.dismiss', { a: springLead.id, b: summerLead.id });
    const own = personOf(summerLead.id);
    expect(own).not.toBe(personOf(typed.id));

    at('2026-10-01T04:00:00Z');
    await core.call('leads.unmerge', { mergeId: merged.mergeId! });
    expect(personOf(summerLead.id)).toBe(own);
    expect(personOf(typed.id)).toBe(personOf(springLead.id));
  });
});

describe('a capture that 名寄せ merges', () => {
  it('is answered as a new lead, and the lead its card shows lives on with what both leads had and both touches', async () => {
    at('2026-11-20T01:00:00Z');
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const first = await core.call('capture.manual', {
      eventId: event.id,
      fields: { fullName: '佐藤 花子', company: '株式会社サンプル', phone: '03-1234-9999', title: '部長', email: 'hanako@sample.co.jp' },
      staff: '佐藤',
    });
    at('2026-11-20T02:00:00Z');
    // The same person's second badge, another id and without title or email: merged by name, account and phone.
    const second = await core.call('capture.manual', {
      eventId: event.id,
      fields: { fullName: '佐藤花子', company: '(株)サンプル', phone: '+81 3 1234 9999', department: '営業部' },
      staff: '鈴木',
    });
    // 名寄せ is decided after the capture commits (late links): the card shows the new lead.
    expect(second.merged).toBe(false);
    expect(second.lead.id).not.toBe(first.lead.id);
    const live = (await core.call('leads.list', { eventId: event.id })).rows;
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ id: second.lead.id, title: '部長', email: 'hanako@sample.co.jp', department: '営業部', touchCount: 2, deletedAt: null });
    const { touches } = await core.call('leads.get', { id: second.lead.id });
    expect(touches.filter((t) => t.kind === 'scan').map((t) => [t.at, t.staff])).toEqual([
      [first.lead.capturedAt, '佐藤'],
      [second.lead.capturedAt, '鈴木'],
    ]);
  });

  it('answers the earlier lead when a scan of a known badge merges its lead into it', async () => {
    at('2026-11-20T01:00:00Z');
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const older = await core.call('capture.manual', { eventId: event.id, fields: { fullName: 'Jane Smith', email: 'jane.smith@acme.com', title: 'CTO' } });
    at('2026-11-20T02:00:00Z');
    const badgeOnly = await core.call('capture.manual', { eventId: event.id, fields: { badgeId: 'B-7', fullName: 'SMITH Jane' } });
    expect(badgeOnly.lead.id).not.toBe(older.lead.id);
    at('2026-11-20T03:00:00Z');
    // The badge scanned again, now with the email: the badge's lead meets the earlier lead and folds into it.
    const again = await core.call('capture.manual', { eventId: event.id, fields: { badgeId: 'B-7', email: 'JANE.SMITH@acme.com' } });
    const live = (await core.call('leads.list', { eventId: event.id })).rows;
    expect(live.map((l) => l.id)).toEqual([older.lead.id]);
    expect(again.lead).toMatchObject(live[0]!);
    expect(again.lead).toMatchObject({ id: older.lead.id, badgeId: 'B-7', title: 'CTO', touchCount: 3 });
    expect(again.merged).toBe(true);
  });
});
