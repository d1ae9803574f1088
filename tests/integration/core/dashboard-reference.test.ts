import { afterEach, describe, expect, it } from 'vitest';
import { dashboardSql } from '../../../electron/core/reports/dashboard-sql';
import { leadStore, NEW_LEAD_DEFAULTS, type FullLeadRow } from '../../../electron/core/store/lead-store';
import { localDateTime } from '../../../shared/handoff/local-time';
import { scoreBand, SCORE_BANDS } from '../../../shared/reports/bands';
import { HANDED_TO_SALES, isQualified } from '../../../shared/reports/funnel';
import type { Dashboard } from '../../../shared/reports/api';
import type { ChartCount } from '../../../shared/reports/cube';
import { Grade } from '../../../shared/triage/grade';
import { openTestCore, type TestCore } from '../../support/temp-core';
import { seededAsLinked } from '../../support/seeded';

/**
 * The dashboard's folded counts (one grouped pass over its index, the answers folded in the
 * core) against a plain computation lead by lead over a database of varied leads: every status,
 * staff (and none), reason, grade, score at the band edges, rating, walk-in, account (target
 * or not, or none), deleted leads, and answers of every shape a form or an import leaves,
 * including odd ones (an option twice, numbers, free text, a yes/no, a question without kind).
 * The answer charts' reference reads each lead's answers with SQLite's own json_each, as the
 * dashboard's SQL first did.
 */

let core: TestCore;
afterEach(() => core?.close());

/** A small deterministic generator: the same database in every run. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

const STATUSES = ['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified'] as const;
const STAFF = ['佐藤', '鈴木', 'Smith', 'ｽｽﾞｷ', null];
const REASONS = ['no_budget', 'too_early', 'custom_reason', null];
const SCORES = [0, 19, 20, 39, 40, 59, 60, 79, 80, 100, 7, 55, 66, 93];
const RATINGS = ['hot', 'warm', 'cold', null] as const;
const ACCOUNTS = ['ACC1', 'ACC2', 'ACC3', 'ACC4', null];
const stored = (kind: string, value: unknown) => ({ value, kind, label: { ja: kind, en: kind }, formVersion: 1 });

function answers(r: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const out: Record<string, unknown> = {};
  if (r() < 0.5) out.interest = stored('multiple', ['product_a', 'product_b', 'services', 'other', '製品Ｘ'].filter(() => r() < 0.4));
  if (r() < 0.05) out.interest = stored('multiple', ['product_a', 'product_a', 3]);
  if (r() < 0.05) out.interest = stored('single', 'services');
  if (r() < 0.5) out.budget = stored('single', pick(['secured', 'requested', 'undecided']));
  if (r() < 0.3) out.met_before = stored('yesno', r() < 0.5);
  if (r() < 0.2) out.note = stored('text', 'デモ希望');
  if (r() < 0.1) out.seats = stored('number', 12);
  if (r() < 0.05) out.odd = { value: 'no kind' };
  if (r() < 0.05) out.timeline = stored('single', 'yes');
  return r() < 0.03 ? '{ }' : JSON.stringify(out);
}

async function seeded() {
  core = openTestCore();
  const show = await core.call('events.create', { name: 'Japan IT Week' });
  const other = await core.call('events.create', { name: 'AI セミナー', kind: 'seminar' });
  const sqlite = core.database.sqlite;
  const store = leadStore(sqlite);
  const r = random(20261120);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const start = Date.parse('2026-11-20T00:00:00Z');
  sqlite.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      const status = pick(STATUSES);
      const row: FullLeadRow = {
        ...NEW_LEAD_DEFAULTS, id: `lead-${i}`, eventId: r() < 0.8 ? show.id : other.id, source: 'scanner',
        capturedAt: start + Math.floor(r() * 3 * 24 * 3_600_000), updatedAt: 0,
        capturedBy: pick(STAFF), status, rejectionReason: status === 'rejected' ? pick(REASONS) : null,
        grade: pick(Grade.options), score: pick(SCORES), rating: pick(RATINGS), walkIn: r() < 0.1 ? 1 : 0,
        accountId: pick(ACCOUNTS), personId: r() < 0.5 ? `P${i % 700}` : null, answers: answers(r),
        deletedAt: r() < 0.05 ? 1 : null,
      };
      store.insert(row);
    }
    const target = sqlite.prepare('INSERT INTO target_accounts (key, name, domain, tier) VALUES (?, ?, ?, ?)');
    target.run('acme', 'Acme', 'acme.co.jp', 'A');
    target.run('sample', 'Sample', null, 'B');
    const key = sqlite.prepare('INSERT INTO account_keys (key, account_id, manual, at) VALUES (?, ?, 0, 0)');
    key.run('d:acme.co.jp', 'ACC1');
    key.run('n:sample', 'ACC3');
    key.run('n:other', 'ACC2');
  })();
  seededAsLinked(sqlite);
  return { show, other };
}

type Row = Pick<FullLeadRow, 'capturedBy' | 'status' | 'rejectionReason' | 'grade' | 'score' | 'rating' | 'walkIn' | 'accountId' | 'answers' | 'capturedAt'> & { rowid: number };

/** Counts per key of `items`, as [key, count] sorted by key. */
function countBy<T>(items: readonly T[], key: (t: T) => string | number | null): [string | number | null, number][] {
  const out = new Map<string | number | null, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + 1);
  return sortByKey([...out]);
}
const sortByKey = <T extends [unknown, ...unknown[]]>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));

