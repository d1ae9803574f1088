import type Database from 'better-sqlite3';
import type { DoorCounts, DoorList, DoorPerson } from '../../shared/door/api';
import type { AttendanceEntry, AttendanceImport } from '../../shared/door/attendance';
import { doorSearchTerms, likeContains, likePrefix, type DoorSearchTerms } from '../../shared/door/search';
import { iso } from '../../shared/time';

/**
 * The door's SQL: reads of roster_entries, with the leads and touches that say who checked
 * a registrant in. Nothing here writes: a check-in goes through the capture pipeline.
 */

/**
 * Whether a row (roster entry `r` or lead `l`, which name these columns alike) matches the
 * search. Plain LIKE over the event's rows, no index (a "contains" search cannot use a b-tree
 * one): the cost is one pass over the rows plus one comparison per expression, so only the
 * comparisons that can match are made. A query without kana cannot match a reading, one that
 * is not ASCII cannot be an email or a badge id, and a query without ASCII letters has no case
 * to ignore, so instr() (a byte search, far cheaper than LIKE) does.
 */
function matchSql(a: 'r' | 'l', terms: DoorSearchTerms): string {
  const hasKana = /[\u3041-\u30ff]/u.test(terms.katakana);
  const ascii = /^[\x20-\x7e]+$/u.test(terms.text);
  const caseless = !/[A-Za-z]/u.test(terms.text);
  const contains = (expr: string, param: string) =>
    caseless ? `instr(${expr}, @${param}_raw) > 0` : `${expr} LIKE @${param} ESCAPE '\\'`;
  const name = `replace(${a}.full_name, ' ', '')`;
  const or = [contains(name, 'compact'), contains(`${a}.company`, 'text')];
  // Katakana in names and companies (サンプル) is found by hiragana typed at the door too.
  if (terms.katakana !== terms.compact) or.push(contains(name, 'kata'), contains(`${a}.company`, 'kata'));
  if (terms.hiragana !== terms.compact) or.push(contains(name, 'hira'));
  if (hasKana) or.push(contains(`replace(coalesce(${a}.family_name_kana, '') || coalesce(${a}.given_name_kana, ''), ' ', '')`, 'kata'));
  if (ascii) or.push(contains(`${a}.email`, 'text'), contains(`${a}.badge_id`, 'text'));
  return `(${or.join(' OR ')})`;
}

interface Search {
  terms: DoorSearchTerms;
  params: Record<string, string>;
}

function searchOf(query: string | undefined): Search | null {
  const terms = doorSearchTerms(query);
  if (!terms) return null;
  return {
    terms,
    params: {
      compact: likeContains(terms.compact),
      kata: likeContains(terms.katakana),
      hira: likeContains(terms.hiragana),
      text: likeContains(terms.text),
      compact_raw: terms.compact,
      kata_raw: terms.katakana,
      hira_raw: terms.hiragana,
      text_raw: terms.text,
    },
  };
}

const PERSON = (a: 'r' | 'l') => `${a}.full_name AS fullName, ${a}.family_name AS familyName, ${a}.given_name AS givenName,
  ${a}.family_name_kana AS familyNameKana, ${a}.given_name_kana AS givenNameKana, ${a}.company, ${a}.email`;

// The lead a check-in wrote, found the way capture finds it (event + badge id; the partial
// unique index needs `deleted_at IS NULL` spelled out), and the staff of its first check-in touch.
const REGISTRANT_FROM = `roster_entries r
  LEFT JOIN leads l ON r.checked_in_at IS NOT NULL AND l.event_id = r.event_id AND l.badge_id = r.badge_id AND l.deleted_at IS NULL`;
const CHECKED_IN_BY = `(SELECT t.staff FROM touches t WHERE t.lead_id = l.id AND t.kind = 'checkin' ORDER BY t.at, t.id LIMIT 1)`;
const REGISTRANT_SELECT = `'registered' AS kind, r.badge_id AS badgeId, l.id AS leadId, ${PERSON('r')},
  r.checked_in_at AS checkedInAt, ${CHECKED_IN_BY} AS checkedInBy`;
const WALK_IN_SELECT = `'walk_in' AS kind, l.badge_id AS badgeId, l.id AS leadId, ${PERSON('l')},
  l.captured_at AS checkedInAt, l.captured_by AS checkedInBy`;
const WALK_INS = `leads l WHERE l.event_id = @eventId AND l.walk_in = 1 AND l.deleted_at IS NULL`;

type PersonRow = Omit<DoorPerson, 'checkedInAt'> & { checkedInAt: number | null };
const toPerson = (row: PersonRow): DoorPerson => ({
  ...row,
  checkedInAt: row.checkedInAt === null ? null : iso(row.checkedInAt),
});

const LISTS: Record<Exclude<DoorList, 'walk_ins'>, { where: string; order: string }> = {
  // The organizer's order: the list reads like their file.
  registered: { where: '', order: 'r.id' },
  // Newest first: the person who just came in is at the top.
  attended: { where: 'AND r.checked_in_at IS NOT NULL', order: 'r.checked_in_at DESC, r.id DESC' },
  not_arrived: { where: 'AND r.checked_in_at IS NULL', order: 'r.id' },
};

