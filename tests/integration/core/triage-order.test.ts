import { afterEach, describe, expect, it } from 'vitest';
import { quietUpkeep } from '../../../electron/core/quiet';
import { searchIndex } from '../../../electron/core/search-index';
import { leadStore, NEW_LEAD_DEFAULTS, type FullLeadRow } from '../../../electron/core/store/lead-store';
import { triageOrderIndex } from '../../../electron/core/triage/order-index';
import { triageQuery } from '../../../electron/core/triage/query';
import { TriageSortColumn, type TriageFilter, type TriagePage, type TriageSort } from '../../../shared/triage/api';
import { openTestCore, type TestCore } from '../../support/temp-core';
import { seededAsLinked } from '../../support/seeded';

/**
 * The Triage table sorts by anything but capture time through triage_order (migration 0011),
 * a copy kept off the capture path. These tests change leads in every way the app does after
 * the copy was last caught up, and check every sort's pages against an order computed here
 * from the leads table itself, so a copy that missed a change shows as a wrong page.
 */

let core: TestCore;
afterEach(() => core?.close());

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T01:00:00Z');
const STATUSES = ['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified'] as const;
const FAMILY = ['山田', '佐藤', null, 'Smith', ''];
const COMPANY = ['株式会社サンプル', 'Acme Japan K.K.', null, '', '合同会社みらい'];

/** Leads as the writer leaves them, with few distinct values so every sort has long runs of ties and blanks. */
function insertLeads(events: readonly string[], from: number, count: number): void {
  const store = leadStore(core.database.sqlite);
  core.database.sqlite.transaction(() => {
    for (let i = from; i < from + count; i++) {
      const family = FAMILY[i % FAMILY.length]!;
      const grade = (['A', 'B', 'C', 'D'] as const)[i % 4]!;
      const row: FullLeadRow = {
        ...NEW_LEAD_DEFAULTS,
        id: `lead-${String((i * 37) % 1000).padStart(3, '0')}-${i}`,
        eventId: events[i % events.length]!,
        familyName: family,
        givenName: family && i % 2 ? '太郎' : null,
        fullName: i % 3 ? 'Jane Doe' : null,
        company: COMPANY[i % COMPANY.length]!,
        title: i % 5 === 0 ? null : ['部長', '課長', 'Manager'][i % 3]!,
        source: 'scanner',
        capturedBy: [null, '佐藤', '鈴木'][i % 3]!,
        capturedAt: NOW - (i % 10) * HOUR,
        updatedAt: NOW - (i % 7) * HOUR,
        rating: ([null, 'hot', 'warm', 'cold'] as const)[i % 4]!,
        status: STATUSES[i % STATUSES.length]!,
        owner: [null, 'tanaka@example.co.jp', 'sato@example.co.jp'][i % 3]!,
        score: ((i * 13) % 5) * 20,
        grade,
        followUpDue: grade === 'A' ? NOW - ((i % 3) - 1) * HOUR : grade === 'B' ? NOW + 24 * HOUR : null,
        readyAt: i % 6 === 0 ? NOW : null,
        consentVersion: i % 4 === 1 ? 'v1' : null,
        answers: i % 2 ? JSON.stringify({ timeline: { value: 'within_3m', kind: 'single', label: { ja: 't', en: 't' }, formVersion: 1 } }) : '{}',
      };
      store.insert(row);
    }
  })();
  seededAsLinked(core.database.sqlite);
}

interface Stored {
  id: string;
  event_id: string;
  event_name: string;
  updated_at: number;
  score: number;
  grade: string;
  status: string;
  family_name: string | null;
  given_name: string | null;
  full_name: string | null;
  company: string | null;
  title: string | null;
  rating: string | null;
  owner: string | null;
  captured_by: string | null;
  captured_at: number;
  follow_up_due: number | null;
  ready_at: number | null;
  consent_version: string | null;
  answers: string;
}

/** The live leads as the leads table holds them now: the truth every page is checked against. */
const liveLeads = () =>
  core.database.sqlite
    .prepare('SELECT l.*, e.name AS event_name FROM leads l JOIN events e ON e.id = l.event_id WHERE l.deleted_at IS NULL')
    .all() as Stored[];

const rank = (order: readonly string[]) => (v: string | null) => (v === null ? null : order.indexOf(v) + 1);

