import type Database from 'better-sqlite3';
import type { AccountKey, AccountListInput, AccountName, AccountPage, AccountPerson, AccountSummary, TargetAccount } from '../../../shared/accounts/api';
import { decodeAccountCursor, encodeAccountCursor } from '../../../shared/accounts/cursor';
import { AppError } from '../../../shared/errors';
import { joinName } from '../../../shared/lead/person';
import type { Grade } from '../../../shared/triage/grade';
import type { LeadStatus } from '../../../shared/triage/status';
import { iso } from '../../../shared/time';

/**
 * The SQL that reads accounts: each with what its leads add up to, and whether the target
 * list names it (by any of its keys: a name or a domain the list gives).
 */

/** The accounts the target list names, with the best tier it gives them ('' for none). */
const TARGETS = `
  tgt AS (
    SELECT id, MIN(tier) AS tier FROM (
      SELECT k.account_id AS id, COALESCE(t.tier, '') AS tier FROM target_accounts t JOIN account_keys k ON k.key = 'n:' || t.key
      UNION ALL
      SELECT k.account_id, COALESCE(t.tier, '') FROM target_accounts t JOIN account_keys k ON k.key = 'd:' || t.domain
      WHERE t.domain IS NOT NULL
    ) GROUP BY id
  )`;

/** What an account's leads add up to; a person met at two events counts once. */
const AGGREGATE = `
  SELECT l.account_id AS id, COUNT(DISTINCT COALESCE(l.person_id, l.id)) AS leadCount,
    COUNT(DISTINCT l.event_id) AS eventCount, MIN(l.grade) AS bestGrade, MAX(l.score) AS bestScore,
    SUM(l.score) AS totalScore, GROUP_CONCAT(DISTINCT l.status) AS statuses,
    GROUP_CONCAT(DISTINCT l.owner) AS owners, MAX(l.updated_at) AS lastTouchAt
  FROM leads l WHERE l.account_id IS NOT NULL AND l.deleted_at IS NULL`;

/**
 * What each column sorts by, and its type (a cursor's value is checked against it). None is
 * ever null: an account is listed only with at least one live lead, which has a grade, a score
 * and an update time.
 */
const SORT_SQL: Record<AccountListInput['sort']['column'], { sql: string; type: 'text' | 'int' }> = {
  name: { sql: 'a.name', type: 'text' },
  leadCount: { sql: 'agg.leadCount', type: 'int' },
  // A before D: the best grade is the smallest letter, so "best first" is ascending.
  bestGrade: { sql: 'agg.bestGrade', type: 'text' },
  bestScore: { sql: 'agg.bestScore', type: 'int' },
  totalScore: { sql: 'agg.totalScore', type: 'int' },
  lastTouchAt: { sql: 'agg.lastTouchAt', type: 'int' },
  target: { sql: '(tgt.id IS NOT NULL)', type: 'int' },
};

interface SummaryRow {
  id: string;
  name: string;
  domain: string | null;
  target: number;
  tier: string | null;
  leadCount: number | null;
  eventCount: number | null;
  bestGrade: Grade | null;
  bestScore: number | null;
  totalScore: number | null;
  statuses: string | null;
  owners: string | null;
  lastTouchAt: number | null;
  total?: number;
}

const toSummary = (row: SummaryRow): AccountSummary => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  target: row.target === 1,
  tier: row.tier === '' ? null : row.tier,
  leadCount: row.leadCount ?? 0,
  eventCount: row.eventCount ?? 0,
  bestGrade: row.bestGrade,
  bestScore: row.bestScore ?? 0,
  totalScore: row.totalScore ?? 0,
  statuses: (row.statuses?.split(',') ?? []) as LeadStatus[],
  owners: row.owners?.split(',') ?? [],
  lastTouchAt: row.lastTouchAt === null ? null : iso(row.lastTouchAt),
});

const SELECT_SUMMARY = `a.id, a.name, a.domain, tgt.id IS NOT NULL AS target, tgt.tier AS tier, agg.leadCount, agg.eventCount,
  agg.bestGrade, agg.bestScore, agg.totalScore, agg.statuses, agg.owners, agg.lastTouchAt`;

