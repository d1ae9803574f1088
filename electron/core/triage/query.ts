import type Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { TriageFilter, TriagePage, TriageQuery, TriageSort, TriageSortColumn } from '../../../shared/triage/api';
import { AWAITING_FOLLOW_UP } from '../../../shared/triage/follow-up';
import { decodeCursor, encodeCursor, type TriageCursor } from '../../../shared/triage/query-cursor';
import type { CoreDeps } from '../deps';
import { byPhrase, parseLeadSearch, searchClause, type LeadSearch } from '../search';
import type { SearchIndex } from '../search-index';
import type { SettingsStore } from '../settings';
import { LEAD_SELECT, toLead, type LeadRow } from '../store/lead-store';
import { filterMask, triageOrderIndex, type TriageOrderIndex } from './order-index';
import { savedViewHandlers } from './views';

/**
 * Counting stops here: past ten thousand a person reads "10,000+" and scrolls, and an exact
 * count of a million would read every matching row on each page.
 */
export const TRIAGE_COUNT_CAP = 10_000;

/** The longest a Triage query waits for triage_order to catch up before walking leads_triage instead. */
export const ORDERS_WAIT_MS = 100;

/**
 * A count reads at most this many index entries (about 10 ms on this VM's 2 vCPUs), and at
 * most COUNT_ROWS lead rows for a filter on answers (which are in the row, not the index).
 * Past either the total is the lower bound found so far (totalExact false), as the contract
 * allows: at a million leads an exact count of a selective filter read every entry per page.
 */
const COUNT_SCAN = 150_000;
const COUNT_ROWS = 10_000;
/** Past this many candidates an answers filter reads every candidate's row at once. */
const LATE_ALL = 200_000;
/** Up to this many events, a capture-time page is merged from each event's own order. */
const MERGED_EVENTS = 64;
/**
 * A text search or a delivery state gives a set of leads. Up to this many, the planner starts
 * from them and reads their rows (a row each beats any walk of the index); past it, the set is
 * built once per statement and checked by rowid on the triage index's walk, which then needs
 * no rows (a common word like サンプル read and sorted 5,000+ rows of 1–2 KB per page).
 */
const FEW_ROWS = 2000;

/**
 * A page sorted by anything but capture time walks that column's order in triage_order
 * (migration 0011) this many entries per statement, until the page is full or the event's
 * order ends: a filter matching one lead in a hundred fills a first page in two statements.
 */
const ORDER_CHUNK = 4096;
/**
 * Past this many entries of one event's order without a full page (a filter matching almost
 * nothing), the rest of the page comes from the walk of leads_triage, which holds every filter
 * column: its whole range costs less than reading this table's row for every entry.
 */
const ORDER_BUDGET = 65_536;

/** Each column's order in triage_order: its value, then the lead id (migration 0011). */
export const ORDER_INDEX: Record<Exclude<TriageSortColumn, 'capturedAt'>, string> = {
  updatedAt: 'triage_order_updated',
  score: 'triage_order_score',
  grade: 'triage_order_grade',
  status: 'triage_order_status',
  name: 'triage_order_name',
  company: 'triage_order_company',
  title: 'triage_order_title',
  rating: 'triage_order_rating',
  owner: 'triage_order_owner',
  capturedBy: 'triage_order_captured_by',
  followUpDue: 'triage_order_follow_up',
  event: 'triage_order_event',
};

/** Where a page continues from: the last row's sort value (null among the rows without one) and id. */
type After = Pick<TriageCursor, 'value' | 'id'>;

/** Which of a filter's row sets are large enough to be checked on the index walk (see FEW_ROWS). */
type Wide = ReadonlySet<'text' | 'delivery'>;
const NONE_WIDE: Wide = new Set();

interface SortKey {
  /** The value sorted by, as SQL over `leads l`. */
  sql: string;
  type: 'text' | 'int';
  /** Leads without a value come last in both directions: a blank owner or title is never "first". */
  nullable: boolean;
}

const rank = (column: string, order: readonly string[]) =>
  `CASE ${column} ${order.map((value, i) => `WHEN '${value}' THEN ${i + 1}`).join(' ')} END`;

/**
 * What each column sorts by. Grade sorts as its letter (asc: A first, the best); status in
 * pipeline order (new → … → disqualified); rating by warmth (desc: hot first); a name by the
 * family name, then the given name, or the full name when the parts are not known; an event by
 * its name. Ties fall to the lead id, in the same direction.
 */
const SORTS: Record<TriageSortColumn, SortKey> = {
  capturedAt: { sql: 'l.captured_at', type: 'int', nullable: false },
  updatedAt: { sql: 'l.updated_at', type: 'int', nullable: false },
  score: { sql: 'l.score', type: 'int', nullable: false },
  grade: { sql: 'l.grade', type: 'text', nullable: false },
  status: { sql: rank('l.status', ['new', 'working', 'mql', 'sal', 'rejected', 'nurture', 'disqualified']), type: 'int', nullable: false },
  name: { sql: "coalesce(l.family_name || ' ' || coalesce(l.given_name, ''), l.full_name)", type: 'text', nullable: true },
  company: { sql: 'l.company', type: 'text', nullable: true },
  title: { sql: 'l.title', type: 'text', nullable: true },
  rating: { sql: rank('l.rating', ['cold', 'warm', 'hot']), type: 'int', nullable: true },
  owner: { sql: 'l.owner', type: 'text', nullable: true },
  capturedBy: { sql: 'l.captured_by', type: 'text', nullable: true },
  followUpDue: { sql: 'l.follow_up_due', type: 'int', nullable: true },
  event: { sql: '(SELECT e.name FROM events e WHERE e.id = l.event_id)', type: 'text', nullable: false },
};

