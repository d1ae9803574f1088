import type Database from 'better-sqlite3';
import { SCORE_BANDS } from '../../../shared/reports/bands';
import type { ChartCount, CubeCell } from '../../../shared/reports/cube';
import { ACCEPTED, HANDED_TO_SALES, REJECTED } from '../../../shared/reports/funnel';
import { QUARTER_HOUR_MS } from '../../../shared/reports/hours';
import { foldEveryEvent, type PersonRow } from '../../../shared/reports/people';

/**
 * The dashboard's SQL. Everything reads the dashboard's covering index (leads_dashboard,
 * db/schema.ts), never the lead rows: a row is 1–2 KB (raw payload, answers, field times) and
 * reading 100,000 of them takes longer than the dashboard's 200 ms on its own. The answers of
 * leads with sales' verdict, which the acceptance-by-answer chart reads, are in the index too.
 *
 * Index expressions (`l.answers <> '{}'`, `l.answers -> '$.interest.value'`, VERDICT_ANSWERS)
 * are written exactly as the index has them, where the planner reads them from the index:
 * result columns, aggregates' arguments, GROUP BY (but a grouped expression output as it is
 * is read from the row; see CUBE). In WHERE it goes to the row. A test checks that no
 * statement here reads a lead row. A lead is named by its rowid, which every index entry
 * holds, not its id.
 *
 * One event: its leads are people (名寄せ keeps one lead per person in an event), so each chart
 * counts leads. One streaming GROUP BY in the index's order gives the cube of
 * shared/reports/cube.ts (every chart but three); the accounts reached, the answers of the
 * leads with a verdict (a range of the index, folded in shared/reports/answers.ts) and the
 * captures per quarter hour (the Triage index, in capture order) are a pass each. Every event: a
 * returning visitor has one lead per event, so every people count is of distinct persons in its
 * group — the person, or the lead before it has one — folded from one read of the index
 * (shared/reports/people.ts).
 */

const list = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/gu, "''")}'`).join(', ');

const HANDED = list(HANDED_TO_SALES);
const VERDICT = list([ACCEPTED, REJECTED]);
const SAL = `'${ACCEPTED}'`;
const REJ = `'${REJECTED}'`;
const LIVE = 'FROM leads l INDEXED BY leads_dashboard WHERE l.deleted_at IS NULL';
const ANSWERED = `l.answers <> '{}'`;
const INTEREST = `l.answers -> '$.interest.value'`;
const RATED_OR_ANSWERED = `(l.rating IS NOT NULL OR ${ANSWERED})`;
/** shared/reports/funnel.ts isQualified. */
const QUALIFIED = `(l.rating IS NOT NULL OR ${ANSWERED} OR l.status IN (${HANDED}))`;
// Accounts on the target list: an account key (n:<company key>, d:<domain>) of the list's.
const TARGET_ACCOUNTS = `SELECT k.account_id FROM account_keys k
  WHERE k.key IN (SELECT 'n:' || key FROM target_accounts UNION SELECT 'd:' || lower(domain) FROM target_accounts WHERE domain IS NOT NULL)`;

/** The answers of a lead with sales' verdict, NULL for the others: the index's expression, word for word. */
const VERDICT_ANSWERS = `CASE WHEN l.status = ${SAL} OR l.status = ${REJ} THEN l.answers END`;

/**
 * One event's cube: streams in the index's order (event, status, staff, reason, grade, products
 * answer), the few thousand cells then sorted by staff as the charts list them. A band is the
 * difference of two "at least" counts (a score is never NULL); the qualified are summed as rated or
 * answered, the status (a key of the cell) adding the rest. The products answer is output as
 * min() of its group, all equal: as a plain result column SQLite would compute it from the
 * lead row, once per cell.
 */
const CUBE = `
SELECT l.status AS status, l.captured_by AS staff, l.rejection_reason AS reason, l.grade AS grade, min(${INTEREST}) AS interest,
  count(*) AS leads, ${SCORE_BANDS.slice(1).map((b, i) => `sum(l.score >= ${b.from}) AS atLeast${i + 1}`).join(', ')},
  sum(${RATED_OR_ANSWERED}) AS qualified, sum(l.walk_in) AS walkIns
${LIVE} AND l.event_id = @eventId
GROUP BY 1, 2, 3, 4, ${INTEREST}
ORDER BY 2, 1, 3, 4, 5`;

