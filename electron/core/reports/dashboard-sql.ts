import type Database from 'better-sqlite3';
import { SCORE_BANDS } from '../../../shared/reports/bands';
import type { ChartCount, CubeCell } from '../../../shared/reports/cube';
import { ACCEPTED, HANDED_TO_SALES, REJECTED } from '../../../shared/reports/funnel';
import { QUARTER_HOUR_MS } from '../../../shared/reports/hours';

/**
 * The dashboard's SQL. Everything reads the dashboard's covering index (leads_dashboard,
 * db/schema.ts), never the lead rows: a row is 1–2 KB (raw payload, answers, field times) and
 * reading 100,000 of them takes longer than the dashboard's 200 ms on its own. The only rows
 * read are those of leads with a verdict, whose answers the acceptance-by-answer chart needs
 * (SQLite seeks the row only when the CASE needs it).
 *
 * Index expressions (`l.answers <> '{}'`, `l.answers -> '$.interest.value'`) are written exactly
 * as the index has them and only in result columns and aggregates, where the planner reads
 * them from the index (in GROUP BY or WHERE it goes to the row). A lead is named by its rowid,
 * which every index entry holds, rather than its id.
 *
 * One event: its leads are people (名寄せ keeps one lead per person in an event), so each chart
 * counts leads: a streaming GROUP BY in the index's order gives the cube of
 * shared/reports/cube.ts, and a few passes the rest. Every event: a returning visitor has one
 * lead per event, so the live leads are copied once into a narrow materialized table and every
 * people count is count(DISTINCT person) in its group — the person, or the lead before it has one.
 */

const list = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/gu, "''")}'`).join(', ');

/** Band `i` of SCORE_BANDS as a condition on `score`; the end bands take whatever lies beyond them. */
const inBand = (score: string, i: number) => {
  const parts: string[] = [];
  if (i > 0) parts.push(`${score} >= ${SCORE_BANDS[i]!.from}`);
  if (i < SCORE_BANDS.length - 1) parts.push(`${score} < ${SCORE_BANDS[i + 1]!.from}`);
  return parts.join(' AND ');
};
const bandCase = (score: string) =>
  `CASE ${SCORE_BANDS.map((_, i) => `WHEN ${inBand(score, i)} THEN ${i}`).join(' ')} END`;

const HANDED = list(HANDED_TO_SALES);
const VERDICT = list([ACCEPTED, REJECTED]);
const SAL = `'${ACCEPTED}'`;
const REJ = `'${REJECTED}'`;
const LIVE = 'FROM leads l INDEXED BY leads_dashboard WHERE l.deleted_at IS NULL';
const ANSWERED = `l.answers <> '{}'`;
const INTEREST = `l.answers -> '$.interest.value'`;
/** shared/reports/funnel.ts isQualified. */
const QUALIFIED = `(l.rating IS NOT NULL OR ${ANSWERED} OR l.status IN (${HANDED}))`;
// Accounts on the target list: an account key (n:<company key>, d:<domain>) of the list's.
const TARGET_ACCOUNTS = `SELECT k.account_id FROM account_keys k
  WHERE k.key IN (SELECT 'n:' || key FROM target_accounts UNION SELECT 'd:' || lower(domain) FROM target_accounts WHERE domain IS NOT NULL)`;

/** One event's cube: streams in the index's order (event, staff, status, reason, grade). */
const CUBE = `
SELECT l.captured_by AS staff, l.status AS status, l.rejection_reason AS reason, l.grade AS grade, count(*) AS leads,
  ${SCORE_BANDS.map((_, i) => `sum(${inBand('l.score', i)}) AS band${i}`).join(', ')},
  sum(${QUALIFIED}) AS qualified, sum(l.walk_in) AS walkIns
${LIVE} AND l.event_id = @eventId
GROUP BY 1, 2, 3, 4`;