/** How each delivery filter state reads the outbox row of that connector (none: never queued). */
const DELIVERY: Record<'pending' | 'done' | 'attention', readonly string[]> = {
  pending: ['pending', 'in_flight'],
  done: ['done'],
  attention: ['attention'],
};

interface Part {
  sql: string[];
  params: unknown[];
}

interface Where {
  /** Every condition, joined: for the planner's path and for "everything matching". */
  sql: string;
  params: unknown[];
  /**
   * Whether to walk the triage index. Without statistics SQLite takes (event_id, email) for an
   * event filter and reads a 1–2 KB row per lead to sort; the triage index holds the columns.
   * A text search or a delivery state is left to the planner: their few rowids beat any walk.
   */
  indexed: boolean;
  /** The events asked for (none: all). */
  events: readonly string[] | undefined;
  /** Conditions the triage index answers alone (its columns), the event excepted. */
  covered: Part;
  /** Conditions on the lead's row (a question's answer): checked only for the candidates the index gives. */
  late: Part;
  /**
   * A large set of leads (a text search or a delivery state, past FEW_ROWS) as their rowids
   * (`r`), and the covered conditions but the one it is checked by: a count can start from it.
   */
  wide: { set: Part; rest: Part; at: number; probe: string | null } | null;
  /** Masks triage_order.filter_bits must meet, implied by the covered conditions (order-index.ts filterMask). */
  masks: number[];
}

/**
 * The covered conditions for a walk in the page's order that stops after the page (by capture
 * time per event, or triage_order): a delivery state as a probe of the outbox's (lead,
 * connector) key per entry reached rather than a set of every such lead built per statement
 * (50,000 ids at a million leads, 25 ms). A walk of the whole range keeps the set.
 */
