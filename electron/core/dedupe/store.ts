import type Database from 'better-sqlite3';
import type { PairState } from '../../../shared/dedupe/api';
import { pairKey } from '../../../shared/dedupe/scan';
import type { MergePersonLinks } from '../store/lead-merge';

/**
 * The SQL of 名寄せ beyond the lead rows (which only the lead writer writes): probes for a
 * lead's candidates by its keys (partial indexes on email_key and name_key: a capture pays two
 * index lookups), the persons table, and the pairs a person decided or the rules suggested.
 */

/** A lead as the rules (DedupeSubject) and the scan (ScanLead) read it, as the probes and the scan select it. */
export interface SubjectRow {
  id: string;
  eventId: string;
  personId: string | null;
  emailKey: string | null;
  nameKey: string | null;
  phoneKey: string | null;
  accountId: string | null;
  companyKey: string | null;
  familyNameKana: string | null;
  givenNameKana: string | null;
  capturedAt: number;
}

export const SUBJECT_SELECT = `l.id, l.event_id AS eventId, l.person_id AS personId, l.email_key AS emailKey,
  l.name_key AS nameKey, l.phone_key AS phoneKey, l.account_id AS accountId, l.company_key AS companyKey,
  l.family_name_kana AS familyNameKana, l.given_name_kana AS givenNameKana, l.captured_at AS capturedAt`;

/** Enough candidates for any real name; a name shared by more is compared with the oldest of them. */
const PROBE_LIMIT = 50;

/** What a candidate probe reads of a lead: its keys, and the company and phone a namesake must share. */
export type CandidateProbe = Pick<SubjectRow, 'id' | 'emailKey' | 'nameKey' | 'phoneKey' | 'accountId' | 'companyKey'>;

export interface PairRow {
  leadA: string;
  leadB: string;
  scope: 'event' | 'person';
  rule: string;
  state: PairState;
}