export function accountStore(sqlite: Database.Database) {
  const one = sqlite.prepare(
    `WITH ${TARGETS}, agg AS (${AGGREGATE} AND l.account_id = @id GROUP BY l.account_id)
     SELECT ${SELECT_SUMMARY} FROM accounts a LEFT JOIN agg ON agg.id = a.id LEFT JOIN tgt ON tgt.id = a.id WHERE a.id = @id`,
  );
  const account = sqlite.prepare('SELECT id, name, name_key AS nameKey, domain, merged_into AS mergedInto FROM accounts WHERE id = ?');
  const keys = sqlite.prepare('SELECT key, manual FROM account_keys WHERE account_id = ? ORDER BY key');
  const people = sqlite.prepare(
    `SELECT l.id AS leadId, l.person_id AS personId, l.event_id AS eventId, e.name AS eventName, l.full_name AS fullName,
       l.family_name AS familyName, l.given_name AS givenName, l.company, l.title, l.email, l.grade, l.score, l.status,
       l.owner, l.captured_at AS capturedAt
     FROM leads l INDEXED BY leads_account JOIN events e ON e.id = l.event_id
     WHERE l.account_id = ? AND l.deleted_at IS NULL ORDER BY l.captured_at DESC, l.id LIMIT 1000`,
  );
  const leadIds = sqlite.prepare('SELECT id FROM leads INDEXED BY leads_account WHERE account_id = ? AND deleted_at IS NULL').pluck();
  const named = sqlite.prepare(
    `WITH ${TARGETS} SELECT a.id, a.name, a.domain, tgt.id IS NOT NULL AS target, tgt.tier AS tier
     FROM accounts a LEFT JOIN tgt ON tgt.id = a.id WHERE a.id IN (SELECT value FROM json_each(?))`,
  );
  const targets = sqlite.prepare(`WITH ${TARGETS} SELECT id AS accountId, tier FROM tgt ORDER BY id`);
  const lists = new Map<string, Database.Statement>();

  return {
    /**
     * One page of the list in the sort's order, then the name, then the id. Keyset: the page
     * after a cursor starts strictly after the row it names, so paging through thousands of
     * accounts neither repeats nor skips one. The total counts every account the filter keeps
     * (the window runs before the cursor's condition).
     */
    list(input: AccountListInput): AccountPage {
      const where: string[] = [];
      const params: unknown[] = [];
      if (input.eventId) params.push(input.eventId);
      if (input.target !== undefined) where.push(input.target ? 'tgt.id IS NOT NULL' : 'tgt.id IS NULL');
      if (input.query) {
        where.push("(a.name LIKE ? ESCAPE '\\' OR a.domain LIKE ? ESCAPE '\\')");
        const like = `%${input.query.replace(/[\\%_]/gu, '\\$&')}%`;
        params.push(like, like);
      }
      const sort = SORT_SQL[input.sort.column];
      const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
      let after = '';
      if (input.after) {
        const cursor = decodeAccountCursor(input.after, input.sort);
        if (!cursor || typeof cursor.value !== (sort.type === 'int' ? 'number' : 'string')) {
          throw new AppError('accounts.bad_cursor', 'This page cursor cannot continue the list; load it again from the top');
        }
        after = `WHERE (sortValue ${dir === 'ASC' ? '>' : '<'} ? OR (sortValue = ? AND (name > ? OR (name = ? AND id > ?))))`;
        params.push(cursor.value, cursor.value, cursor.name, cursor.name, cursor.id);
      }
      const sql = `WITH ${TARGETS}, agg AS (${AGGREGATE}${input.eventId ? ' AND l.event_id = ?' : ''} GROUP BY l.account_id),
        listed AS (
          SELECT ${SELECT_SUMMARY}, ${sort.sql} AS sortValue, COUNT(*) OVER () AS total
          FROM agg JOIN accounts a ON a.id = agg.id LEFT JOIN tgt ON tgt.id = a.id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
        SELECT * FROM listed ${after} ORDER BY sortValue ${dir}, name, id LIMIT ? OFFSET ?`;
      let stmt = lists.get(sql);
      if (!stmt) lists.set(sql, (stmt = sqlite.prepare(sql)));
      const rows = stmt.all(...params, input.limit, input.after ? 0 : input.offset) as (SummaryRow & { sortValue: string | number })[];
      const last = rows.at(-1);
      return {
        total: rows[0]?.total ?? 0,
        rows: rows.map(toSummary),
        next: last && rows.length === input.limit ? encodeAccountCursor({ sort: input.sort, value: last.sortValue, name: last.name, id: last.id }) : null,
      };
    },
    summary(id: string): AccountSummary | undefined {
      const row = one.get({ id }) as SummaryRow | undefined;
      return row && toSummary(row);
    },
    account: (id: string) =>
      account.get(id) as { id: string; name: string; nameKey: string | null; domain: string | null; mergedInto: string | null } | undefined,
    keys(id: string): AccountKey[] {
      return (keys.all(id) as { key: string; manual: number }[]).map(({ key, manual }) => ({
        key,
        kind: key.startsWith('d:') ? 'domain' : 'name',
        value: key.slice(2),
        manual: manual === 1,
      }));
    },
    people(id: string): AccountPerson[] {
      type Row = Omit<AccountPerson, 'name' | 'capturedAt'> & { fullName: string | null; familyName: string | null; givenName: string | null; capturedAt: number };
      return (people.all(id) as Row[]).map(({ fullName, familyName, givenName, capturedAt, ...rest }) => ({
        ...rest,
        name: fullName ?? joinName(familyName ?? undefined, givenName ?? undefined) ?? null,
        capturedAt: iso(capturedAt),
      }));
    },
    leadIds: (id: string) => leadIds.all(id) as string[],
    names(ids: readonly string[]): AccountName[] {
      type Row = { id: string; name: string; domain: string | null; target: number; tier: string | null };
      return (named.all(JSON.stringify(ids)) as Row[]).map((row) => ({ ...row, target: row.target === 1, tier: row.tier || null }));
    },
    targets(): TargetAccount[] {
      return (targets.all() as { accountId: string; tier: string }[]).map(({ accountId, tier }) => ({ accountId, tier: tier || null }));
    },
  };
}
export type AccountStore = ReturnType<typeof accountStore>;