function walkCovered(where: Where): Part {
  const { wide } = where;
  if (!wide?.probe) return where.covered;
  return { sql: where.covered.sql.map((clause, i) => (i === wide.at ? wide.probe! : clause)), params: where.covered.params };
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
/** The accounts the target list names, by a name key or a domain key (core/accounts/store.ts). */
const TARGET_ACCOUNTS = `SELECT k.account_id FROM target_accounts t JOIN account_keys k ON k.key = 'n:' || t.key
  UNION SELECT k.account_id FROM target_accounts t JOIN account_keys k ON k.key = 'd:' || t.domain`;
const isoMs = (iso: string) => Date.parse(iso);

/**
 * The filter as one WHERE over `leads l`, deleted leads left out. An empty list is no filter
 * (the screen never sends one; a list with nothing ticked shows everything). Captured
 * between is inclusive at both ends: the screen sends a day's first and last millisecond.
 */
function filterWhere(f: TriageFilter, now: number, search: LeadSearch | null, wide: Wide = NONE_WIDE): Where {
  const covered: Part = { sql: [], params: [] };
  const late: Part = { sql: [], params: [] };
  const planned: Part = { sql: [], params: [] };
  type WideSet = { set: Part; at: number; params: [number, number]; probe: string | null };
  let wideSet: WideSet | null = null;
  /** A large set, checked by rowid or id on the walk; the first is remembered for counting (Where.wide). */
  const addWide = (clause: string, params: unknown[], set: string, probe: string | null) => {
    wideSet ??= { set: { sql: [set], params }, at: covered.sql.length, params: [covered.params.length, params.length], probe };
    covered.sql.push(clause);
    covered.params.push(...params);
  };
  const oneOf = (column: string, values: readonly unknown[] | undefined) => {
    if (!values?.length) return;
    covered.sql.push(`${column} IN (${marks(values)})`);
    covered.params.push(...values);
  };
  /** A list filter where null ("none") is one of the alternatives. */
  const oneOfOrNull = (column: string, values: readonly unknown[] | undefined, none: unknown) => {
    if (!values?.length) return;
    const given = values.filter((v) => v !== none);
    const parts = [...(given.length ? [`${column} IN (${marks(given)})`] : []), ...(given.length < values.length ? [`${column} IS NULL`] : [])];
    covered.sql.push(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
    covered.params.push(...given);
  };

  oneOf('l.status', f.statuses);
  oneOfOrNull('l.rating', f.ratings, 'none');
  oneOf('l.grade', f.grades);
  const masks = [
    f.statuses?.length ? filterMask('status', f.statuses) : 0,
    f.ratings?.length ? filterMask('rating', f.ratings.map((r) => (r === 'none' ? null : r))) : 0,
    f.grades?.length ? filterMask('grade', f.grades) : 0,
    f.owners?.length ? filterMask('owned', f.owners.map((o) => (o === null ? null : 'yes'))) : 0,
    f.consent ? filterMask('consent', [f.consent === 'given' ? 'yes' : null]) : 0,
    f.ready !== undefined ? filterMask('ready', [f.ready ? 'yes' : null]) : 0,
  ].filter((mask) => mask !== 0);
  if (f.scoreMin !== undefined) (covered.sql.push('l.score >= ?'), covered.params.push(f.scoreMin));
  if (f.scoreMax !== undefined) (covered.sql.push('l.score <= ?'), covered.params.push(f.scoreMax));
  oneOfOrNull('l.owner', f.owners, null);
  oneOf('l.captured_by', f.staff);
  for (const answer of f.answers ?? []) {
    // json_each over a scalar yields the scalar itself, so one clause reads a single choice
    // ("within_3m") and a multiple choice (["demo", "quote"]) alike.
    late.sql.push(`EXISTS (SELECT 1 FROM json_each(l.answers, ?) a WHERE a.value IN (${marks(answer.anyOf)}))`);
    late.params.push(`$."${answer.question}".value`, ...answer.anyOf);
  }
  if (f.consent) covered.sql.push(f.consent === 'given' ? 'l.consent_version IS NOT NULL' : 'l.consent_version IS NULL');
  if (f.delivery) {
    const { connector, state } = f.delivery;
    if (state === 'not_queued') {
      // A probe of the outbox's (lead, connector) key per entry the other filters let through
      // (twice as fast as NOT IN, which builds that connector's every lead id per statement).
      covered.sql.push('NOT EXISTS (SELECT 1 FROM outbox o WHERE o.lead_id = l.id AND o.connector = ?)');
      covered.params.push(connector);
    } else {
      // From the outbox's side (waiting, delivered, in trouble): few, the planner starts from
      // them; many, their rowids are checked on the index walk (FEW_ROWS).
      // (The walk has the id in the index entry: the set is the outbox's lead ids, no lead looked up.)
      const states = `o.connector = ? AND o.state IN (${marks(DELIVERY[state])})`;
      if (wide.has('delivery')) {
        addWide(`l.id IN (SELECT o.lead_id FROM outbox o WHERE ${states})`, [connector, ...DELIVERY[state]],
          `SELECT d.rowid AS r FROM outbox o CROSS JOIN leads d ON d.id = o.lead_id WHERE ${states}`,
          `EXISTS (SELECT 1 FROM outbox o WHERE o.lead_id = l.id AND ${states})`);
      } else {
        planned.sql.push(`l.rowid IN (SELECT d.rowid FROM outbox o CROSS JOIN leads d ON d.id = o.lead_id WHERE ${states})`);
        planned.params.push(connector, ...DELIVERY[state]);
      }
    }
  }
  if (f.capturedFrom) (covered.sql.push('l.captured_at >= ?'), covered.params.push(isoMs(f.capturedFrom)));
  if (f.capturedTo) (covered.sql.push('l.captured_at <= ?'), covered.params.push(isoMs(f.capturedTo)));
  if (f.overdue !== undefined) {
    // shared/triage/follow-up.ts isOverdue, as SQL: due strictly before now, still awaiting contact.
    const overdue = `l.follow_up_due IS NOT NULL AND l.follow_up_due < ? AND l.status IN (${marks(AWAITING_FOLLOW_UP)})`;
    covered.sql.push(f.overdue ? `(${overdue})` : `NOT (${overdue})`);
    covered.params.push(now, ...AWAITING_FOLLOW_UP);
  }
  if (f.ready !== undefined) covered.sql.push(f.ready ? 'l.ready_at IS NOT NULL' : 'l.ready_at IS NULL');
  // Accounts (core/accounts). The triage index does not hold account_id: a few accounts' leads
  // come from the account index; the target mark is checked on the row.
  if (f.accountIds?.length) {
    planned.sql.push(`l.rowid IN (SELECT a.rowid FROM leads a INDEXED BY leads_account WHERE a.account_id IN (${marks(f.accountIds)}))`);
    planned.params.push(...f.accountIds);
  }
  if (f.isTarget !== undefined) {
    late.sql.push(f.isTarget ? `l.account_id IN (${TARGET_ACCOUNTS})` : `(l.account_id IS NULL OR l.account_id NOT IN (${TARGET_ACCOUNTS}))`);
  }
  // Terms the index finds (3+ characters) matching many leads: their rowids, checked on the walk.
  const textWide = search !== null && search.match !== null && search.likes.length === 0 && wide.has('text');
  if (textWide) addWide('l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)', [search.match], 'SELECT rowid AS r FROM leads_fts WHERE leads_fts MATCH ?', null);
  const text = textWide ? { sql: '', params: [] } : searchClause(search);
  const events = f.eventIds?.length ? f.eventIds : undefined;
  // (Set inside addWide, which TypeScript's narrowing does not follow.)
  const first = wideSet as WideSet | null;
  const all = [
    'l.deleted_at IS NULL',
    ...(events ? [`l.event_id IN (${marks(events)})`] : []),
    ...covered.sql, ...late.sql, ...planned.sql,
  ];
  return {
    sql: all.join(' AND ') + text.sql,
    params: [...(events ?? []), ...covered.params, ...late.params, ...planned.params, ...text.params],
    indexed: (search === null || textWide) && planned.sql.length === 0,
    events,
    covered,
    late,
    masks,
    wide: first && {
      set: first.set,
      at: first.at,
      probe: first.probe,
      rest: {
        sql: covered.sql.filter((_, i) => i !== first.at),
        params: covered.params.filter((_, i) => i < first.params[0] || i >= first.params[0] + first.params[1]),
      },
    },
  };
}

const badCursor = (why: string) =>
  new AppError('triage.bad_cursor', `This page cursor cannot continue the list (${why}); load the list again from the top`);

/**
 * The Triage table's query: every filter, any sort, keyset pages. Reads only; the lead writer
 * keeps score, grade, owner and the follow-up clock in the row, so none is computed here.
 */
export function triageQuery(
  deps: Pick<CoreDeps, 'sqlite' | 'clock'>,
  index: SearchIndex,
  orders: TriageOrderIndex = triageOrderIndex(deps.sqlite),
  ordersWaitMs = ORDERS_WAIT_MS,
) {
  const { sqlite } = deps;
  /**
   * Whether triage_order holds every lead as it is now, after catching it up for at most
   * ordersWaitMs: after a burst of scans that is a few milliseconds; while it is far behind (a
   * big database filled for the first time since the upgrade, slice by slice in the quiet
   * upkeep; a re-score's thousands of changed leads) the query walks leads_triage instead,
   * slower and just as right, rather than keeping the person waiting for the whole copy.
   */
  const ordersReady = (): boolean => {
    orders.catchUp(performance.now() + ordersWaitMs);
    return orders.caughtUp();
  };
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      // Filters combine freely, so the cache is bounded: a long session cannot grow it forever.
      if (statements.size > 500) statements.clear();
      statements.set(sql, (stmt = sqlite.prepare(sql)));
    }
    return stmt;
  };

  // How many leads a search term or a delivery state names, up to FEW_ROWS + 1 (FEW_ROWS).
  const ftsHits = sqlite.prepare(`SELECT count(*) FROM (SELECT 1 FROM leads_fts WHERE leads_fts MATCH ? LIMIT ${FEW_ROWS + 1})`).pluck();
  const queued = sqlite.prepare(`SELECT count(*) FROM (SELECT 1 FROM outbox WHERE connector = ? AND state IN (SELECT value FROM json_each(?)) LIMIT ${FEW_ROWS + 1})`).pluck();

  /**
   * The search terms, the filter and the moment "overdue" is judged at. A full name typed with
   * a space is tried as a phrase through the index first (as leads.list does); only when that
   * finds nothing among the filtered leads do its short terms scan one by one.
   */
  function resolve(filter: TriageFilter): Where {
    const now = deps.clock();
    let search = parseLeadSearch(filter.query);
    if (search?.match || search?.phrase) index.catchUp();
    const phrase = search && byPhrase(search);
    if (phrase) {
      const w = filterWhere(filter, now, phrase);
      if (prepared(`SELECT 1 FROM leads l WHERE ${w.sql} LIMIT 1`).get(...w.params) !== undefined) search = phrase;
    }
    const wide = new Set<'text' | 'delivery'>();
    if (search?.match && search.likes.length === 0 && (ftsHits.get(search.match) as number) > FEW_ROWS) wide.add('text');
    const delivery = filter.delivery;
    if (delivery && delivery.state !== 'not_queued' && (queued.get(delivery.connector, JSON.stringify(DELIVERY[delivery.state])) as number) > FEW_ROWS) {
      wide.add('delivery');
    }
    return filterWhere(filter, now, search, wide);
  }

  // A follow-on page of the same filter reuses the count, until anything is written: by this
  // connection (total_changes) or by another process on the same file (data_version).
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const allEvents = sqlite.prepare('SELECT id FROM events').pluck();
  const eventName = sqlite.prepare('SELECT name FROM events WHERE id = ?').pluck();
  // -1, 0 or 1 as SQLite compares two values (BINARY, as the sort does), not as JavaScript does.
  const compared = sqlite.prepare('SELECT (x > y) - (x < y) FROM (SELECT ? AS x, ? AS y)').pluck();
  let counted: { key: string; total: number; exact: boolean } | null = null;

  const seekOf = (where: Where) => ({
    sql: `l.deleted_at IS NULL${where.events ? ` AND l.event_id IN (${marks(where.events)})` : ''}`,
    params: [...(where.events ?? [])],
  });
  const hitOf = (part: Part) => (part.sql.length ? `(${part.sql.join(' AND ')})` : '1');

  /**
   * How many live entries the events' part of the index holds, when at most COUNT_SCAN: the
   * same for every filter over those events until anything is written, so it is read once
   * (in the same pass as the first count) and not again per filter. `over`: more than that.
   */
  const ranges = new Map<string, number | 'over'>();
  let rangesAt = '';

  const rangeKey = (where: Where) => JSON.stringify(where.events ?? null);
  function knownRange(where: Where, version: string): number | 'over' | undefined {
    if (rangesAt !== version) (ranges.clear(), (rangesAt = version));
    return ranges.get(rangeKey(where));
  }
  function remember(where: Where, entries: number): number | 'over' {
    const range = entries > COUNT_SCAN ? 'over' : entries;
    ranges.set(rangeKey(where), range);
    return range;
  }

  /** The size of the events' range (ranges), counted when not known yet. */
  function rangeOf(where: Where, version: string): number | 'over' {
    const known = knownRange(where, version);
    if (known !== undefined) return known;
    const seek = seekOf(where);
    const entries = prepared(`SELECT count(*) FROM (SELECT 1 FROM leads l INDEXED BY leads_triage WHERE ${seek.sql} LIMIT ${COUNT_SCAN + 1})`)
      .pluck().get(...seek.params) as number;
    return remember(where, entries);
  }

  /**
   * The leads the index conditions match, counting at most `upTo` of them and reading at most
   * COUNT_SCAN index entries: an answer a person reads in milliseconds at a million leads.
   * Exact when neither bound was reached. One pass over the index: when the size of the
   * events' range is not known yet it is counted in the same walk as the matches.
   */
  function coveredCount(where: Where, upTo: number, version: string): { total: number; exact: boolean } {
    const seek = seekOf(where);
    const range = knownRange(where, version);
    if (range === undefined) {
      const { n, hits } = prepared(
        `SELECT count(*) AS n, coalesce(sum(hit_), 0) AS hits FROM (SELECT ${hitOf(where.covered)} AS hit_ FROM leads l INDEXED BY leads_triage WHERE ${seek.sql} LIMIT ${COUNT_SCAN + 1})`,
      ).get(...where.covered.params, ...seek.params) as { n: number; hits: number };
      const whole = remember(where, n) !== 'over';
      return { total: Math.min(hits, upTo + 1), exact: whole && hits <= upTo };
    }
    if (range !== 'over') {
      // Few enough entries to read them all: a plain WHERE, which stops at the cap.
      const total = prepared(
        `SELECT count(*) FROM (SELECT 1 FROM leads l INDEXED BY leads_triage WHERE ${[seek.sql, ...where.covered.sql].join(' AND ')} LIMIT ${upTo + 1})`,
      ).pluck().get(...seek.params, ...where.covered.params) as number;
      return { total, exact: total <= upTo };
    }
    // More: the first COUNT_SCAN entries only (a co-routine the outer LIMIT stops early).
    const total = prepared(
      `SELECT count(*) FROM (SELECT 1 FROM (SELECT ${hitOf(where.covered)} AS hit_ FROM leads l INDEXED BY leads_triage WHERE ${seek.sql} LIMIT ${COUNT_SCAN}) WHERE hit_ LIMIT ${upTo + 1})`,
    ).pluck().get(...where.covered.params, ...seek.params) as number;
    return { total, exact: false };
  }

  /**
   * A large set's count when the events' range is past COUNT_SCAN (the count is a lower bound
   * either way): its first COUNT_ROWS leads, each checked on its triage_order row, instead of
   * checking COUNT_SCAN entries of leads_triage against the set (a probe each, 45-75 ms at a
   * million leads). Exact when the set had no more.
   */
  function wideCount(where: Where, wide: NonNullable<Where['wide']>): { total: number; exact: boolean } {
    const seek = seekOf(where);
    const { members, total } = prepared(
      `SELECT count(*) AS members, coalesce(sum(hit_), 0) AS total FROM (
         SELECT (${[seek.sql, ...wide.rest.sql].join(' AND ')}) AS hit_ FROM (${wide.set.sql.join('')} LIMIT ${COUNT_ROWS + 1}) s
         LEFT JOIN triage_order l ON l.rowid = s.r)`,
    ).get(...seek.params, ...wide.rest.params, ...wide.set.params) as { members: number; total: number };
    const whole = members <= COUNT_ROWS;
    return { total: Math.min(total, TRIAGE_COUNT_CAP + 1), exact: whole && total <= TRIAGE_COUNT_CAP };
  }

  function count(where: Where): { total: number; exact: boolean } {
    const version = `${dataVersion.get()} ${totalChanges.get()}`;
    const key = JSON.stringify([where.sql, where.params, version]);
    if (counted?.key === key) return counted;
    let result: { total: number; exact: boolean };
    if (!where.indexed) {
      const total = prepared(`SELECT count(*) FROM (SELECT 1 FROM leads l WHERE ${where.sql} LIMIT ${TRIAGE_COUNT_CAP + 1})`).pluck().get(...where.params) as number;
      result = { total, exact: total <= TRIAGE_COUNT_CAP };
    } else if (where.late.sql.length === 0 && where.wide && rangeOf(where, version) === 'over' && ordersReady()) {
      result = wideCount(where, where.wide);
    } else if (where.late.sql.length === 0) {
      result = coveredCount(where, TRIAGE_COUNT_CAP, version);
    } else {
      // A question's answer is in the row: at most COUNT_ROWS candidates' rows are read, and
      // past them the total is the lower bound found so far. One statement counts both the
      // candidates (one more than COUNT_ROWS says there were more) and the matches among them.
      const seek = seekOf(where);
      const { candidates, total } = prepared(
        `SELECT count(*) AS candidates, coalesce(sum(late_), 0) AS total FROM (SELECT (${where.late.sql.join(' AND ')}) AS late_ FROM (
           SELECT r_ FROM (SELECT l.rowid AS r_, ${hitOf(where.covered)} AS hit_ FROM leads l INDEXED BY leads_triage WHERE ${seek.sql} LIMIT ${COUNT_SCAN})
           WHERE hit_ LIMIT ${COUNT_ROWS + 1}
         ) k CROSS JOIN leads l ON l.rowid = k.r_)`,
      ).get(...where.late.params, ...where.covered.params, ...seek.params) as { candidates: number; total: number };
      const whole = candidates <= COUNT_ROWS && rangeOf(where, version) !== 'over';
      result = { total: Math.min(total, TRIAGE_COUNT_CAP + 1), exact: whole && total <= TRIAGE_COUNT_CAP };
    }
    counted = { key, ...result };
    return result;
  }

  type SortedRow = LeadRow & { sortValue_: string | number | null };

  /**
   * One segment of the sort: the leads with a value (in its order), or those without (by id).
   * The page is chosen in the triage index where the filter allows (migration 0008: every
   * column the table filters and sorts on, live leads only), then only its rows are read: a
   * lead row is 1–2 KB (the raw badge payload, answers), its index entry a tenth.
   */
  function segment(where: Where, sort: TriageSort, key: SortKey, nulls: boolean, after: After | null, limit: number, useOrders: boolean): SortedRow[] {
    const s = shape(sort, key, nulls, after);
    const { dir, conds, params, order, sortValue, outerOrder } = s;
    const pick = (inner: string) => `SELECT ${LEAD_SELECT}, k.sortValue_ FROM (${inner}) k CROSS JOIN leads l ON l.rowid = k.rowid_ ORDER BY ${outerOrder}`;

    if (!where.indexed) {
      // A text search or a delivery state: the planner starts from their rowids.
      const sql = pick(`SELECT l.rowid AS rowid_, ${sortValue} AS sortValue_, l.id AS id_ FROM leads l
        WHERE ${[where.sql, ...conds].join(' AND ')} ORDER BY ${order} LIMIT ?`);
      return prepared(sql).all(...where.params, ...params, limit) as SortedRow[];
    }

    const events = where.events ?? (allEvents.all() as string[]);
    if (useOrders && sort.column !== 'capturedAt' && events.length > 0 && events.length <= MERGED_EVENTS) {
      return ordered(where, sort, key, nulls, after, limit, events);
    }
    if (sort.column === 'capturedAt' && events.length > 0 && events.length <= MERGED_EVENTS) {
      const walking = walkCovered(where);
      const covered = [...walking.sql, ...conds];
      const coveredParams = [...walking.params, ...params];
      // By capture time the index is already in order within each event: each event's first
      // rows, merged, stop after the page instead of sorting every match (answers included:
      // a row is read only for the entries the walk reaches).
      const arm = `SELECT * FROM (SELECT l.rowid AS rowid_, l.captured_at AS sortValue_, l.id AS id_ FROM leads l INDEXED BY leads_triage
        WHERE ${['l.deleted_at IS NULL', 'l.event_id = ?', ...covered, ...where.late.sql].join(' AND ')} ORDER BY ${order} LIMIT ?)`;
      const sql = pick(`${events.map(() => arm).join(' UNION ALL ')} ORDER BY 2 ${dir}, 3 ${dir} LIMIT ?`);
      const armParams = (event: string) => [event, ...coveredParams, ...where.late.params, limit];
      return prepared(sql).all(...events.flatMap(armParams), limit) as SortedRow[];
    }

    return walked(where, s, limit);
  }

  /** The page from the walk of the events' whole range of leads_triage, sorted (any sort). */
  function walked(where: Where, { conds, params, order, sortValue, outerOrder }: Shape, limit: number): SortedRow[] {
    const covered = [...where.covered.sql, ...conds];
    const coveredParams = [...where.covered.params, ...params];
    const pick = (inner: string) => `SELECT ${LEAD_SELECT}, k.sortValue_ FROM (${inner}) k CROSS JOIN leads l ON l.rowid = k.rowid_ ORDER BY ${outerOrder}`;
    const seek = seekOf(where);
    const inner = (candidates: number | '?') =>
      `SELECT l.rowid AS rowid_, ${sortValue} AS sortValue_, l.id AS id_ FROM leads l INDEXED BY leads_triage
        WHERE ${[seek.sql, ...covered].join(' AND ')} ORDER BY ${order} LIMIT ${candidates}`;
    if (where.late.sql.length === 0) {
      return prepared(pick(inner('?'))).all(...seek.params, ...coveredParams, limit) as SortedRow[];
    }
    // A question's answer is in the row, not the index: the first candidates in order, a
    // row read each, and more (eight times as many) only while the page is not full.
    for (let candidates = Math.max(500, limit * 20); ; candidates *= 8) {
      const all = candidates >= LATE_ALL;
      const sql = `SELECT ${LEAD_SELECT}, k.sortValue_ FROM (${inner(all ? -1 : candidates)}) k CROSS JOIN leads l ON l.rowid = k.rowid_
        WHERE ${where.late.sql.join(' AND ')} ORDER BY ${outerOrder} LIMIT ?`;
      const rows = prepared(sql).all(...seek.params, ...coveredParams, ...where.late.params, limit) as SortedRow[];
      if (rows.length >= limit || all) return rows;
    }
  }

  /** segment's conditions, order and sort value for `l` (leads or triage_order: the same column names). */
  function shape(sort: TriageSort, key: SortKey, nulls: boolean, after: After | null) {
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const op = sort.dir === 'asc' ? '>' : '<';
    const conds: string[] = [];
    const params: unknown[] = [];
    if (key.nullable) conds.push(`${key.sql} IS ${nulls ? '' : 'NOT '}NULL`);
    if (after && nulls) (conds.push(`l.id ${op} ?`), params.push(after.id));
    if (after && !nulls) (conds.push(`(${key.sql}, l.id) ${op} (?, ?)`), params.push(after.value, after.id));
    const order = nulls ? `l.id ${dir}` : `${key.sql} ${dir}, l.id ${dir}`;
    const sortValue = nulls ? 'NULL' : key.sql;
    const outerOrder = nulls ? `k.id_ ${dir}` : `k.sortValue_ ${dir}, k.id_ ${dir}`;
    return { dir, conds, params, order, sortValue, outerOrder };
  }
  type Shape = ReturnType<typeof shape>;

  /**
   * A segment sorted by anything but capture time, from triage_order: each event's order walked
   * from the cursor until the page is full (ordered arm), the events' pages merged. Its rows
   * are read last, for the page only.
   */
  function ordered(where: Where, sort: TriageSort, key: SortKey, nulls: boolean, after: After | null, limit: number, events: readonly string[]): SortedRow[] {
    const ids = events.flatMap((event) => orderedArm(where, sort, key, nulls, after, limit, event));
    if (ids.length === 0) return [];
    const { order, sortValue } = shape(sort, key, nulls, null);
    return prepared(`SELECT ${LEAD_SELECT}, ${sortValue} AS sortValue_ FROM json_each(?) j CROSS JOIN leads l ON l.id = j.value ORDER BY ${order} LIMIT ?`)
      .all(JSON.stringify(ids), limit) as SortedRow[];
  }

  /** One event's first `limit` matches in the sort, after the cursor: their lead ids. */
  function orderedArm(where: Where, sort: TriageSort, key: SortKey, nulls: boolean, after: After | null, limit: number, event: string): string[] {
    const byEvent = sort.column === 'event';
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const op = sort.dir === 'asc' ? '>' : '<';
    // By event, every lead of one event has its name as the sort value: the event's order is by
    // id alone, from the cursor's id if the cursor is in this event's name, from the start if
    // this name comes after the cursor's, and nothing if it comes before.
    const name = byEvent ? (eventName.get(event) as string | undefined) : undefined;
    let from: After | null = after;
    if (byEvent && after) {
      const side = (compared.get(name ?? null, after.value) as number) * (sort.dir === 'asc' ? 1 : -1);
      if (side < 0) return [];
      from = side === 0 ? after : null;
    }
    const byId = nulls || byEvent;
    const keySql = byId ? null : key.sql;
    const index = ORDER_INDEX[sort.column as Exclude<TriageSortColumn, 'capturedAt'>];
    const back = sort.dir === 'asc' ? 'DESC' : 'ASC';
    /**
     * The walk from a place in the order. SQLite seeks a row value on an expression index only
     * by its first term (status, rating and name are expressions), so the place is taken in two
     * steps: the rest of its value's ties by id (`ties`), then the values after it.
     */
    type Place = After & { ties: boolean };
    const walk = (place: Place | null, reverse = false) => {
      const conds = ['l.deleted_at IS NULL', 'l.event_id = ?'];
      const params: unknown[] = [event];
      if (key.nullable) conds.push(`${key.sql} IS ${nulls ? '' : 'NOT '}NULL`);
      const d = reverse ? back : dir;
      let order = keySql ? `${keySql} ${d}, l.id ${d}` : `l.id ${d}`;
      if (place && keySql && place.ties) {
        conds.push(`${keySql} = ?`, `l.id ${op} ?`);
        params.push(place.value, place.id);
        order = `l.id ${d}`;
      } else if (place && keySql) (conds.push(`${keySql} ${op} ?`), params.push(place.value));
      else if (place) (conds.push(`l.id ${op} ?`), params.push(place.id));
      return { sql: `FROM triage_order l INDEXED BY ${index} WHERE ${conds.join(' AND ')} ORDER BY ${order}`, params };
    };
    const walking = walkCovered(where);
    // The masks first, on the index entry: the row is read only for the entries they let
    // through. A CASE, not an AND: SQLite reads the row for an AND of both whatever the masks say.
    const masks = where.masks.map((mask) => `(l.filter_bits & ${mask}) <> 0`).join(' AND ');
    const hit = masks ? `(CASE WHEN ${masks} THEN ${hitOf(walking)} ELSE 0 END)` : hitOf(walking);
    const ids: string[] = [];
    let place: Place | null = from && { ...from, ties: true };
    for (let read = 0; read < ORDER_BUDGET; read += ORDER_CHUNK) {
      const w = walk(place);
      const need = limit - ids.length;
      // The chunk's entries, in order; the filter's index conditions checked on this table's
      // row, a question's answer on the lead's row, each only for the entries that got so far.
      const chunk = `SELECT l.id AS id_, ${hit} AS hit_ ${w.sql} LIMIT ${ORDER_CHUNK}`;
      const sql = where.late.sql.length === 0
        ? `SELECT id_ FROM (${chunk}) WHERE hit_ LIMIT ?`
        : `SELECT k.id_ FROM (${chunk}) k CROSS JOIN leads l ON l.id = k.id_ WHERE k.hit_ AND ${where.late.sql.join(' AND ')} LIMIT ?`;
      ids.push(...(prepared(sql).pluck().all(...walking.params, ...w.params, ...where.late.params, need) as string[]));
      if (ids.length >= limit) return ids;
      // Where the chunk ended: the next one starts after it.
      const end = prepared(`SELECT ${keySql ?? 'NULL'} AS value, l.id AS id ${w.sql} LIMIT 1 OFFSET ${ORDER_CHUNK - 1}`)
        .get(...w.params) as After | undefined;
      if (end) place = { ...end, ties: true };
      else if (place && keySql && place.ties) {
        // The value's ties are read: on to the values after it, from its last tie.
        const last = prepared(`SELECT l.id ${walk(place, true).sql} LIMIT 1`).pluck().get(...w.params) as string | undefined;
        place = { value: place.value, id: last ?? place.id, ties: false };
      } else return ids;
    }
    // Almost nothing matches: the rest from leads_triage's walk of this event, after the last entry read.
    const rest: After | null = place && byEvent ? { value: name ?? null, id: place.id } : place && { value: place.value, id: place.id };
    const rows = walked({ ...where, events: [event] }, shape(sort, key, nulls, rest), limit - ids.length);
    return [...ids, ...rows.map((r) => r.id)];
  }

  function readCursor(text: string, sort: TriageSort, key: SortKey): TriageCursor {
    const decoded = decodeCursor(text, sort);
    if (!decoded.ok) throw badCursor(decoded.reason === 'other_sort' ? 'made for another sort' : 'not one of ours');
    const { value } = decoded.cursor;
    if (value === null ? !key.nullable : typeof value !== (key.type === 'int' ? 'number' : 'string')) throw badCursor('wrong value');
    return decoded.cursor;
  }

  function query({ filter, sort, after, limit }: TriageQuery): TriagePage {
    const key = SORTS[sort.column];
    const cursor = after ? readCursor(after, sort, key) : null;
    const where = resolve(filter);
    // Cheap when nothing is waiting (two reads, no write lock).
    const useOrders = where.indexed && sort.column !== 'capturedAt' && ordersReady();
    // One more row than asked says whether there is a next page without counting.
    const rows: SortedRow[] = [];
    if (!cursor || cursor.value !== null) rows.push(...segment(where, sort, key, false, cursor, limit + 1, useOrders));
    if (key.nullable && rows.length <= limit) {
      rows.push(...segment(where, sort, key, true, cursor?.value === null ? cursor : null, limit + 1 - rows.length, useOrders));
    }
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // The first page's own rows are the count when they are all there are.
    const { total, exact } = !cursor && !more ? { total: page.length, exact: true } : count(where);
    return {
      rows: page.map(({ sortValue_: _, ...row }) => toLead(row)),
      next: more && last ? encodeCursor({ sort, value: last.sortValue_, id: last.id }) : null,
      total: Math.min(total, TRIAGE_COUNT_CAP),
      totalExact: exact,
    };
  }

  /** The ids of every live lead the filter matches now, newest first: "everything matching" for bulk actions and export. */
  function matchingIds(filter: TriageFilter): string[] {
    const where = resolve(filter);
    return prepared(`SELECT l.id FROM leads l WHERE ${where.sql} ORDER BY l.captured_at DESC, l.id DESC`).pluck().all(...where.params) as string[];
  }

  return { query, matchingIds };
}
export type TriageQueryService = ReturnType<typeof triageQuery>;

/** The Triage table's procedures: the query and the saved views. */
export function triageQueryHandlers(
  deps: Pick<CoreDeps, 'sqlite' | 'clock' | 'newId'>,
  settings: SettingsStore,
  index: SearchIndex,
): Pick<Handlers, 'triage.query' | 'triage.views.list' | 'triage.views.save' | 'triage.views.delete'> {
  const service = triageQuery(deps, index);
  return { 'triage.query': (input) => service.query(input), ...savedViewHandlers(settings, deps.newId) };
}