/** One event's accounts reached, and those of them on the target list. */
const REACH = `
SELECT count(DISTINCT l.account_id) AS reached, count(DISTINCT CASE WHEN l.account_id IN (${TARGET_ACCOUNTS}) THEN l.account_id END) AS targetReached
${LIVE} AND l.event_id = @eventId`;

/** One event's leads with a verdict: side by side in the index, their answers in it. */
const VERDICT_LEADS = `
SELECT l.status AS status, ${VERDICT_ANSWERS} AS answers
${LIVE} AND l.event_id = @eventId AND l.status IN (${VERDICT})`;

/** Captures per quarter hour: leads_triage is in (event, captured_at) order, so one event streams. */
const quarters = (scope: string) => `
SELECT l.captured_at / ${QUARTER_HOUR_MS} AS quarter, count(*) AS count
FROM leads l INDEXED BY leads_triage WHERE l.deleted_at IS NULL ${scope}
GROUP BY 1`;

/**
 * Every live lead as the every-event charts read it (shared/reports/people.ts PersonRow), from
 * the index: the person (or the lead before it has one), the keys each chart groups on, and
 * the answers' texts the answer charts fold.
 */
const PEOPLE_ROWS = `
SELECT coalesce(l.person_id, l.rowid), l.event_id, l.status, l.rejection_reason, l.grade, l.score, ${QUALIFIED},
  l.captured_by, l.walk_in, l.account_id, ${INTEREST}, ${VERDICT_ANSWERS}
${LIVE}`;

type CubeRow = Omit<CubeCell, 'bands'> & Record<`atLeast${number}`, number>;

/** Leads per band from the "at least" counts of bands 1… (band 0 is everyone below band 1). */
const bands = (r: CubeRow) => {
  const atLeast = (i: number) => (i === 0 ? r.leads : i < SCORE_BANDS.length ? r[`atLeast${i}`] ?? 0 : 0);
  return SCORE_BANDS.map((_, i) => atLeast(i) - atLeast(i + 1));
};

/** The statements, prepared once. */
export function dashboardSql(sqlite: Database.Database) {
  const cube = sqlite.prepare(CUBE);
  const reach = sqlite.prepare(REACH);
  const verdictLeads = sqlite.prepare(VERDICT_LEADS);
  const peopleRows = sqlite.prepare(PEOPLE_ROWS).raw();
  const targetAccounts = sqlite.prepare(TARGET_ACCOUNTS).pluck();
  // Persons with more than one lead, deleted ones included (a superset is all the fold needs):
  // one walk of the person index, a few thousand at most against 100,000 leads.
  const returning = sqlite.prepare('SELECT person_id FROM leads INDEXED BY leads_person WHERE person_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1').pluck();
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
    /** One event's cube cells, by staff, status, reason, grade. */
    cube: (eventId: string): CubeCell[] =>
      (cube.all({ eventId }) as CubeRow[]).map((r) => ({
        staff: r.staff, status: r.status, reason: r.reason, grade: r.grade, interest: r.interest, leads: r.leads,
        // A cell's leads share their status: a lead handed to sales is qualified (funnel.ts isQualified).
        bands: bands(r), qualified: HANDED_TO_SALES.includes(r.status) ? r.leads : r.qualified, walkIns: r.walkIns,
      })),
    /** One event's accounts reached and target accounts reached. */
    reach: (eventId: string) => reach.get({ eventId }) as { reached: number; targetReached: number },
    /** The status and answers of each of one event's leads with a verdict. */
    verdictLeads: (eventId: string) => verdictLeads.all({ eventId }) as { status: string; answers: string }[],
    /** The statements over the dashboard's index (a test checks they read no lead row). */
    indexStatements: [CUBE, REACH, VERDICT_LEADS, PEOPLE_ROWS],
    /** Every event's charts but the hours, people counted once. */
    everyEvent: (): ChartCount[] =>
      foldEveryEvent(
        peopleRows.iterate() as Iterable<PersonRow>,
        new Set(targetAccounts.all() as string[]),
        new Set(returning.all() as string[]),
      ),
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
