import { afterEach, describe, expect, it } from 'vitest';
import { leadStore, NEW_LEAD_DEFAULTS, type FullLeadRow } from '../../../electron/core/store/lead-store';
import { applyAnswers, type Answers, type AnswersInput } from '../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS } from '../../../shared/qualify/form';
import type { Dashboard } from '../../../shared/reports/api';
import { openTestCore, type TestCore } from '../../support/temp-core';
import { seededAsLinked } from '../../support/seeded';

let core: TestCore;
afterEach(() => core?.close());

const at = (iso: string) => Date.parse(iso);
function answers(input: AnswersInput, extra: Answers = {}): string {
  const applied = applyAnswers(DEFAULT_QUESTIONS, 1, {}, input);
  if (!applied.ok) throw new Error(applied.problem.code);
  return JSON.stringify({ ...applied.answers, ...extra });
}
const metBefore: Answers = { met_before: { value: true, kind: 'yesno', label: { ja: '面識あり', en: 'Met before' }, formVersion: 1 } };

/**
 * Two events with numbers known by hand: a trade show whose leads cover every status, grade,
 * band, staff member and answer the charts split on, and a seminar with a roster, walk-ins and
 * a returning visitor (person P1 was captured at both), so "every event" counts P1 once.
 */
async function seeded() {
  core = openTestCore();
  const show = await core.call('events.create', { name: 'Japan IT Week' });
  const seminar = await core.call('events.create', { name: 'AI セミナー', kind: 'seminar' });
  const sqlite = core.database.sqlite;
  const store = leadStore(sqlite);
  let n = 0;
  const lead = (eventId: string, fields: Partial<FullLeadRow>): FullLeadRow => ({
    ...NEW_LEAD_DEFAULTS, id: `lead-${String(++n).padStart(2, '0')}`, eventId, source: 'scanner',
    capturedAt: 0, updatedAt: 0, ...fields,
  });
  const rows = [
    lead(show.id, {
      personId: 'P1', capturedBy: '佐藤', status: 'sal', grade: 'A', score: 85, rating: 'hot', accountId: 'ACC1',
      answers: answers({ interest: ['product_a', 'services'], budget: 'secured' }), capturedAt: at('2026-11-20T00:10:00Z'),
    }),
    lead(show.id, {
      personId: 'P2', capturedBy: '佐藤', status: 'rejected', rejectionReason: 'no_budget', grade: 'B', score: 65, rating: 'warm',
      accountId: 'ACC1', answers: answers({ interest: ['product_b'], budget: 'undecided' }, metBefore), capturedAt: at('2026-11-20T00:20:00Z'),
    }),
    lead(show.id, { capturedBy: '鈴木', status: 'mql', grade: 'A', score: 70, accountId: 'ACC2', capturedAt: at('2026-11-20T01:05:00Z') }),
    lead(show.id, { capturedBy: '鈴木', status: 'new', grade: 'C', score: 30, rating: 'cold', capturedAt: at('2026-11-20T01:40:00Z') }),
    lead(show.id, {
      personId: 'P3', status: 'new', grade: 'D', score: 5, accountId: 'ACC3', answers: answers({ interest: ['product_a'] }),
      capturedAt: at('2026-11-21T02:00:00Z'),
    }),
    lead(show.id, {
      capturedBy: '佐藤', status: 'rejected', rejectionReason: 'too_early', grade: 'C', score: 45, answers: answers({ budget: 'requested' }),
      capturedAt: at('2026-11-21T02:30:00Z'),
    }),
    // Deleted (or merged away: such a lead is deleted too): counted nowhere.
    lead(show.id, { personId: 'P9', capturedBy: '佐藤', status: 'sal', grade: 'A', score: 99, accountId: 'ACC9', capturedAt: at('2026-11-20T00:30:00Z'), deletedAt: 1, mergedInto: 'lead-01' }),
    lead(seminar.id, {
      personId: 'P1', capturedBy: '高橋', status: 'sal', grade: 'A', score: 90, rating: 'hot', accountId: 'ACC1',
      answers: answers({ interest: ['product_a'] }), capturedAt: at('2026-11-25T05:00:00Z'),
    }),
    lead(seminar.id, { personId: 'P4', capturedBy: '高橋', status: 'new', grade: 'C', score: 20, walkIn: 1, accountId: 'ACC4', capturedAt: at('2026-11-25T05:10:00Z') }),
    lead(seminar.id, { capturedBy: '高橋', status: 'new', grade: 'D', score: 10, walkIn: 1, capturedAt: at('2026-11-25T05:20:00Z') }),
  ];
  sqlite.transaction(() => {
    for (const row of rows) store.insert(row);
    const roster = sqlite.prepare('INSERT INTO roster_entries (event_id, badge_id, raw, imported_at, checked_in_at) VALUES (?, ?, ?, 0, ?)');
    for (let i = 0; i < 5; i++) roster.run(seminar.id, `B${i}`, '{}', i < 3 ? 1 : null);
    // The target list: ACC1 by its domain, ACC3 by its name; みらい was not reached.
    const target = sqlite.prepare('INSERT INTO target_accounts (key, name, domain, tier) VALUES (?, ?, ?, ?)');
    target.run('acme', 'Acme', 'acme.co.jp', 'A');
    target.run('サンプル', '株式会社サンプル', null, 'B');
    target.run('みらい', '合同会社みらい', null, 'B');
    const key = sqlite.prepare('INSERT INTO account_keys (key, account_id, manual, at) VALUES (?, ?, 0, 0)');
    key.run('d:acme.co.jp', 'ACC1');
    key.run('n:acme', 'ACC1');
    key.run('n:サンプル', 'ACC3');
    key.run('n:other', 'ACC2');
  })();
  seededAsLinked(sqlite);
  return { show, seminar };
}