/** The event's charts counted lead by lead. */
function reference(eventId: string) {
  const sqlite = core.database.sqlite;
  const leads = sqlite
    .prepare(
      `SELECT rowid, captured_by AS capturedBy, status, rejection_reason AS rejectionReason, grade, score, rating, walk_in AS walkIn,
        account_id AS accountId, answers, captured_at AS capturedAt
       FROM leads NOT INDEXED WHERE event_id = ? AND deleted_at IS NULL`,
    )
    .all(eventId) as Row[];
  const verdicts = (items: readonly Row[], key: (l: Row) => string | number | null) => {
    const withVerdict = items.filter((l) => l.status === 'sal' || l.status === 'rejected');
    const sal = new Map(countBy(withVerdict.filter((l) => l.status === 'sal'), key));
    const rejected = new Map(countBy(withVerdict.filter((l) => l.status === 'rejected'), key));
    return sortByKey([...new Set([...sal.keys(), ...rejected.keys()])].map((k) => [k, sal.get(k) ?? 0, rejected.get(k) ?? 0] as const).map((x) => [...x]));
  };
  // Each lead's answers through SQLite's own JSON reading, lead by lead.
  const interestOf = sqlite.prepare("SELECT j.value FROM json_each(? -> '$.interest.value') j WHERE j.type = 'text'").pluck();
  const optionsOf = sqlite.prepare(
    `SELECT a.key AS question, CASE v.type WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no' ELSE v.value END AS option
     FROM json_each(?) a, json_each(a.value, '$.value') v
     WHERE a.value ->> '$.kind' IN ('single', 'multiple', 'yesno') AND v.type IN ('text', 'true', 'false')`,
  );
  const interest = countBy(leads.flatMap((l) => interestOf.all(l.answers) as string[]), (o) => o);
  const answerRows = leads
    .filter((l) => l.status === 'sal' || l.status === 'rejected')
    .flatMap((l) => (optionsOf.all(l.answers) as { question: string; option: string }[]).map((o) => ({ ...o, status: l.status })));
  const byAnswer = new Map<string, [string, string, number, number]>();
  for (const a of answerRows) {
    const k = `${a.question}\n${a.option}`;
    const row = byAnswer.get(k) ?? [a.question, a.option, 0, 0];
    row[a.status === 'sal' ? 2 : 3]++;
    byAnswer.set(k, row);
  }
  const targets = new Set(
    (sqlite.prepare(`SELECT k.account_id FROM account_keys k JOIN target_accounts t ON k.key = 'n:' || t.key OR k.key = 'd:' || lower(t.domain)`).pluck().all() as string[]),
  );
  const accounts = new Set(leads.map((l) => l.accountId).filter((a) => a !== null));
  const hours = countBy(leads, (l) => localDateTime(l.capturedAt, 'Asia/Tokyo').slice(0, 13));
  return {
    leads,
    funnel: {
      captured: leads.length,
      qualified: leads.filter((l) => isQualified({ rating: l.rating, answered: l.answers !== '{}', status: l.status as never })).length,
      mql: leads.filter((l) => HANDED_TO_SALES.includes(l.status as never)).length,
      sal: leads.filter((l) => l.status === 'sal').length,
      rejected: leads.filter((l) => l.status === 'rejected').length,
    },
    reasons: countBy(leads.filter((l) => l.status === 'rejected'), (l) => l.rejectionReason),
    hours,
    staff: countBy(leads, (l) => l.capturedBy),
    interest,
    grades: countBy(leads, (l) => l.grade),
    bands: countBy(leads, (l) => scoreBand(l.score)),
    walkIns: leads.filter((l) => l.walkIn).length,
    accounts: { reached: accounts.size, targetReached: [...accounts].filter((a) => targets.has(a)).length },
    byGrade: verdicts(leads, (l) => l.grade),
    byBand: verdicts(leads, (l) => scoreBand(l.score)),
    byStaff: verdicts(leads, (l) => l.capturedBy),
    byAnswer: sortByKey([...byAnswer.values()].map((r) => [`${r[0]}\n${r[1]}`, r[2], r[3]] as [string, number, number])),
  };
}

