import { toHiragana } from '../../shared/door/kana';
import { foldSearchText } from '../../shared/triage/query-text';

/**
 * Lead text search. FTS5's trigram tokenizer finds substrings of 3+ characters through the
 * index, which suits Japanese (no word boundaries); a 1–2 character term (a family name like
 * 林 or 森) cannot use it and is matched with LIKE instead.
 *
 * The index holds text folded by foldSearchText (NFKC, kana as katakana: search-index.ts), and
 * a query is folded the same way, so やまだ finds ヤマダ and ﾔﾏﾀﾞ finds both. LIKE reads the
 * stored columns, which are NFKC already (shared/normalize/text.ts) with readings in katakana
 * but names and companies as written: a short kana term is tried as katakana and as hiragana.
 */
export interface LeadSearch {
  /** An FTS5 MATCH expression ANDing every term of 3+ characters, or null. */
  match: string | null;
  /** LIKE patterns for the shorter terms (folded), each to match one of the searchable columns. */
  likes: string[];
  /**
   * For a query of several short terms ("山田 太郎"): the terms as one phrase, with and
   * without the space. A full name typed either way is what people search for most, and the
   * index finds it at once; only when it finds nothing do the terms scan one by one.
   */
  phrase: string | null;
}

export function parseLeadSearch(query: string | undefined): LeadSearch | null {
  const q = query === undefined ? '' : foldSearchText(query).trim().replace(/\s+/gu, ' ');
  if (!q) return null;
  const long: string[] = [];
  const likes: string[] = [];
  for (const term of q.split(' ')) {
    if ([...term].length >= 3) long.push(`"${term.replace(/"/gu, '""')}"`);
    else likes.push(`%${term.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`);
  }
  const terms = q.split(' ');
  const joined = terms.join('');
  const phrase =
    long.length === 0 && terms.length > 1 && [...joined].length >= 3
      ? `"${q.replace(/"/gu, '""')}" OR "${joined.replace(/"/gu, '""')}"`
      : null;
  return { match: long.length ? long.join(' AND ') : null, likes, phrase };
}

/** The search by its phrase alone (see LeadSearch.phrase), or null when it has none. */
export function byPhrase(search: LeadSearch): LeadSearch | null {
  return search.phrase ? { match: search.phrase, likes: search.likes, phrase: null } : null;
}

const LIKE_COLUMNS = [
  'l.full_name',
  "coalesce(l.family_name_kana, '') || coalesce(l.given_name_kana, '')",
  'l.company',
  'l.email',
  'l.badge_id',
];

/** One short term against every searchable column, as katakana and, if it has kana, as hiragana too. */
function likeTerm(pattern: string): { sql: string; params: string[] } {
  const variants = [...new Set([pattern, toHiragana(pattern)])];
  const params = variants.flatMap((p) => LIKE_COLUMNS.map(() => p));
  const sql = `(${variants.flatMap(() => LIKE_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`)).join(' OR ')})`;
  return { sql, params };
}

/** The short terms as AND-ed WHERE fragments over `leads l` (each starts with ' AND '). */
export function likeClauses(search: LeadSearch): { sql: string; params: string[] } {
  const terms = search.likes.map(likeTerm);
  return { sql: terms.map((t) => ` AND ${t.sql}`).join(''), params: terms.flatMap((t) => t.params) };
}

/** The search as a WHERE fragment over `leads l`, for callers that filter by it (export, the Triage table). */
export function searchClause(search: LeadSearch | null): { sql: string; params: string[] } {
  if (!search) return { sql: '', params: [] };
  const likes = likeClauses(search);
  const sql = (search.match ? ' AND l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)' : '') + likes.sql;
  return { sql, params: [...(search.match ? [search.match] : []), ...likes.params] };
}

/** The search as a WHERE fragment over `leads l`, for callers that take every match (export). */
export function leadSearchClause(query: string | undefined): { sql: string; params: string[] } {
  return searchClause(parseLeadSearch(query));
}
