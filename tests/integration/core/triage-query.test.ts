import { afterEach, describe, expect, it } from 'vitest';
import { leadStore, NEW_LEAD_DEFAULTS, type FullLeadRow } from '../../../electron/core/store/lead-store';
import { searchIndex } from '../../../electron/core/search-index';
import { triageQuery } from '../../../electron/core/triage/query';
import type { Lead } from '../../../shared/model';
import { TriageSortColumn, type TriageFilter, type TriagePage, type TriageSort } from '../../../shared/triage/api';
import { openTestCore, type TestCore } from '../../support/temp-core';
import { seededAsLinked } from '../../support/seeded';

let core: TestCore;
afterEach(() => core?.close());

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T01:00:00Z');
const STATUSES = ['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified'] as const;
const OWNERS = [null, 'tanaka@example.co.jp', 'sato@example.co.jp'];
const STAFF = ['佐藤', '鈴木', null];
const FAMILY = ['山田', '佐藤', '鈴木', null, 'Smith'];
const COMPANY = ['株式会社サンプル', 'Acme Japan K.K.', null, '合同会社みらい'];

const answer = (kind: string, value: unknown) => ({ value, kind, label: { ja: kind, en: kind }, formVersion: 1 });

/**
 * Leads stored as the lead writer leaves them, with values chosen to collide: few distinct
 * scores, grades, owners, names and capture times, so every sort has long runs of ties and
 * blanks, and paging has to get them right.
 */
async function seeded(count = 60) {
  core = openTestCore();
  const a = await core.call('events.create', { name: 'Japan IT Week' });
  const b = await core.call('events.create', { name: 'AI Expo' });
  const store = leadStore(core.database.sqlite);
  const rows: FullLeadRow[] = [];
  core.database.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const family = FAMILY[i % FAMILY.length]!;
      const grade = (['A', 'B', 'C', 'D'] as const)[i % 4]!;
      const row: FullLeadRow = {
        ...NEW_LEAD_DEFAULTS,
        id: `lead-${String((i * 37) % count).padStart(3, '0')}`,
        eventId: i % 3 === 0 ? b.id : a.id,
        familyName: family,
        givenName: family && i % 2 ? '太郎' : null,
        fullName: family ? `${family} ${i % 2 ? '太郎' : ''}`.trim() : i % 2 ? 'Jane Doe' : null,
        company: COMPANY[i % COMPANY.length]!,
        title: i % 5 === 0 ? null : ['部長', '課長', 'Manager'][i % 3]!,
        source: 'scanner',
        capturedBy: STAFF[i % STAFF.length]!,
        capturedAt: NOW - (i % 10) * HOUR,
        updatedAt: NOW - (i % 7) * HOUR,
        rating: ([null, 'hot', 'warm', 'cold'] as const)[i % 4]!,
        status: STATUSES[i % STATUSES.length]!,
        owner: OWNERS[i % OWNERS.length]!,
        score: (i * 13) % 5 * 20,
        grade,
        followUpDue: grade === 'A' ? NOW - (i % 3 - 1) * HOUR : grade === 'B' ? NOW + 24 * HOUR : null,
        readyAt: i % 6 === 0 ? NOW : null,
        consentVersion: i % 4 === 1 ? 'v1' : null,
        answers: JSON.stringify({
          ...(i % 3 ? { timeline: answer('single', ['within_3m', 'within_6m'][i % 2]) } : {}),
          ...(i % 4 ? { follow_up: answer('multiple', i % 2 ? ['demo', 'quote'] : ['visit']) } : {}),
        }),
        deletedAt: i === count - 1 ? NOW : null,
      };
      store.insert(row);
      rows.push(row);
    }
    const outbox = core.database.sqlite.prepare(
      "INSERT INTO outbox (lead_id, connector, state, updated_at) VALUES (?, 'hubspot', ?, 0)",
    );
    rows.forEach((row, i) => {
      if (i % 5 < 3) outbox.run(row.id, ['done', 'pending', 'attention'][i % 5]);
    });
  })();
  seededAsLinked(core.database.sqlite);
  return { rows, live: rows.filter((r) => r.deletedAt === null), events: [a, b] };
}