const nonZero = <T extends [unknown, ...unknown[]]>(rows: T[]) => rows.filter((r) => r.slice(1).some((n) => n !== 0));

describe('dashboard.data against a lead-by-lead count', () => {
  it('gives every chart of each event the numbers counted lead by lead', async () => {
    const { show, other } = await seeded();
    for (const event of [show, other]) {
      const d: Dashboard = await core.call('dashboard.data', { eventId: event.id, timeZone: 'Asia/Tokyo' });
      const ref = reference(event.id);
      expect(ref.leads.length).toBeGreaterThan(200);
      expect(d.funnel).toEqual(ref.funnel);
      expect(sortByKey(d.rejectedByReason.map((r) => [r.reason, r.people]))).toEqual(ref.reasons);
      expect(sortByKey(d.capturesByHour.map((h) => [`${h.day} ${String(h.hour).padStart(2, '0')}`, h.captures]))).toEqual(ref.hours);
      expect(sortByKey(d.capturesByStaff.map((s) => [s.staff, s.people]))).toEqual(ref.staff);
      expect(sortByKey(d.interest.map((i) => [i.option, i.people]))).toEqual(ref.interest);
      expect(nonZero(sortByKey(d.grades.map((g) => [g.grade, g.people])))).toEqual(ref.grades);
      expect(nonZero(d.scoreBands.map((b) => [b.band, b.people]))).toEqual(ref.bands);
      expect(d.scoreBands.map((b) => [b.from, b.to])).toEqual(SCORE_BANDS.map((b) => [b.from, b.to]));
      expect(d.seminar.walkIns).toBe(ref.walkIns);
      expect({ reached: d.accounts.reached, targetReached: d.accounts.targetReached }).toEqual(ref.accounts);
      expect(nonZero(sortByKey(d.acceptance.byGrade.map((g) => [g.grade, g.sal, g.rejected])))).toEqual(ref.byGrade);
      expect(nonZero(d.acceptance.byScoreBand.map((b) => [b.band, b.sal, b.rejected]))).toEqual(ref.byBand);
      expect(sortByKey(d.acceptance.byStaff.map((s) => [s.staff, s.sal, s.rejected]))).toEqual(ref.byStaff);
      expect(sortByKey(d.acceptance.byAnswer.map((a) => [`${a.question}\n${a.option}`, a.sal, a.rejected]))).toEqual(ref.byAnswer);
      expect(d.acceptance.byEvent).toEqual([
        expect.objectContaining({ eventId: event.id, sal: ref.funnel.sal, rejected: ref.funnel.rejected }),
      ]);
      // The odd answers are in the data, so the folding of each is checked.
      expect(ref.byAnswer.some(([k]) => k === 'met_before\nyes')).toBe(true);
      expect(ref.interest.find(([k]) => k === 'product_a')![1]).toBeGreaterThan(0);
    }
  });

  it('lists staff with the same number of people in one order, the unnamed first', async () => {
    const { show } = await seeded();
    const d = await core.call('dashboard.data', { eventId: show.id, timeZone: 'Asia/Tokyo' });
    const people = d.capturesByStaff.map((s) => s.people);
    expect(people).toEqual([...people].sort((a, b) => b - a));
    // Ties keep SQLite's order of the names: NULL first, then by code point.
    for (let i = 1; i < d.capturesByStaff.length; i++) {
      const [a, b] = [d.capturesByStaff[i - 1]!, d.capturesByStaff[i]!];
      if (a.people === b.people) expect(a.staff === null || (b.staff !== null && a.staff < b.staff)).toBe(true);
    }
  });
});