export function doorStore(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  // A handful of shapes (list × filtered or not), each prepared once.
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const eventById = sqlite.prepare('SELECT name, kind FROM events WHERE id = ?');
  const byBadge = sqlite.prepare(
    `SELECT ${REGISTRANT_SELECT} FROM ${REGISTRANT_FROM} WHERE r.event_id = ? AND r.badge_id = ?`,
  );

  function registrantByBadge(eventId: string, badgeId: string): DoorPerson | undefined {
    const row = byBadge.get(eventId, badgeId) as PersonRow | undefined;
    return row && toPerson(row);
  }

  function counts(eventId: string, query: string | undefined): DoorCounts {
    const search = searchOf(query);
    const match = (a: 'r' | 'l') => (search ? `AND ${matchSql(a, search.terms)}` : '');
    const bind = { eventId, ...search?.params };
    const roster = prepare(
      `SELECT count(*) AS registered, count(r.checked_in_at) AS attended FROM roster_entries r
       WHERE r.event_id = @eventId ${match('r')}`,
    ).get(bind) as { registered: number; attended: number };
    const walkIns = prepare(`SELECT count(*) FROM ${WALK_INS} ${match('l')}`).pluck().get(bind) as number;
    return {
      registered: roster.registered,
      attended: roster.attended,
      walk_ins: walkIns,
      not_arrived: roster.registered - roster.attended,
    };
  }

  function list(eventId: string, which: DoorList, query: string | undefined, offset: number, limit: number): DoorPerson[] {
    const search = searchOf(query);
    const bind = { eventId, offset, limit, ...search?.params };
    if (which === 'walk_ins') {
      const match = search ? `AND ${matchSql('l', search.terms)}` : '';
      return (
        prepare(`SELECT ${WALK_IN_SELECT} FROM ${WALK_INS} ${match} ORDER BY l.captured_at DESC, l.id DESC LIMIT @limit OFFSET @offset`)
          .all(bind) as PersonRow[]
      ).map(toPerson);
    }
    const { where, order } = LISTS[which];
    const match = search ? `AND ${matchSql('r', search.terms)}` : '';
    return (
      prepare(
        `SELECT ${REGISTRANT_SELECT} FROM ${REGISTRANT_FROM}
         WHERE r.event_id = @eventId ${where} ${match} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      ).all(bind) as PersonRow[]
    ).map(toPerson);
  }

  /**
   * Registrants matching the query for the check-in search: those whose badge id starts with
   * it, then whose name or reading does, then the rest, each in the organizer's order.
   */
  function search(eventId: string, query: string, limit: number): DoorPerson[] {
    const search = searchOf(query);
    if (!search) return [];
    const { terms, params } = search;
    return (
      prepare(
        `SELECT ${REGISTRANT_SELECT},
           CASE WHEN r.badge_id LIKE @badgePrefix ESCAPE '\\' THEN 0
                WHEN replace(r.full_name, ' ', '') LIKE @namePrefix ESCAPE '\\'
                  OR replace(coalesce(r.family_name_kana, '') || coalesce(r.given_name_kana, ''), ' ', '') LIKE @kanaPrefix ESCAPE '\\' THEN 1
                ELSE 2 END AS rank
         FROM ${REGISTRANT_FROM}
         WHERE r.event_id = @eventId AND ${matchSql('r', terms)}
         ORDER BY rank, r.id LIMIT @limit`,
      ).all({
        eventId,
        limit,
        ...params,
        badgePrefix: likePrefix(terms.text),
        namePrefix: likePrefix(terms.compact),
        kanaPrefix: likePrefix(terms.katakana),
      }) as (PersonRow & { rank: number })[]
    ).map(({ rank: _rank, ...row }) => toPerson(row));
  }

  const imports = sqlite.prepare('SELECT id, headers FROM roster_imports WHERE event_id = ? ORDER BY id');
  const attendance = sqlite.prepare(
    `SELECT r.import_id AS importId, r.raw, r.checked_in_at AS checkedInAt, ${CHECKED_IN_BY} AS checkedInBy
     FROM ${REGISTRANT_FROM} WHERE r.event_id = ? ORDER BY r.id`,
  );

  return {
    event: (eventId: string) => eventById.get(eventId) as { name: string; kind: 'tradeshow' | 'seminar' } | undefined,
    registrantByBadge,
    counts,
    list,
    search,
    attendanceImports: (eventId: string): AttendanceImport[] =>
      (imports.all(eventId) as { id: number; headers: string }[]).map((row) => ({
        id: row.id,
        headers: JSON.parse(row.headers) as string[],
      })),
    attendanceEntries: (eventId: string) => attendance.all(eventId) as AttendanceEntry[],
  };
}
export type DoorStore = ReturnType<typeof doorStore>;