const verdict = (sal: number, rejected: number) => ({ sal, rejected, rate: sal + rejected === 0 ? null : sal / (sal + rejected) });
const get = (eventId: string | null) => core.call('dashboard.data', { eventId, timeZone: 'Asia/Tokyo' });

describe('dashboard.data for one event', () => {
  it('answers every chart of the trade show with the numbers known by hand', async () => {
    const { show } = await seeded();
    const d: Dashboard = await get(show.id);
    expect(d.funnel).toEqual({ captured: 6, qualified: 6, mql: 4, sal: 1, rejected: 2 });
    expect(d.rejectedByReason).toEqual([
      { reason: 'no_budget', label: { ja: '予算なし', en: 'No budget' }, people: 1 },
      { reason: 'too_early', label: { ja: '時期尚早', en: 'Too early' }, people: 1 },
    ]);
    // Tokyo is UTC+9: 00:10Z is 09:10 on the 20th, 02:30Z on the 21st is 11:30.
    expect(d.capturesByHour).toEqual([
      { day: '2026-11-20', hour: 9, captures: 2 },
      { day: '2026-11-20', hour: 10, captures: 2 },
      { day: '2026-11-21', hour: 11, captures: 2 },
    ]);
    expect(d.capturesByStaff).toEqual([{ staff: '佐藤', people: 3 }, { staff: '鈴木', people: 2 }, { staff: null, people: 1 }]);
    expect(d.interest).toEqual([
      { option: 'product_a', label: { ja: '製品A', en: 'Product A' }, people: 2 },
      { option: 'product_b', label: { ja: '製品B', en: 'Product B' }, people: 1 },
      { option: 'services', label: { ja: 'サービス', en: 'Services' }, people: 1 },
    ]);
    expect(d.grades).toEqual([{ grade: 'A', people: 2 }, { grade: 'B', people: 1 }, { grade: 'C', people: 2 }, { grade: 'D', people: 1 }]);
    expect(d.scoreBands.map((b) => [b.from, b.to, b.people])).toEqual([[0, 19, 1], [20, 39, 1], [40, 59, 1], [60, 79, 2], [80, 100, 1]]);
    expect(d.seminar).toEqual({ registered: 0, attended: 0, walkIns: 0 });
    expect(d.accounts).toEqual({ reached: 3, targetReached: 2, targets: 3 });
    expect(d.acceptance.byGrade).toEqual([
      { grade: 'A', ...verdict(1, 0) }, { grade: 'B', ...verdict(0, 1) }, { grade: 'C', ...verdict(0, 1) }, { grade: 'D', ...verdict(0, 0) },
    ]);
    expect(d.acceptance.byScoreBand.map((b) => [b.band, b.sal, b.rejected])).toEqual([[0, 0, 0], [1, 0, 0], [2, 0, 1], [3, 0, 1], [4, 1, 0]]);
    expect(d.acceptance.byAnswer.map((a) => [a.question, a.option, a.optionLabel?.en ?? null, a.sal, a.rejected])).toEqual([
      ['interest', 'product_a', 'Product A', 1, 0],
      ['interest', 'product_b', 'Product B', 0, 1],
      ['interest', 'services', 'Services', 1, 0],
      ['budget', 'secured', 'Secured', 1, 0],
      ['budget', 'requested', 'Requested', 0, 1],
      ['budget', 'undecided', 'Undecided', 0, 1],
      // A question the form no longer has: its key, and yes/no for the UI to word.
      ['met_before', 'yes', null, 0, 1],
    ]);
    expect(d.acceptance.byAnswer[0]!.questionLabel).toEqual({ ja: '興味のある製品・サービス', en: 'Products or services of interest' });
    expect(d.acceptance.byStaff).toEqual([{ staff: '佐藤', ...verdict(1, 2) }]);
    expect(d.acceptance.byEvent).toEqual([{ eventId: show.id, name: 'Japan IT Week', ...verdict(1, 2) }]);
  });

  it('answers the seminar’s roster, walk-ins and hours', async () => {
    const { seminar } = await seeded();
    const d = await get(seminar.id);
    expect(d.funnel).toEqual({ captured: 3, qualified: 1, mql: 1, sal: 1, rejected: 0 });
    expect(d.seminar).toEqual({ registered: 5, attended: 3, walkIns: 2 });
    expect(d.capturesByHour).toEqual([{ day: '2026-11-25', hour: 14, captures: 3 }]);
    expect(d.accounts).toEqual({ reached: 2, targetReached: 1, targets: 3 });
  });

  it('reads the hours in the time zone asked for', async () => {
    const { seminar } = await seeded();
    const d = await core.call('dashboard.data', { eventId: seminar.id, timeZone: 'UTC' });
    expect(d.capturesByHour).toEqual([{ day: '2026-11-25', hour: 5, captures: 3 }]);
  });

  it('refuses an unknown event and an unknown time zone with their codes', async () => {
    const { show } = await seeded();
    await expect(get('no-such-event')).rejects.toMatchObject({ code: 'event.not_found' });
    await expect(core.call('dashboard.data', { eventId: show.id, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'reports.time_zone_unknown',
    });
  });

  it('counts a capture made through the core at once', async () => {
    const { show } = await seeded();
    await core.call('capture.scan', { eventId: show.id, payload: 'MECARD:N:Sato,Hanako;EMAIL:hanako@example.jp;;', staff: '鈴木' });
    const d = await get(show.id);
    expect(d.funnel.captured).toBe(7);
    expect(d.capturesByStaff.find((s) => s.staff === '鈴木')?.people).toBe(3);
  });
});

describe('dashboard.data across events', () => {
  it('counts the returning visitor once in every chart', async () => {
    const { show, seminar } = await seeded();
    const d = await get(null);
    expect(d.eventId).toBeNull();
    // 9 live leads, P1 at both events: 8 people.
    expect(d.funnel).toEqual({ captured: 8, qualified: 6, mql: 4, sal: 1, rejected: 2 });
    expect(d.capturesByStaff).toEqual([
      { staff: '佐藤', people: 3 }, { staff: '高橋', people: 3 }, { staff: '鈴木', people: 2 }, { staff: null, people: 1 },
    ]);
    expect(d.grades).toEqual([{ grade: 'A', people: 2 }, { grade: 'B', people: 1 }, { grade: 'C', people: 3 }, { grade: 'D', people: 2 }]);
    expect(d.scoreBands.map((b) => b.people)).toEqual([2, 2, 1, 2, 1]);
    expect(d.interest.map((i) => [i.option, i.people])).toEqual([['product_a', 2], ['product_b', 1], ['services', 1]]);
    expect(d.seminar).toEqual({ registered: 5, attended: 3, walkIns: 2 });
    expect(d.accounts).toEqual({ reached: 4, targetReached: 2, targets: 3 });
    // Captures are captures: P1 was captured at each show.
    expect(d.capturesByHour.reduce((sum, h) => sum + h.captures, 0)).toBe(9);
    expect(d.acceptance.byGrade[0]).toEqual({ grade: 'A', ...verdict(1, 0) });
    expect(d.acceptance.byEvent).toEqual([
      { eventId: show.id, name: 'Japan IT Week', ...verdict(1, 2) },
      { eventId: seminar.id, name: 'AI セミナー', ...verdict(1, 0) },
    ]);
    expect(d.acceptance.byStaff).toEqual([{ staff: '佐藤', ...verdict(1, 2) }, { staff: '高橋', ...verdict(1, 0) }]);
    expect(d.acceptance.byAnswer.find((a) => a.question === 'interest' && a.option === 'product_a')).toMatchObject({ sal: 1, rejected: 0 });
  });

});