function sortValue(r: Stored, column: TriageSortColumn): string | number | null {
  switch (column) {
    case 'capturedAt': return r.captured_at;
    case 'updatedAt': return r.updated_at;
    case 'score': return r.score;
    case 'grade': return r.grade;
    case 'status': return rank(STATUSES)(r.status);
    case 'name': return r.family_name !== null ? `${r.family_name} ${r.given_name ?? ''}` : r.full_name;
    case 'company': return r.company;
    case 'title': return r.title;
    case 'rating': return rank(['cold', 'warm', 'hot'])(r.rating);
    case 'owner': return r.owner;
    case 'capturedBy': return r.captured_by;
    case 'followUpDue': return r.follow_up_due;
    case 'event': return r.event_name;
  }
}

/** The documented order: the value in the direction asked, leads without one last both ways, ties by id in the same direction. */
function reference(rows: Stored[], sort: TriageSort): string[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      const va = sortValue(a, sort.column);
      const vb = sortValue(b, sort.column);
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
      } else if (va !== vb) return sign * cmp(va, vb);
      return sign * cmp(a.id, b.id);
    })
    .map((r) => r.id);
}

async function pageThrough(filter: TriageFilter, sort: TriageSort, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: TriagePage = await core.call('triage.query', { filter, sort, after, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (page.next === null) return ids;
    expect(page.rows).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('too many pages');
}

async function expectEverySort(filter: TriageFilter, holds: (r: Stored) => boolean, limit: number): Promise<void> {
  const rows = liveLeads().filter(holds);
  expect(rows.length).toBeGreaterThan(0);
  for (const column of TriageSortColumn.options) {
    for (const dir of ['asc', 'desc'] as const) {
      const ids = await pageThrough(filter, { column, dir }, limit);
      expect({ filter, column, dir, ids }).toEqual({ filter, column, dir, ids: reference(rows, { column, dir }) });
    }
  }
}

const COPIED = `id, event_id, deleted_at, captured_at, updated_at, score, grade, status, rating, owner, captured_by,
  follow_up_due, ready_at, consent_version, company, title, family_name, given_name, full_name`;

describe('triage_order: the Triage sorts stay right as leads change after the copy', () => {
  it('every sort, both ways, pages as the leads table says after edits, deletions, a merge and new leads', async () => {
    core = openTestCore();
    const a = await core.call('events.create', { name: 'Japan IT Week' });
    const b = await core.call('events.create', { name: 'AI Expo' });
    insertLeads([a.id, b.id], 0, 80);
    // The first query copies every lead; what follows changes leads the copy already holds.
    await core.call('triage.query', { filter: {}, sort: { column: 'score', dir: 'desc' }, limit: 5 });
    const copied = core.database.sqlite.prepare('SELECT count(*) FROM triage_order').pluck().get();
    expect(copied).toBe(80);

    const ids = liveLeads().map((r) => r.id).sort();
    const sqlite = core.database.sqlite;
    // Through the writer: names, company and title changed and emptied, ratings, statuses, a delete, a merge.
    await core.call('leads.update', { id: ids[0]!, fields: { familyName: '渡辺', givenName: '花子', company: 'Zeta', title: 'CEO' } });
    await core.call('leads.update', { id: ids[1]!, fields: {}, clear: ['familyName', 'givenName', 'company', 'title'] });
    await core.call('leads.rate', { id: ids[2]!, rating: 'hot' });
    await core.call('leads.rate', { id: ids[3]!, rating: null });
    await core.call('leads.setStatus', { id: ids[4]!, to: 'mql' });
    await core.call('leads.delete', { id: ids[5]! });
    await core.call('leads.delete', { id: ids[6]! });
    await core.call('leads.restore', { id: ids[6]! });
    const sameEvent = liveLeads().filter((r) => r.event_id === a.id && !ids.slice(0, 7).includes(r.id));
    const merged = await core.call('leads.merge', { survivorId: sameEvent[0]!.id, otherId: sameEvent[1]!.id });
    expect(merged.mergeId).not.toBeNull();
    // Every sorted and filtered column changed in place, as another process's write would, to values that tie and blank.
    const set = sqlite.prepare(`UPDATE leads SET score = ?, owner = ?, captured_by = ?, follow_up_due = ?, updated_at = ?, grade = ?, event_id = ? WHERE id = ?`);
    sameEvent.slice(2, 12).forEach((r, k) => set.run(k % 2 ? 100 : 0, k % 3 ? null : 'zz@example.com', k % 2 ? '' : null, k % 2 ? null : NOW, NOW + k, 'A', k % 4 ? a.id : b.id, r.id));
    // And each column alone, so a change the copy is not told of cannot hide behind another.
    const alone: [string, unknown][] = [
      ['score', 55], ['grade', 'B'], ['status', STATUSES[(STATUSES.indexOf(sameEvent[15]!.status as (typeof STATUSES)[number]) + 3) % STATUSES.length]], ['rating', 'cold'], ['owner', 'yy@example.com'], ['captured_by', '伊藤'],
      ['follow_up_due', NOW + 5], ['ready_at', NOW], ['consent_version', 'v2'], ['company', 'Ω'], ['title', 'CTO'], ['family_name', '阿部'],
      ['given_name', '一郎'], ['full_name', 'Z'], ['captured_at', NOW - 1], ['updated_at', NOW + 99], ['event_id', b.id], ['deleted_at', NOW],
    ];
    alone.forEach(([column, value], k) => sqlite.prepare(`UPDATE leads SET ${column} = ? WHERE id = ?`).run(value, sameEvent[13 + k]!.id));
    // Deleted for good, as a purge would.
    const gone = sameEvent[12]!.id;
    sqlite.prepare('DELETE FROM leads WHERE id = ?').run(gone);
    // New leads after the copy: written straight and captured at the booth.
    insertLeads([a.id, b.id], 80, 15);
    await core.call('capture.manual', { eventId: b.id, fields: { fullName: '新しい 人', company: 'Acme Japan K.K.' } });

    // Still the copy as it was: nothing here has caught it up.
    expect(sqlite.prepare('SELECT count(*) FROM triage_order_dirty').pluck().get()).toBeGreaterThan(10);
    await expectEverySort({}, () => true, 9);
    await expectEverySort({ eventIds: [a.id] }, (r) => r.event_id === a.id, 11);
    await expectEverySort({ statuses: ['new', 'working', 'mql'], owners: [null] }, (r) => ['new', 'working', 'mql'].includes(r.status) && r.owner === null, 4);
    await expectEverySort({ answers: [{ question: 'timeline', anyOf: ['within_3m'] }] }, (r) => r.answers.includes('"within_3m"'), 6);
    // Every filter the copy's bits answer, values with and without a bit among them.
    await expectEverySort(
      { grades: ['A', 'C', 'D'], ratings: ['none', 'hot', 'cold'], owners: ['tanaka@example.co.jp', null], consent: 'none', ready: false },
      (r) => ['A', 'C', 'D'].includes(r.grade) && [null, 'hot', 'cold'].includes(r.rating) && r.owner !== 'sato@example.co.jp' && r.owner !== 'zz@example.com'
        && r.owner !== 'yy@example.com' && r.consent_version === null && r.ready_at === null,
      5,
    );
    await expectEverySort({ ready: true }, (r) => r.ready_at !== null, 3);
    await expectEverySort({ consent: 'given', statuses: ['nurture', 'sal', 'disqualified'] }, (r) => r.consent_version !== null && ['nurture', 'sal', 'disqualified'].includes(r.status), 2);

    // And the copy is the leads table, row for row (deleted leads kept, marked).
    expect(sqlite.prepare('SELECT count(*) FROM triage_order_dirty').pluck().get()).toBe(0);
    const copy = sqlite.prepare(`SELECT lead_rowid, ${COPIED} FROM triage_order ORDER BY lead_rowid`).all();
    const source = sqlite.prepare(`SELECT rowid AS lead_rowid, ${COPIED} FROM leads ORDER BY rowid`).all();
    expect(copy).toEqual(source);
    expect(copy.some((r) => (r as { id: string }).id === gone)).toBe(false);
  });

  it('a filter that matches few of many leads pages right across the walk’s chunks and long runs of ties', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Big Sight' });
    const store = leadStore(core.database.sqlite);
    // 12,000 leads in two scores and two statuses: a tie run of 6,000 outlasts a chunk of the walk.
    core.database.sqlite.transaction(() => {
      for (let i = 0; i < 12_000; i++) {
        store.insert({
          ...NEW_LEAD_DEFAULTS, id: `big-${String(i).padStart(5, '0')}`, eventId: event.id, source: 'scanner',
          capturedAt: NOW - i, updatedAt: NOW, score: i % 2 ? 40 : 80, status: i % 97 === 0 ? 'mql' : 'new',
          grade: i % 3 ? 'C' : 'A', familyName: i % 5 ? '山田' : null,
        });
      }
    })();
    seededAsLinked(core.database.sqlite);
    for (const column of ['score', 'status', 'name', 'grade', 'event'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const filter: TriageFilter = { statuses: ['mql'] };
        const ids = await pageThrough(filter, { column, dir }, 13);
        expect({ column, dir, ids }).toEqual({ column, dir, ids: reference(liveLeads().filter((r) => r.status === 'mql'), { column, dir }) });
      }
    }
  });

  it('a filter that almost nothing in a long order matches finishes its page from the leads_triage walk, in the same order', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Tokyo Big Sight' });
    const store = leadStore(core.database.sqlite);
    // 70,000 leads, more than one walk of the copy reads before it hands over; four match.
    core.database.sqlite.transaction(() => {
      for (let i = 0; i < 70_000; i++) {
        const rare = i % 17_000 === 5;
        store.insert({
          ...NEW_LEAD_DEFAULTS, id: `far-${String(i).padStart(5, '0')}`, eventId: event.id, source: 'scanner',
          capturedAt: NOW - i, updatedAt: NOW, score: i % 3 ? 10 : 90, status: rare ? 'sal' : 'new', familyName: i % 7 ? '佐藤' : null,
          owner: rare || i % 2 ? null : 'tanaka@example.co.jp',
        });
      }
    })();
    seededAsLinked(core.database.sqlite);
    const sql: string[] = [];
    const db = core.deps.sqlite;
    const prepare = db.prepare.bind(db);
    Object.assign(db, { prepare: ((text: string) => (sql.push(text), prepare(text))) as typeof db.prepare });
    try {
      for (const column of ['score', 'status', 'name', 'event'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const ids = await pageThrough({ statuses: ['sal'], owners: [null] }, { column, dir }, 3);
          expect({ column, dir, ids }).toEqual({ column, dir, ids: reference(liveLeads().filter((r) => r.status === 'sal'), { column, dir }) });
        }
      }
    } finally {
      Object.assign(db, { prepare });
    }
    expect(sql.some((s) => /ORDER BY/u.test(s) && /INDEXED BY leads_triage/u.test(s))).toBe(true);
  });
});