export function dedupeStore(sqlite: Database.Database) {
  const byEmail = sqlite.prepare(
    `SELECT ${SUBJECT_SELECT} FROM leads l WHERE l.email_key = ? AND l.deleted_at IS NULL AND l.id <> ? ORDER BY l.captured_at, l.id LIMIT ${PROBE_LIMIT}`,
  );
  // Only the namesakes the rules could call the same person (shared/dedupe/rules.ts: the same
  // phone, or one company: the same account, or the same company name when either has no
  // account). A common name (佐藤 健太) has hundreds of namesakes across a team's events;
  // the others are passed over inside SQLite instead of each being read, copied and
  // classified at every capture.
  const byName = sqlite.prepare(
    `SELECT ${SUBJECT_SELECT} FROM leads l WHERE l.name_key = @nameKey AND l.deleted_at IS NULL AND l.id <> @id
       AND (l.phone_key = @phoneKey OR l.account_id = @accountId
         OR ((@accountId IS NULL OR l.account_id IS NULL) AND l.company_key = @companyKey))
     ORDER BY l.captured_at, l.id LIMIT ${PROBE_LIMIT}`,
  );
  const insertPerson = sqlite.prepare('INSERT INTO persons (id, created_at) VALUES (?, ?)');
  const mergePerson = sqlite.prepare('UPDATE persons SET merged_into = ? WHERE id = ?');
  const unmergePerson = sqlite.prepare('UPDATE persons SET merged_into = NULL WHERE id = ? AND merged_into = ?');
  const notePersonLinks = sqlite.prepare("UPDATE merges SET snapshot = json_set(snapshot, '$.personLinks', json(?)) WHERE id = ?");
  const leadsOfPerson = sqlite.prepare('SELECT id FROM leads WHERE person_id = ? AND deleted_at IS NULL').pluck();
  const getPair = sqlite.prepare(
    'SELECT lead_a AS leadA, lead_b AS leadB, scope, rule, state FROM duplicate_pairs WHERE lead_a = ? AND lead_b = ?',
  );
  const upsertPair = sqlite.prepare(`
    INSERT INTO duplicate_pairs (lead_a, lead_b, scope, rule, state, decided_by, decided_at, created_at)
    VALUES (@a, @b, @scope, @rule, @state, @by, @decidedAt, @at)
    ON CONFLICT (lead_a, lead_b) DO UPDATE SET rule = excluded.rule, state = excluded.state,
      decided_by = excluded.decided_by, decided_at = excluded.decided_at`);
  const dismissed = sqlite.prepare("SELECT lead_a AS a, lead_b AS b FROM duplicate_pairs WHERE state = 'dismissed'");
  const undone = sqlite.prepare("SELECT lead_a AS a, lead_b AS b FROM duplicate_pairs WHERE state = 'undone'");
  const allSubjects = sqlite.prepare(
    `SELECT ${SUBJECT_SELECT} FROM leads l WHERE l.deleted_at IS NULL AND (l.email_key IS NOT NULL OR l.name_key IS NOT NULL)`,
  );
  const eventSubjects = sqlite.prepare(
    `SELECT ${SUBJECT_SELECT} FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL AND (l.email_key IS NOT NULL OR l.name_key IS NOT NULL)`,
  );

  return {
    /**
     * Live leads the rules could match with this one, oldest first, without the lead itself:
     * those sharing its email key, and its namesakes at the same company or phone.
     */
    candidates(lead: CandidateProbe): SubjectRow[] {
      const byMail = lead.emailKey ? (byEmail.all(lead.emailKey, lead.id) as SubjectRow[]) : [];
      const named = lead.nameKey
        ? (byName.all({ nameKey: lead.nameKey, id: lead.id, phoneKey: lead.phoneKey, accountId: lead.accountId, companyKey: lead.companyKey }) as SubjectRow[])
        : [];
      // Usually one list or none: skip the merge and sort the capture would otherwise pay.
      if (named.length === 0) return byMail;
      if (byMail.length === 0) return named;
      const found = new Map<string, SubjectRow>();
      for (const row of byMail) found.set(row.id, row);
      for (const row of named) found.set(row.id, row);
      return [...found.values()].sort((x, y) => x.capturedAt - y.capturedAt || (x.id < y.id ? -1 : 1));
    },
    newPerson(id: string, at: number): string {
      insertPerson.run(id, at);
      return id;
    },
    /** Two persons found to be one: the old id points at the one that stays. */
    mergePerson: (from: string, into: string) => void mergePerson.run(into, from),
    /** A person merge taken back (undoing the lead merge that made it), unless something merged it elsewhere since. */
    unmergePerson: (from: string, into: string) => void unmergePerson.run(from, into),
    /** The person links a lead merge brought about, kept in its record for undo (lead-merge.ts MergeSnapshot). */
    notePersonLinks: (mergeId: string, links: MergePersonLinks) => void notePersonLinks.run(JSON.stringify(links), mergeId),
    leadsOfPerson: (personId: string) => leadsOfPerson.all(personId) as string[],
    pair(x: string, y: string): PairRow | undefined {
      const [a, b] = pairKey(x, y);
      return getPair.get(a, b) as PairRow | undefined;
    },
    setPair(x: string, y: string, p: { scope: 'event' | 'person'; rule: string; state: PairState; by: string | null; at: number; decided: boolean }) {
      const [a, b] = pairKey(x, y);
      upsertPair.run({ a, b, scope: p.scope, rule: p.rule, state: p.state, by: p.by, decidedAt: p.decided ? p.at : null, at: p.at });
    },
    /** The pairs a person told apart, and merges undone: `a\0b`. */
    decidedApart(): { dismissed: Set<string>; undone: Set<string> } {
      const keys = (rows: { a: string; b: string }[]) => new Set(rows.map((r) => `${r.a}\u0000${r.b}`));
      return { dismissed: keys(dismissed.all() as never), undone: keys(undone.all() as never) };
    },
    /**
     * Live leads with a key, in storage order (about capture order; sorting 100,000 rows took
     * longer than the scan): the scan's input, one event or everywhere.
     */
    subjects: (eventId?: string) => (eventId ? eventSubjects.all(eventId) : allSubjects.all()) as SubjectRow[],
  };
}
export type DedupeStore = ReturnType<typeof dedupeStore>;