/** Captures per quarter hour: leads_triage is in (event, captured_at) order, so one event streams. */
const quarters = (scope: string) => `
SELECT l.captured_at / ${QUARTER_HOUR_MS} AS quarter, count(*) AS count
FROM leads l INDEXED BY leads_triage WHERE l.deleted_at IS NULL ${scope}
GROUP BY 1`;

/** One chart's rows: chart, k1, k2, n1 … n5 (unused counts NULL). */
const chart = (name: string, keys: [string, string], counts: string[], rest: string) =>
  `SELECT '${name}' AS chart, ${keys[0]} AS k1, ${keys[1]} AS k2, ${[...counts, 'NULL', 'NULL', 'NULL', 'NULL', 'NULL']
    .slice(0, 5)
    .map((n, i) => `${n} AS n${i + 1}`)
    .join(', ')} ${rest}`;

const ANSWER_OPTION = "CASE v.type WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no' ELSE v.value END";
const ANSWER_JOIN = `json_each(a.value, '$.value') v`;
const ANSWER_WHERE = `a.value ->> '$.kind' IN ('single', 'multiple', 'yesno') AND v.type IN ('text', 'true', 'false')`;

/** One event's charts the cube cannot give: accounts, interest, acceptance by answer. */
const EVENT_REST = [
  chart('reach', ['NULL', 'NULL'], [
    'count(DISTINCT l.account_id)', `count(DISTINCT CASE WHEN l.account_id IN (${TARGET_ACCOUNTS}) THEN l.account_id END)`,
  ], `${LIVE} AND l.event_id = @eventId`),
  chart('interest', ['j.value', 'NULL'], ['count(*)'],
    `FROM leads l INDEXED BY leads_dashboard, json_each(${INTEREST}) j
     WHERE l.deleted_at IS NULL AND l.event_id = @eventId AND j.type = 'text' GROUP BY 2`),
  chart('acc_answer', ['a.key', ANSWER_OPTION], [`count(CASE WHEN l.status = ${SAL} THEN 1 END)`, `count(CASE WHEN l.status = ${REJ} THEN 1 END)`],
    `FROM leads l INDEXED BY leads_dashboard, json_each(CASE WHEN l.status IN (${VERDICT}) THEN l.answers END) a, ${ANSWER_JOIN}
     WHERE l.deleted_at IS NULL AND l.event_id = @eventId AND ${ANSWER_WHERE} GROUP BY 2, 3`),
].join('\nUNION ALL ');

const people = (when: string) => `count(DISTINCT CASE WHEN ${when} THEN pid END)`;
const byPeople = (name: string, key: string, from = 'FROM d') => chart(name, [key, 'NULL'], ['count(DISTINCT pid)'], `${from} GROUP BY 2`);
const verdicts = (name: string, key: string) =>
  chart(name, [key, 'NULL'], [people(`st = ${SAL}`), people(`st = ${REJ}`)], `FROM d WHERE st IN (${VERDICT}) GROUP BY 2`);