const NAME = (r: FullLeadRow) => (r.familyName !== null ? `${r.familyName} ${r.givenName ?? ''}` : r.fullName);
const RANK = (order: readonly (string | null)[]) => (v: string | null) => (v === null ? null : order.indexOf(v) + 1);

/** Each column's sort value as the contract documents it; null sorts last both ways. */
function sortValue(r: FullLeadRow, column: TriageSortColumn, eventName: (id: string) => string): string | number | null {
  switch (column) {
    case 'capturedAt': return r.capturedAt;
    case 'updatedAt': return r.updatedAt;
    case 'score': return r.score;
    case 'grade': return r.grade;
    case 'status': return RANK(STATUSES)(r.status);
    case 'name': return NAME(r);
    case 'company': return r.company;
    case 'title': return r.title;
    case 'rating': return RANK(['cold', 'warm', 'hot'])(r.rating);
    case 'owner': return r.owner;
    case 'capturedBy': return r.capturedBy;
    case 'followUpDue': return r.followUpDue;
    case 'event': return eventName(r.eventId);
  }
}

function sortedInJs(rows: FullLeadRow[], sort: TriageSort, eventName: (id: string) => string): string[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      const va = sortValue(a, sort.column, eventName);
      const vb = sortValue(b, sort.column, eventName);
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
      } else if (va !== vb) return sign * cmp(va, vb);
      return sign * cmp(a.id, b.id);
    })
    .map((r) => r.id);
}

async function pageThrough(filter: TriageFilter, sort: TriageSort, limit: number) {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: TriagePage = await core.call('triage.query', { filter, sort, after, limit });
    ids.push(...page.rows.map((r) => r.id));
    totals.push(page.total);
    if (page.next === null) return { ids, totals };
    expect(page.rows).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('too many pages');
}

describe('triage.query: keyset pages in every sort', () => {
  it('pages through every column in both directions, ties by id and blanks last, as a sort in JavaScript would', async () => {
    const { live, events } = await seeded();
    const eventName = (id: string) => events.find((e) => e.id === id)!.name;
    for (const column of TriageSortColumn.options) {
      for (const dir of ['asc', 'desc'] as const) {
        const { ids, totals } = await pageThrough({}, { column, dir }, 7);
        expect({ column, dir, ids }).toEqual({ column, dir, ids: sortedInJs(live, { column, dir }, eventName) });
        expect(new Set(totals)).toEqual(new Set([live.length]));
      }
    }
  });

  it('a page of exactly the rows left says there is no next page', async () => {
    const { live } = await seeded(21);
    const first = await core.call('triage.query', { filter: {}, sort: { column: 'score', dir: 'desc' }, limit: live.length });
    expect(first.rows).toHaveLength(live.length);
    expect(first.next).toBeNull();
    expect(first).toMatchObject({ total: live.length, totalExact: true });
  });

  it('a lead captured between two pages neither repeats nor shifts the rows that follow', async () => {
    const { live } = await seeded();
    const sort: TriageSort = { column: 'capturedAt', dir: 'desc' };
    const first = await core.call('triage.query', { filter: {}, sort, limit: 10 });
    await core.call('capture.manual', { eventId: live[0]!.eventId, fields: { fullName: '新しい 人' } });
    const second = await core.call('triage.query', { filter: {}, sort, after: first.next, limit: 10 });
    const all = sortedInJs(live, sort, () => '');
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.slice(0, 20));
  });
});