/**
 * Every event's charts as SQLite counts them, the statement they were first written in: each
 * people count a count(DISTINCT person) over the live leads (the person, or the lead's rowid
 * before it has one), the answers read by json_each. The fold in the core must give the same
 * rows in the same order.
 */
function everyEventInSqlite(): ChartCount[] {
  const band = `CASE ${SCORE_BANDS.map((b, i) => `WHEN l.score ${i === SCORE_BANDS.length - 1 ? '>= ' + b.from : '< ' + SCORE_BANDS[i + 1]!.from} THEN ${i}`).join(' ')} END`;
  const chart = (name: string, k1: string, k2: string, counts: string[], rest: string) =>
    `SELECT '${name}' AS chart, ${k1} AS k1, ${k2} AS k2, ${[...counts, 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'].slice(0, 5).map((n, i) => `${n} AS n${i + 1}`).join(', ')} ${rest}`;
  const people = (when: string) => `count(DISTINCT CASE WHEN ${when} THEN pid END)`;
  const byPeople = (name: string, key: string, from = 'FROM d') => chart(name, key, 'NULL', ['count(DISTINCT pid)'], `${from} GROUP BY 2`);
  const verdicts = (name: string, key: string) =>
    chart(name, key, 'NULL', [people("st = 'sal'"), people("st = 'rejected'")], "FROM d WHERE st IN ('sal', 'rejected') GROUP BY 2");
  const targets = `SELECT k.account_id FROM account_keys k
    WHERE k.key IN (SELECT 'n:' || key FROM target_accounts UNION SELECT 'd:' || lower(domain) FROM target_accounts WHERE domain IS NOT NULL)`;
  const sql = `
    WITH d AS MATERIALIZED (
      SELECT coalesce(l.person_id, l.rowid) AS pid, l.event_id AS ev, l.status AS st, l.rejection_reason AS reason, l.grade AS grade,
        ${band} AS band, (l.rating IS NOT NULL OR l.answers <> '{}' OR l.status IN ('mql', 'sal', 'rejected')) AS qualified,
        l.captured_by AS staff, l.walk_in AS walk, l.account_id AS acct, l.answers -> '$.interest.value' AS interest,
        CASE WHEN l.status = 'sal' OR l.status = 'rejected' THEN l.answers END AS verdict_answers
      FROM leads l NOT INDEXED WHERE l.deleted_at IS NULL)
    ${chart('funnel', 'NULL', 'NULL', ['count(DISTINCT pid)', people('qualified'), people("st IN ('mql', 'sal', 'rejected')"), people("st = 'sal'"), people("st = 'rejected'")], 'FROM d')}
    UNION ALL ${chart('reach', 'NULL', 'NULL', ['count(DISTINCT acct)', `count(DISTINCT CASE WHEN acct IN (${targets}) THEN acct END)`, people('walk')], 'FROM d')}
    UNION ALL ${chart('reason', 'reason', 'NULL', ['count(DISTINCT pid)'], "FROM d WHERE st = 'rejected' GROUP BY 2")}
    UNION ALL ${byPeople('staff', 'staff')}
    UNION ALL ${byPeople('grade', 'grade')}
    UNION ALL ${byPeople('band', 'band')}
    UNION ALL ${byPeople('interest', 'j.value', "FROM d, json_each(d.interest) j WHERE d.interest IS NOT NULL AND j.type = 'text'")}
    UNION ALL ${verdicts('acc_grade', 'grade')}
    UNION ALL ${verdicts('acc_band', 'band')}
    UNION ALL ${verdicts('acc_staff', 'staff')}
    UNION ALL ${verdicts('acc_event', 'ev')}
    UNION ALL ${chart('acc_answer', 'a.key', "CASE v.type WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no' ELSE v.value END", [people("st = 'sal'"), people("st = 'rejected'")],
      `FROM d, json_each(d.verdict_answers) a, json_each(a.value, '$.value') v
       WHERE d.verdict_answers IS NOT NULL AND a.value ->> '$.kind' IN ('single', 'multiple', 'yesno') AND v.type IN ('text', 'true', 'false') GROUP BY 2, 3`)}`;
  return core.database.sqlite.prepare(sql).all() as ChartCount[];
}