/** Every event's charts (but the hours), people counted once. */
const ALL = `
WITH d AS MATERIALIZED (
  SELECT coalesce(l.person_id, l.rowid) AS pid, l.event_id AS ev, l.status AS st, l.rejection_reason AS reason,
    l.grade AS grade, ${bandCase('l.score')} AS band, ${QUALIFIED} AS qualified,
    l.captured_by AS staff, l.walk_in AS walk, l.account_id AS acct, ${INTEREST} AS interest,
    CASE WHEN l.status IN (${VERDICT}) THEN l.answers END AS verdict_answers
  ${LIVE}
)
${chart('funnel', ['NULL', 'NULL'], ['count(DISTINCT pid)', people('qualified'), people(`st IN (${HANDED})`), people(`st = ${SAL}`), people(`st = ${REJ}`)], 'FROM d')}
UNION ALL ${chart('reach', ['NULL', 'NULL'], ['count(DISTINCT acct)', `count(DISTINCT CASE WHEN acct IN (${TARGET_ACCOUNTS}) THEN acct END)`, people('walk')], 'FROM d')}
UNION ALL ${chart('reason', ['reason', 'NULL'], ['count(DISTINCT pid)'], `FROM d WHERE st = ${REJ} GROUP BY 2`)}
UNION ALL ${byPeople('staff', 'staff')}
UNION ALL ${byPeople('grade', 'grade')}
UNION ALL ${byPeople('band', 'band')}
UNION ALL ${byPeople('interest', 'j.value', "FROM d, json_each(d.interest) j WHERE d.interest IS NOT NULL AND j.type = 'text'")}
UNION ALL ${verdicts('acc_grade', 'grade')}
UNION ALL ${verdicts('acc_band', 'band')}
UNION ALL ${verdicts('acc_staff', 'staff')}
UNION ALL ${verdicts('acc_event', 'ev')}
UNION ALL ${chart('acc_answer', ['a.key', ANSWER_OPTION], [people(`st = ${SAL}`), people(`st = ${REJ}`)],
    `FROM d, json_each(d.verdict_answers) a, ${ANSWER_JOIN} WHERE d.verdict_answers IS NOT NULL AND ${ANSWER_WHERE} GROUP BY 2, 3`)}`;

type CubeRow = Omit<CubeCell, 'bands'> & Record<`band${number}`, number>;

/** The statements, prepared once. */
export function dashboardSql(sqlite: Database.Database) {
  const cube = sqlite.prepare(CUBE);
  const eventRest = sqlite.prepare(EVENT_REST);
  const everyEvent = sqlite.prepare(ALL);
  const quartersEvent = sqlite.prepare(quarters('AND l.event_id = @eventId'));
  const quartersAll = sqlite.prepare(quarters(''));
  const rosterEvent = sqlite.prepare(
    'SELECT count(*) AS registered, count(checked_in_at) AS attended FROM roster_entries WHERE event_id = ?',
  );
  const rosterAll = sqlite.prepare('SELECT count(*) AS registered, count(checked_in_at) AS attended FROM roster_entries');
  const targets = sqlite.prepare('SELECT count(*) FROM target_accounts').pluck();
  const events = sqlite.prepare('SELECT id, name FROM events');
  const latestForms = sqlite.prepare(
    `SELECT f.event_id AS eventId, f.questions FROM forms f
     WHERE f.version = (SELECT max(version) FROM forms g WHERE g.event_id = f.event_id)
       AND (@eventId IS NULL OR f.event_id = @eventId)
     ORDER BY f.created_at DESC`,
  );
  return {
    /** One event's cube cells. */
    cube: (eventId: string): CubeCell[] =>
      (cube.all({ eventId }) as CubeRow[]).map((r) => ({
        staff: r.staff, status: r.status, reason: r.reason, grade: r.grade, leads: r.leads,
        bands: SCORE_BANDS.map((_, i) => r[`band${i}`] ?? 0), qualified: r.qualified, walkIns: r.walkIns,
      })),
    /** One event's accounts, interest and acceptance by answer. */
    eventRest: (eventId: string) => eventRest.all({ eventId }) as ChartCount[],
    /** Every event's charts but the hours, people counted once. */
    everyEvent: () => everyEvent.all() as ChartCount[],
    quarters: (eventId: string | null) =>
      (eventId === null ? quartersAll.all() : quartersEvent.all({ eventId })) as { quarter: number; count: number }[],
    roster: (eventId: string | null) =>
      (eventId === null ? rosterAll.get() : rosterEvent.get(eventId)) as { registered: number; attended: number },
    targets: () => targets.get() as number,
    eventNames: () => new Map((events.all() as { id: string; name: string }[]).map((e) => [e.id, e.name])),
    /** The questions of each event's form in force, newest form first. */
    forms: (eventId: string | null) => latestForms.all({ eventId }) as { eventId: string; questions: string }[],
  };
}
