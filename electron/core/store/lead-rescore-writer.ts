import type Database from 'better-sqlite3';
import type { DerivedValues } from '../../../shared/lead/derive';
import { autoStatus, passesMql, type MqlThresholds } from '../../../shared/triage/status';
import type { FullLeadRow, LeadValues } from './lead-store';
import type { WrittenLead } from './lead-writer';

/**
 * The lead writer's batch entry point for a rule change (the re-score), kept apart so the lead
 * writer file can re-export it: every lead is re-derived, and a rule change moves only score,
 * grade and the follow-up clock. For a lead whose status those cannot move, this writes just
 * them, with no account or person linking (a rule change never changes the company, email,
 * name or phone they read) and no copy of the row. Every other lead (one the new values make
 * MQL, one whose company key changed) goes through the writer's own `rederive`, which decides
 * status, owner and links in one place.
 */

/** What derivation reads (shared/lead/derive.ts), what it writes, and what delivery is told. */
export type ScoringRow = Pick<
  FullLeadRow,
  | 'id' | 'eventId' | 'badgeId' | 'fullName' | 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'
  | 'company' | 'department' | 'title' | 'email' | 'phone' | 'url' | 'rating' | 'answers' | 'consentVersion'
  | 'status' | 'touchCount' | 'capturedAt' | 'companyKey' | 'score' | 'grade' | 'followUpDue'
  | 'readyAt' | 'deletedAt' | 'personId' | 'mergedInto'
> & { rowid_: number };

const SCORING_COLUMNS = {
  id: 'id', eventId: 'event_id', badgeId: 'badge_id', fullName: 'full_name', familyName: 'family_name',
  givenName: 'given_name', familyNameKana: 'family_name_kana', givenNameKana: 'given_name_kana', company: 'company',
  department: 'department', title: 'title', email: 'email', phone: 'phone', url: 'url', rating: 'rating',
  answers: 'answers', consentVersion: 'consent_version', status: 'status', touchCount: 'touch_count',
  capturedAt: 'captured_at', companyKey: 'company_key', score: 'score', grade: 'grade', followUpDue: 'follow_up_due',
  readyAt: 'ready_at', deletedAt: 'deleted_at', personId: 'person_id', mergedInto: 'merged_into',
} as const satisfies Record<Exclude<keyof ScoringRow, 'rowid_'>, string>;

/** The values a rule change moves, as this path writes them. */
export type RescoredValues = Pick<LeadValues, 'score' | 'grade' | 'followUpDue'>;

/**
 * Whether the writer must settle this lead: its company key moved (its account may follow), or
 * the new values move its status, as the writer's settle decides it for a re-derive: a lead
 * that did not pass the MQL thresholds and does now becomes MQL from new, working or nurture
 * (and is assigned an owner then); one that passed before is never moved again by rules.
 */
export function needsWriter(row: ScoringRow, derived: DerivedValues, mql: MqlThresholds): boolean {
  if (derived.companyKey !== row.companyKey) return true;
  return !passesMql(row, mql) && autoStatus({ status: row.status, grade: derived.grade, score: derived.score }, mql) !== row.status;
}

/** The derived values that differ from the row's, or null when none does. */
export function rescoredValues(row: ScoringRow, derived: DerivedValues): RescoredValues | null {
  const out: RescoredValues = {};
  if (derived.score !== row.score) out.score = derived.score;
  if (derived.grade !== row.grade) out.grade = derived.grade;
  if (derived.followUpDue !== row.followUpDue) out.followUpDue = derived.followUpDue;
  return Object.keys(out).length === 0 && derived.companyKey === row.companyKey ? null : out;
}

const COLUMN: Record<keyof RescoredValues, string> = { score: 'score', grade: 'grade', followUpDue: 'follow_up_due' };

export function leadRescoreWriter(sqlite: Database.Database, onWritten: (lead: WrittenLead) => void) {
  const select = Object.entries(SCORING_COLUMNS).map(([key, col]) => `l.${col} AS ${key}`).join(', ');
  const after = sqlite.prepare(
    `SELECT l.rowid AS rowid_, ${select} FROM leads l WHERE l.rowid > ? AND l.deleted_at IS NULL ORDER BY l.rowid LIMIT ?`,
  );
  // One statement per set of columns (at most seven): only what changed is written, so an
  // unchanged score leaves its index entry alone.
  const updates = new Map<string, Database.Statement>();
  const update = (keys: (keyof RescoredValues)[]) => {
    const name = keys.join(',');
    let stmt = updates.get(name);
    if (!stmt) updates.set(name, (stmt = sqlite.prepare(`UPDATE leads SET ${keys.map((k) => `${COLUMN[k]} = @${k}`).join(', ')} WHERE rowid = @rowid_`)));
    return stmt;
  };

  return {
    /** Live leads in storage order after a rowid, with only the columns a re-score reads. */
    after: (rowid: number, limit: number) => after.all(rowid, limit) as ScoringRow[],

    /**
     * Inside the writer's transaction: the new derived values of a lead `needsWriter` let
     * through. updated_at stays (no person changed the lead); delivery hears of it as of any
     * write, so a lead already in a CRM sends its new score.
     */
    write(row: ScoringRow, values: RescoredValues): void {
      if (!sqlite.inTransaction) throw new Error('Lead writes run inside writer.transaction()');
      const keys = Object.keys(values) as (keyof RescoredValues)[];
      if (keys.length === 0) return;
      update(keys).run({ ...values, rowid_: row.rowid_ });
      onWritten({
        id: row.id, eventId: row.eventId, status: row.status, readyAt: row.readyAt, deleted: row.deletedAt !== null,
        personId: row.personId, mergedInto: row.mergedInto,
      });
    },
  };
}
export type LeadRescoreWriter = ReturnType<typeof leadRescoreWriter>;
