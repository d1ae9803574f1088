/**
 * Lead text search. FTS5's trigram tokenizer finds substrings of 3+ characters through the
 * index, which suits Japanese (no word boundaries); a 1–2 character term (a family name like
 * 林 or 森) cannot use it and is matched with LIKE instead.
 */
export interface LeadSearch {
  /** An FTS5 MATCH expression ANDing every term of 3+ characters, or null. */
  match: string | null;
  /** LIKE patterns for the shorter terms, each to match one of the searchable columns. */
  likes: string[];
  /**
   * For a query of several short terms ("山田 太郎"): the terms as one phrase, with and
   * without the space. A full name typed either way is what people search for most, and the
   * index finds it at once; only when it finds nothing do the terms scan one by one.
   */
  phrase: string | null;
}

export function parseLeadSearch(query: string | undefined): LeadSearch | null {
  const q = query?.normalize('NFKC').trim().replace(/\s+/gu, ' ');
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

export const LIKE_CLAUSE =
  "(l.full_name LIKE ? ESCAPE '\\' OR coalesce(l.family_name_kana, '') || coalesce(l.given_name_kana, '') LIKE ? ESCAPE '\\' OR l.company LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\' OR l.badge_id LIKE ? ESCAPE '\\')";
export const LIKE_PARAMS = 5;

/** The search as a WHERE fragment over `leads l`, for callers that take every match (export). */
export function leadSearchClause(query: string | undefined): { sql: string; params: string[] } {
  const search = parseLeadSearch(query);
  if (!search) return { sql: '', params: [] };
  const sql =
    (search.match ? ' AND l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)' : '') +
    search.likes.map(() => ` AND ${LIKE_CLAUSE}`).join('');
  const params = [
    ...(search.match ? [search.match] : []),
    ...search.likes.flatMap((like) => Array<string>(LIKE_PARAMS).fill(like)),
  ];
  return { sql, params };
}
