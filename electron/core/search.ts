/**
 * Builds the WHERE clause of a lead text search. FTS5's trigram tokenizer finds substrings of
 * 3+ characters through the index, which suits Japanese (no word boundaries); a 1–2 character
 * query (a family name like 林 or 森) cannot use it, so it scans with LIKE instead.
 */
export function leadSearchClause(query: string | undefined): { sql: string; params: string[] } {
  const q = query?.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  if (!q) return { sql: '', params: [] };
  const terms = q.split(' ');
  const clauses: string[] = [];
  const params: string[] = [];
  for (const term of terms) {
    if ([...term].length >= 3) {
      clauses.push('l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)');
      params.push(`"${term.replace(/"/gu, '""')}"`);
    } else {
      const like = `%${term.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
      clauses.push(
        "(l.full_name LIKE ? ESCAPE '\\' OR l.family_name_kana || l.given_name_kana LIKE ? ESCAPE '\\' OR l.company LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\' OR l.badge_id LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like, like, like);
    }
  }
  return { sql: ` AND ${clauses.join(' AND ')}`, params };
}