describe('triage.query: filters', () => {
  type Case = [string, TriageFilter, (r: FullLeadRow) => boolean];
  const cases = (events: { id: string }[]): Case[] => [
    ['one event', { eventIds: [events[1]!.id] }, (r) => r.eventId === events[1]!.id],
    ['statuses', { statuses: ['mql', 'sal'] }, (r) => r.status === 'mql' || r.status === 'sal'],
    ['ratings, none among them', { ratings: ['hot', 'none'] }, (r) => r.rating === 'hot' || r.rating === null],
    ['grades', { grades: ['A', 'B'] }, (r) => r.grade === 'A' || r.grade === 'B'],
    ['score range', { scoreMin: 20, scoreMax: 60 }, (r) => r.score >= 20 && r.score <= 60],
    ['no owner', { owners: [null] }, (r) => r.owner === null],
    ['an owner or none', { owners: ['tanaka@example.co.jp', null] }, (r) => r.owner !== 'sato@example.co.jp'],
    ['staff', { staff: ['佐藤'] }, (r) => r.capturedBy === '佐藤'],
    ['a single-choice answer', { answers: [{ question: 'timeline', anyOf: ['within_3m'] }] }, (r) => r.answers.includes('"within_3m"')],
    [
      'a multiple-choice answer, any of',
      { answers: [{ question: 'follow_up', anyOf: ['quote', 'visit'] }] },
      (r) => r.answers.includes('"quote"') || r.answers.includes('"visit"'),
    ],
    [
      'two answers, both',
      { answers: [{ question: 'follow_up', anyOf: ['visit'] }, { question: 'timeline', anyOf: ['within_3m'] }] },
      (r) => r.answers.includes('"visit"') && r.answers.includes('"within_3m"'),
    ],
    ['consent given', { consent: 'given' }, (r) => r.consentVersion !== null],
    ['no consent', { consent: 'none' }, (r) => r.consentVersion === null],
    ['captured between, both ends inclusive', {
      capturedFrom: new Date(NOW - 3 * HOUR).toISOString(), capturedTo: new Date(NOW - HOUR).toISOString(),
    }, (r) => r.capturedAt >= NOW - 3 * HOUR && r.capturedAt <= NOW - HOUR],
    ['overdue: due before now and still awaiting contact', { overdue: true },
      (r) => r.followUpDue !== null && r.followUpDue < NOW && ['new', 'working', 'mql'].includes(r.status)],
    ['not overdue', { overdue: false },
      (r) => !(r.followUpDue !== null && r.followUpDue < NOW && ['new', 'working', 'mql'].includes(r.status))],
    ['ready', { ready: true }, (r) => r.readyAt !== null],
    ['not ready', { ready: false }, (r) => r.readyAt === null],
    ['an empty list is no filter', { statuses: [] }, () => true],
    ['several at once', { grades: ['A', 'B', 'C'], owners: [null], ratings: ['warm', 'cold'] },
      (r) => r.grade !== 'D' && r.owner === null && (r.rating === 'warm' || r.rating === 'cold')],
  ];

  it('each filter, and several together, match what their definition says (deleted leads never)', async () => {
    const { live, events } = await seeded();
    for (const [name, filter, holds] of cases(events)) {
      const expected = live.filter(holds).map((r) => r.id).sort();
      expect(expected.length, name).toBeGreaterThan(0);
      const { ids, totals } = await pageThrough(filter, { column: 'capturedAt', dir: 'desc' }, 5);
      expect({ name, ids: [...ids].sort() }).toEqual({ name, ids: expected });
      expect({ name, total: totals[0] }).toEqual({ name, total: expected.length });
    }
  });

  it('an answers filter pages in every sort as a sort in JavaScript would (answers are read for the first candidates only)', async () => {
    const { live, events } = await seeded(90);
    const eventName = (id: string) => events.find((e) => e.id === id)!.name;
    const filter: TriageFilter = { answers: [{ question: 'follow_up', anyOf: ['quote', 'visit'] }] };
    const matching = live.filter((r) => r.answers.includes('"quote"') || r.answers.includes('"visit"'));
    for (const column of TriageSortColumn.options) {
      for (const dir of ['asc', 'desc'] as const) {
        const { ids } = await pageThrough(filter, { column, dir }, 4);
        expect({ column, dir, ids }).toEqual({ column, dir, ids: sortedInJs(matching, { column, dir }, eventName) });
      }
    }
  });

  it('delivery state per connector: pending (in flight too), done, needs attention, never queued', async () => {
    const { live } = await seeded();
    const state = (r: FullLeadRow) => {
      const i = live.indexOf(r);
      return i % 5 < 3 ? (['done', 'pending', 'attention'] as const)[i % 5]! : 'not_queued';
    };
    for (const wanted of ['pending', 'done', 'attention', 'not_queued'] as const) {
      const { ids } = await pageThrough({ delivery: { connector: 'hubspot', state: wanted } }, { column: 'score', dir: 'desc' }, 9);
      expect({ wanted, ids: ids.sort() }).toEqual({ wanted, ids: live.filter((r) => state(r) === wanted).map((r) => r.id).sort() });
    }
    const salesforce = await core.call('triage.query', { filter: { delivery: { connector: 'salesforce', state: 'not_queued' } }, limit: 500 });
    expect(salesforce.total).toBe(live.length);
  });

  it('a search word or a delivery state that many leads match pages and counts as a rare one does', async () => {
    // 12,000 leads: a quarter at Acme and a fifth in each delivery state, more than the 2,000
    // the planner starts from; these sets are checked by rowid on the index walk instead.
    const { live } = await seeded(12_000);
    const acme = live.filter((r) => r.company === 'Acme Japan K.K.');
    const state = (r: FullLeadRow) => (live.indexOf(r) % 5 < 3 ? (['done', 'pending', 'attention'] as const)[live.indexOf(r) % 5]! : 'not_queued');
    const wanted = acme.filter((r) => r.status === 'new' || r.status === 'mql');
    for (const sort of [{ column: 'capturedAt', dir: 'desc' }, { column: 'score', dir: 'asc' }] as const) {
      const { ids } = await pageThrough({ query: 'ＡＣＭＥ', statuses: ['new', 'mql'] }, sort, 400);
      expect(ids.sort()).toEqual(wanted.map((r) => r.id).sort());
      const done = await pageThrough({ delivery: { connector: 'hubspot', state: 'done' }, grades: ['A'] }, sort, 400);
      expect(done.ids.sort()).toEqual(live.filter((r) => state(r) === 'done' && r.grade === 'A').map((r) => r.id).sort());
    }
    expect(await core.call('triage.query', { filter: { query: 'acme' }, limit: 10 })).toMatchObject({ total: acme.length, totalExact: true });
    const attention = live.filter((r) => state(r) === 'attention');
    expect(await core.call('triage.query', { filter: { delivery: { connector: 'hubspot', state: 'attention' } }, limit: 10 }))
      .toMatchObject({ total: attention.length, totalExact: true });
  });

  it('matchingIds gives every lead the filter matches, for bulk actions on "everything matching"', async () => {
    const { live } = await seeded();
    const service = triageQuery({ sqlite: core.database.sqlite, clock: () => NOW }, searchIndex(core.database.sqlite));
    const ids = service.matchingIds({ grades: ['A'], owners: [null] });
    expect([...ids].sort()).toEqual(live.filter((r) => r.grade === 'A' && r.owner === null).map((r) => r.id).sort());
    expect(service.matchingIds({}).length).toBe(live.length);
  });

  it('counts stop at 10,000: past that the total is a lower bound', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Big Sight' });
    const store = leadStore(core.database.sqlite);
    core.database.sqlite.transaction(() => {
      for (let i = 0; i < 10_050; i++) {
        const answers = i % 2 === 0 ? JSON.stringify({ timeline: answer('single', 'within_3m') }) : '{}';
        store.insert({ ...NEW_LEAD_DEFAULTS, id: `big-${i}`, eventId: event.id, source: 'scanner', capturedAt: NOW - i, updatedAt: NOW, answers });
      }
    })();
    seededAsLinked(core.database.sqlite);
    const page = await core.call('triage.query', { filter: {}, limit: 100 });
    expect(page).toMatchObject({ total: 10_000, totalExact: false });
    const few = await core.call('triage.query', { filter: { grades: ['A'] }, limit: 100 });
    expect(few).toMatchObject({ total: 0, totalExact: true, next: null });
    // An answer is read from the row for the first 10,000 candidates at most: past them, a lower bound.
    const timeline = [{ question: 'timeline', anyOf: ['within_3m'] }];
    const answered = await core.call('triage.query', { filter: { answers: timeline }, limit: 100 });
    expect(answered.totalExact).toBe(false);
    expect(answered.total).toBeGreaterThanOrEqual(5_000);
    const recent = { answers: timeline, capturedFrom: new Date(NOW - 3_999).toISOString() };
    expect(await core.call('triage.query', { filter: recent, limit: 100 })).toMatchObject({ total: 2_000, totalExact: true });

    // The plain leads list the same way: its pages still come by offset, and its last page knows the total.
    const list = (offset: number) => core.call('leads.list', { eventId: event.id, offset, limit: 100 });
    expect(await list(0)).toMatchObject({ total: 10_000, totalExact: false });
    expect(await list(9_900)).toMatchObject({ total: 10_001, totalExact: false });
    const last = await list(10_000);
    expect(last).toMatchObject({ total: 10_050, totalExact: true });
    expect(last.rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => `big-${10_000 + i}`));
  });
});