describe('every event, people counted once', () => {
  it('gives the rows count(DISTINCT person) gives in SQLite, in its order', async () => {
    await seeded();
    // Persons with leads at both events and several at one, leads without a person, deleted ones.
    const sqlite = core.database.sqlite;
    expect(sqlite.prepare('SELECT count(*) FROM (SELECT person_id FROM leads WHERE person_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT event_id) > 1)').pluck().get()).toBeGreaterThan(50);
    const expected = everyEventInSqlite();
    const folded = dashboardSql(sqlite).everyEvent();
    expect(folded).toEqual(expected);
    for (const chart of ['funnel', 'reach', 'reason', 'staff', 'grade', 'band', 'interest', 'acc_grade', 'acc_band', 'acc_staff', 'acc_event', 'acc_answer']) {
      expect(folded.some((r) => r.chart === chart), chart).toBe(true);
    }
  });

  it('counts a returning visitor once on the screen: the funnel of every event is below the sum of the events', async () => {
    const { show, other } = await seeded();
    const all = await core.call('dashboard.data', { eventId: null, timeZone: 'Asia/Tokyo' });
    const a = await core.call('dashboard.data', { eventId: show.id, timeZone: 'Asia/Tokyo' });
    const b = await core.call('dashboard.data', { eventId: other.id, timeZone: 'Asia/Tokyo' });
    expect(all.funnel.captured).toBe(everyEventInSqlite().find((r) => r.chart === 'funnel')!.n1);
    expect(all.funnel.captured).toBeLessThan(a.funnel.captured + b.funnel.captured);
    expect(all.acceptance.byEvent.map((e) => e.eventId).sort()).toEqual([show.id, other.id].sort());
  });
});

describe('the dashboard reads its index, not the lead rows', () => {
  it('reads no column of the leads table in any statement over its index', async () => {
    await seeded();
    const sqlite = core.database.sqlite;
    const table = sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'leads'").pluck().get();
    for (const statement of dashboardSql(sqlite).indexStatements) {
      const program = sqlite.prepare(`EXPLAIN ${statement}`).all({ eventId: 'e' }) as { opcode: string; p1: number; p2: number }[];
      const cursors = new Set(program.filter((op) => op.opcode === 'OpenRead' && op.p2 === table).map((op) => op.p1));
      // The table is opened (an index entry names its row) but none of its columns is read.
      const reads = program.filter((op) => op.opcode === 'Column' && cursors.has(op.p1));
      expect({ statement: statement.slice(0, 60), reads: reads.length }).toEqual({ statement: statement.slice(0, 60), reads: 0 });
    }
  });
});
