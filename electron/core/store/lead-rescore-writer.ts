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

/**
 * The columns a re-score reads, in the order `scoringRow` takes them. A re-score reads every
 * live lead, so rows come as arrays and become objects in one literal of known fields:
 * better-sqlite3 builds an object row by setting each column as a property, which cost more
 * than all of the derivation (2.0 s of CPU against 0.6 s for 100,000 leads on this VM).
 */
const SCORING_SELECT = `l.rowid, l.id, l.event_id, l.badge_id, l.full_name, l.family_name, l.given_name,
  l.family_name_kana, l.given_name_kana, l.company, l.department, l.title, l.email, l.phone, l.url, l.rating,
  l.answers, l.consent_version, l.status, l.touch_count, l.captured_at, l.company_key, l.score, l.grade,
  l.follow_up_due, l.ready_at, l.deleted_at, l.person_id, l.merged_into`;

/** One array row of SCORING_SELECT as a ScoringRow: the types are the columns' (db/schema.ts). */
const scoringRow = (r: any[]): ScoringRow => ({
  rowid_: r[0], id: r[1], eventId: r[2], badgeId: r[3], fullName: r[4], familyName: r[5], givenName: r[6],
  familyNameKana: r[7], givenNameKana: r[8], company: r[9], department: r[10], title: r[11], email: r[12],
  phone: r[13], url: r[14], rating: r[15], answers: r[16], consentVersion: r[17], status: r[18],
  touchCount: r[19], capturedAt: r[20], companyKey: r[21], score: r[22], grade: r[23], followUpDue: r[24],
  readyAt: r[25], deletedAt: r[26], personId: r[27], mergedInto: r[28],
});

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
  const after = sqlite
    .prepare(`SELECT ${SCORING_SELECT} FROM leads l WHERE l.rowid > ? AND l.deleted_at IS NULL ORDER BY l.rowid LIMIT ?`)
    .raw(true);
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
    after: (rowid: number, limit: number): ScoringRow[] => (after.all(rowid, limit) as unknown[][]).map(scoringRow),

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