describe('triage_order far behind (a big database opened for the first time since the upgrade)', () => {
  const copied = () => core.database.sqlite.prepare('SELECT count(*) FROM triage_order').pluck().get() as number;

  /** 3,000 leads stored behind the side indexes' backs, the app's own upkeep stopped (poked at open, it would copy them a second later). */
  async function leadsNotCopied() {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'CEATEC' });
    core.upkeep.stop();
    insertLeads([event.id], 0, 3000);
    const sqlite = core.database.sqlite;
    return { event, sqlite, search: searchIndex(sqlite) };
  }

  it('a query that cannot wait for the copy walks leads_triage instead, page for page the same', async () => {
    const { event, sqlite, search } = await leadsNotCopied();
    // No time at all to wait: the copy stays as it is (empty), the answer comes from leads_triage.
    const impatient = triageQuery({ sqlite, clock: () => NOW }, search, triageOrderIndex(sqlite), 0);
    const sort: TriageSort = { column: 'score', dir: 'desc' };
    const first = impatient.query({ filter: { eventIds: [event.id] }, sort, after: null, limit: 50 });
    expect(copied()).toBe(0);
    const ids = [...first.rows.map((r) => r.id)];
    let next = first.next;
    for (let page = 0; next && page < 3; page++) {
      const more = impatient.query({ filter: { eventIds: [event.id] }, sort, after: next, limit: 50 });
      ids.push(...more.rows.map((r) => r.id));
      next = more.next;
    }
    expect(copied()).toBe(0);
    expect(ids).toEqual(reference(liveLeads(), sort).slice(0, 200));
    // Given time, the same query fills the copy and answers the same pages from it.
    const patient = triageQuery({ sqlite, clock: () => NOW }, search, triageOrderIndex(sqlite), Infinity);
    expect(patient.query({ filter: { eventIds: [event.id] }, sort, after: null, limit: 50 }).rows.map((r) => r.id)).toEqual(ids.slice(0, 50));
    expect(copied()).toBe(3000);
  });

  it('the quiet upkeep fills it in slices, the app free between them, until every lead is copied', async () => {
    const { sqlite, search } = await leadsNotCopied();
    const orders = triageOrderIndex(sqlite);
    // A slice of a millisecond: one batch (500 leads) at most per index each time.
    const upkeep = quietUpkeep(sqlite, [search, orders], 1, 1);
    const seen: number[] = [];
    try {
      upkeep.poke();
      await expect
        .poll(() => {
          seen.push(copied());
          return orders.caughtUp() && search.caughtUp();
        }, { timeout: 20_000, interval: 5 })
        .toBe(true);
    } finally {
      upkeep.stop();
    }
    expect(copied()).toBe(3000);
    // It went in steps, answering the poll between them.
    expect(new Set(seen.filter((n) => n > 0 && n < 3000)).size).toBeGreaterThan(0);
  });
});