describe('triage.query: cursors are checked', () => {
  it('a cursor that is not ours, or made for another sort, is refused with triage.bad_cursor', async () => {
    await seeded();
    const sort: TriageSort = { column: 'score', dir: 'desc' };
    const first = await core.call('triage.query', { filter: {}, sort, limit: 5 });
    const decoded = JSON.parse(Buffer.from(first.next!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forge = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const bad = [
      'not a cursor',
      'eyJ2IjoxfQ', // {"v":1}
      Buffer.from('{not json').toString('base64url'),
      forge({ ...decoded, value: 'a string where a score goes' }),
      forge({ ...decoded, value: null }),
      forge({ ...decoded, extra: 1 }),
      first.next!.slice(0, -3),
    ];
    for (const after of bad) {
      const result = await core.raw('triage.query', { filter: {}, sort, after, limit: 5 });
      expect({ after, result }).toMatchObject({ after, result: { ok: false, error: { code: 'triage.bad_cursor' } } });
    }
    const otherSort = await core.raw('triage.query', { filter: {}, sort: { column: 'score', dir: 'asc' }, after: first.next, limit: 5 });
    expect(otherSort).toMatchObject({ ok: false, error: { code: 'triage.bad_cursor' } });
    const tooLong = await core.raw('triage.query', { filter: {}, sort, after: 'x'.repeat(2000), limit: 5 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
  });
});

describe('triage.query: text search folds kana and width', () => {
  async function people() {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week' });
    const add = async (fields: Record<string, string>) => (await core.call('capture.manual', { eventId: event.id, fields })).lead;
    const yamada = await add({ familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', company: 'サンプル商事株式会社' });
    const sakura = await add({ fullName: 'さくら ももこ', company: '合同会社みらい' });
    const acme = await add({ fullName: 'Jane Smith', company: 'Acme Japan K.K.', email: 'jane@acme.example' });
    return { event, yamada, sakura, acme };
  }
  const found = async (query: string) => (await core.call('triage.query', { filter: { query }, limit: 50 })).rows.map((r: Lead) => r.fullName).sort();

  it('hiragana finds katakana, katakana finds hiragana, half-width finds full-width, in any case', async () => {
    await people();
    expect(await found('やまだ')).toEqual(['山田 太郎']);
    expect(await found('ﾔﾏﾀﾞ')).toEqual(['山田 太郎']);
    expect(await found('さんぷる商事')).toEqual(['山田 太郎']);
    expect(await found('サクラ')).toEqual(['さくら ももこ']);
    expect(await found('ミライ')).toEqual(['さくら ももこ']);
    expect(await found('ＡＣＭＥ')).toEqual(['Jane Smith']);
    expect(await found('acme japan')).toEqual(['Jane Smith']);
    expect(await found('やまだ たろう')).toEqual(['山田 太郎']);
  });

  it('a term of one or two characters is matched in both kana too', async () => {
    await people();
    expect(await found('やま')).toEqual(['山田 太郎']);
    expect(await found('サク')).toEqual(['さくら ももこ']);
    expect(await found('山田 太郎')).toEqual(['山田 太郎']);
  });

  it('the leads list finds the same way', async () => {
    const { event } = await people();
    const names = async (query: string) => (await core.call('leads.list', { eventId: event.id, query })).rows.map((r) => r.fullName);
    expect(await names('やまだ')).toEqual(['山田 太郎']);
    expect(await names('ｻｸﾗ')).toEqual(['さくら ももこ']);
  });

  it('search combines with the other filters and sorts', async () => {
    const { yamada } = await people();
    expect(await found('やまだ')).toEqual(['山田 太郎']);
    const none = await core.call('triage.query', { filter: { query: 'やまだ', grades: yamada.grade === 'A' ? ['B'] : ['A'] }, limit: 10 });
    expect(none.rows).toEqual([]);
    const sorted = await core.call('triage.query', { filter: { query: 'ac' }, sort: { column: 'name', dir: 'asc' }, limit: 10 });
    expect(sorted.rows.map((r) => r.fullName)).toEqual(['Jane Smith']);
  });
});

describe('triage.views', () => {
  it('saves, lists, replaces and deletes views, kept in the settings table', async () => {
    core = openTestCore();
    expect(await core.call('triage.views.list', {})).toEqual([]);
    const todaysA = await core.call('triage.views.save', {
      name: '今日のA評価MQL(担当なし)',
      filter: { grades: ['A'], statuses: ['mql'], owners: [null], capturedFrom: '2026-11-20T00:00:00.000Z' },
      sort: { column: 'score', dir: 'desc' },
    });
    const overdue = await core.call('triage.views.save', { name: 'Overdue', filter: { overdue: true }, sort: { column: 'followUpDue', dir: 'asc' } });
    expect(await core.call('triage.views.list', {})).toEqual([todaysA, overdue]);

    const renamed = await core.call('triage.views.save', { ...todaysA, name: 'A-grade MQLs, no owner' });
    expect(renamed.id).toBe(todaysA.id);
    expect(await core.call('triage.views.list', {})).toEqual([renamed, overdue]);

    expect(await core.call('triage.views.delete', { id: todaysA.id })).toEqual({ deleted: true });
    expect(await core.call('triage.views.delete', { id: todaysA.id })).toEqual({ deleted: false });
    expect(await core.call('triage.views.list', {})).toEqual([overdue]);
    const stored = core.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'triage.views'").pluck().get() as string;
    expect(JSON.parse(stored)).toEqual([overdue]);
  });

  it('a stored view the contract no longer accepts is left out, not an error', async () => {
    core = openTestCore();
    core.database.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('triage.views', ?)")
      .run(JSON.stringify([{ id: 'v1', name: 'ok', filter: {}, sort: { column: 'score', dir: 'desc' } }, { id: 'v2', name: '', filter: 3 }]));
    expect((await core.call('triage.views.list', {})).map((v) => v.id)).toEqual(['v1']);
  });
});

describe('export.csv by the Triage filter', () => {
  it('exports the event’s leads the filter matches, and nothing for a filter naming only other events', async () => {
    const { live, events } = await seeded();
    // Event b holds the A-grade leads without an owner in this data.
    const [b, a] = events;
    const csv = async (filter: TriageFilter, eventId = a!.id) =>
      core.call('export.csv', { eventId, filter, format: 'generic', encoding: 'utf8', timeZone: 'Asia/Tokyo' });
    const expected = live.filter((r) => r.eventId === a!.id && r.grade === 'A' && r.owner === null);
    expect(expected.length).toBeGreaterThan(0);
    const out = await csv({ grades: ['A'], owners: [null] });
    expect(out.rows).toBe(expected.length);
    expect((await csv({ eventIds: [b!.id] })).rows).toBe(0);
    expect((await csv({})).rows).toBe(live.filter((r) => r.eventId === a!.id).length);
    const both = await core.call('export.csv', {
      eventId: a!.id, filter: { grades: ['A'] }, leadIds: [expected[0]!.id], format: 'generic', encoding: 'utf8', timeZone: 'Asia/Tokyo',
    });
    expect(both.rows).toBe(1);
  });
});
