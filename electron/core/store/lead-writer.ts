import type Database from 'better-sqlite3';
import { deriveLead, isTargetLead, type DerivedValues } from '../../../shared/lead/derive';
import type { TouchKind } from '../../../shared/model';
import { parseJsonObject } from '../../../shared/json-object';
import type { Answers } from '../../../shared/qualify/answers';
import { autoStatus, passesMql, type LeadStatus, type StatusSource } from '../../../shared/triage/status';
import type { TriageRules } from '../triage/rules-store';
import { leadStore, NEW_LEAD_DEFAULTS, type DerivableRow, type FullLeadRow, type LeadValues } from './lead-store';
import { statusStore } from './status-store';
import { touchStore, type NewTouch } from './touch-store';

/**
 * The one writer of lead rows. Every change to a lead (capture, qualification, edit, status,
 * owner, delete, restore, bundle merge, re-score) comes here, inside one IMMEDIATE transaction,
 * and the writer: writes the row, recomputes what derives from it (score, grade, follow-up
 * clock, company key: shared/lead/derive.ts), moves it to MQL when it first passes the
 * thresholds and gives it an owner then, records every status change, appends the touch, and
 * tells the composition root, which queues the outbox rows and marks the search index in the
 * same transaction. Nothing else writes the leads table.
 */

export interface TouchInput {
  kind: TouchKind;
  staff: string | null;
  detail: Record<string, unknown> | null;
  /** Defaults: a new UUIDv7, the write's time, this device. A bundle passes the other device's. */
  id?: string;
  at?: number;
  device?: string | null;
}

/** Who moved a lead's status, and why: kept in its status history. */
export interface StatusCause {
  source: StatusSource;
  actor: string | null;
  reason?: string | null;
}

/** What delivery needs to know of a lead just written: whether, and for whom, it is queued. */
export interface WrittenLead {
  id: string;
  eventId: string;
  status: LeadStatus;
  readyAt: number | null;
  deleted: boolean;
}

const writtenLead = (row: Pick<FullLeadRow, 'id' | 'eventId' | 'status' | 'readyAt' | 'deletedAt'>): WrittenLead => ({
  id: row.id, eventId: row.eventId, status: row.status, readyAt: row.readyAt, deleted: row.deletedAt !== null,
});

export interface LeadWriterEnv {
  newId: () => string;
  /** This device's id, for the touches it writes. */
  device: () => string;
  /** The scoring rules, thresholds and assignment as they are now. */
  rules: () => TriageRules;
  /** The teams' round-robin turns, read and written in the write's transaction. */
  roundRobin: { read: () => Record<string, string>; write: (state: Record<string, string>) => void };
  /** In the write's transaction: the outbox and the search index follow the lead. */
  onWritten: (lead: WrittenLead) => void;
}

/** Scans and check-ins are the touches that show interest again. */
const COUNTED: ReadonlySet<TouchKind> = new Set(['scan', 'checkin']);

export function leadWriter(sqlite: Database.Database, env: LeadWriterEnv) {
  const leads = leadStore(sqlite);
  const touches = touchStore(sqlite);
  const statuses = statusStore(sqlite);
  const countTouches = sqlite
    .prepare("SELECT count(*) FROM touches WHERE lead_id = ? AND kind IN ('scan', 'checkin')")
    .pluck();

  function inTransaction(): void {
    // A write outside a transaction could leave a lead without its touch or outbox row.
    if (!sqlite.inTransaction) throw new Error('Lead writes run inside writer.transaction()');
  }

  function derive(row: DerivableRow, rules: TriageRules): DerivedValues {
    return deriveLead({ ...row, answers: parseJsonObject(row.answers) as Answers }, rules.derive);
  }

  const passes = (row: Pick<FullLeadRow, 'grade' | 'score'>, rules: TriageRules) => passesMql(row, rules.settings.mql);

  /**
   * The derived columns of `next` and what follows from them: MQL the moment a lead first
   * passes the thresholds (a person who moves it back is not overruled on the next write), and
   * an owner by the assignment rules when it becomes MQL without one. Returns the columns that
   * differ from `next`, and records the status change. A caller settling many leads at once
   * (the re-score) passes the rules it read once, instead of a data_version check per lead.
   */
  function settle(
    before: DerivableRow | null,
    next: DerivableRow,
    at: number,
    cause: StatusCause | null,
    rules: TriageRules = env.rules(),
  ): LeadValues {
    const d = derive(next, rules);
    const out: LeadValues = {};
    if (d.companyKey !== next.companyKey) out.companyKey = d.companyKey;
    if (d.score !== next.score) out.score = d.score;
    if (d.grade !== next.grade) out.grade = d.grade;
    if (d.followUpDue !== next.followUpDue) out.followUpDue = d.followUpDue;
    // Most leads of a re-score keep their values: no copy of the row for them.
    const scored = Object.keys(out).length === 0 ? next : { ...next, ...out };

    let status = scored.status;
    let auto = false;
    const passedBefore = before !== null && passes(before, rules);
    if (!passedBefore && status === (before?.status ?? status) && passes(scored, rules)) {
      const moved = autoStatus(scored, rules.settings.mql);
      if (moved !== status) {
        status = moved;
        auto = true;
        out.status = moved;
      }
    }
    const from = before?.status ?? null;
    if (from !== null && status !== from) {
      out.statusAt = at;
      statuses.add({
        id: env.newId(), leadId: next.id, from, to: status, at,
        reason: auto ? null : (cause?.reason ?? null),
        actor: auto ? null : (cause?.actor ?? null),
        auto,
        source: auto ? 'rules' : (cause?.source ?? 'app'),
      });
      if (status !== 'rejected' && scored.rejectionReason !== null) out.rejectionReason = null;
    } else if (from === null && status !== 'new') {
      // A new lead good enough to be MQL at its first scan.
      out.statusAt = at;
      statuses.add({ id: env.newId(), leadId: next.id, from: 'new', to: status, at, reason: null, actor: null, auto: true, source: 'rules' });
    }
    if (status === 'mql' && (from !== 'mql') && scored.owner === null) {
      const owner = assign({ ...scored, ...out }, rules);
      if (owner !== null) out.owner = owner;
    }
    return out;
  }

  function assign(row: DerivableRow, rules: TriageRules): string | null {
    const state = env.roundRobin.read();
    const result = rules.assign(
      { ...row, answers: parseJsonObject(row.answers) as Answers, isTarget: isTargetLead(row, rules.derive) },
      state,
    );
    if (result.state !== state) env.roundRobin.write(result.state);
    return result.owner;
  }

  function addTouch(leadId: string, eventId: string, at: number, touch: TouchInput): boolean {
    const row: NewTouch = {
      id: touch.id ?? env.newId(),
      leadId,
      eventId,
      kind: touch.kind,
      staff: touch.staff,
      device: touch.device === undefined ? env.device() : touch.device,
      at: touch.at ?? at,
      detail: touch.detail,
    };
    return touches.add(row);
  }

  const writer = {
    /**
     * Wraps fn in one transaction that takes the write lock when it begins (BEGIN IMMEDIATE),
     * so the busy timeout can wait for another process's write; a deferred read-then-write
     * would fail at once with SQLITE_BUSY. Called inside another transaction it joins it.
     */
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      const tx = sqlite.transaction(fn);
      return (...args: A) => tx.immediate(...args);
    },

    /** A new lead: every column given, the derived ones computed. */
    create(values: LeadValues & { id: string; eventId: string; capturedAt: number; source: FullLeadRow['source'] }, touch: TouchInput | null): FullLeadRow {
      inTransaction();
      const draft: FullLeadRow = { ...NEW_LEAD_DEFAULTS, updatedAt: values.capturedAt, statusAt: values.capturedAt, ...values };
      const row: FullLeadRow = { ...draft, ...settle(null, draft, draft.updatedAt, null) };
      leads.insert(row);
      if (touch) addTouch(row.id, row.eventId, row.updatedAt, touch);
      env.onWritten(writtenLead(row));
      // The row as written, not read back: the capture path's statement count.
      return row;
    },

    /**
     * Sets some columns of a lead at `at` (its updated_at), with the touch that says why and,
     * for a status change, its cause. A change that sets deletedAt withdraws the lead from
     * delivery; clearing it queues it again.
     */
    change(current: FullLeadRow, values: LeadValues, touch: TouchInput | null, at: number, cause: StatusCause | null = null): FullLeadRow {
      inTransaction();
      const counted = touch !== null && COUNTED.has(touch.kind) ? { touchCount: current.touchCount + 1 } : {};
      const next: FullLeadRow = { ...current, ...values, ...counted };
      const written = { ...values, ...counted, ...settle(current, next, at, cause), updatedAt: at };
      leads.update(current.id, written);
      if (touch) addTouch(current.id, current.eventId, at, touch);
      const row = { ...current, ...written };
      env.onWritten(writtenLead(row));
      // The row as written, without reading it back: the booth's qualify path saves a read.
      return row;
    },

    /**
     * Brings the derived values of a lead up to date with the rules (a re-score) or with its
     * touches (after a bundle added some), without a touch and without moving updated_at: no
     * person changed it. Answers the columns written, or null when nothing needed writing.
     * Reads only the columns derivation needs (DerivableRow); `rules`, when given, are the
     * rules in force for a whole batch (the re-score reads them once per chunk).
     */
    rederive(current: DerivableRow, at: number, opts: { recount?: boolean; rules?: TriageRules } = {}): LeadValues | null {
      inTransaction();
      const touchCount = opts.recount ? Math.max(1, countTouches.get(current.id) as number) : current.touchCount;
      const next: DerivableRow = touchCount === current.touchCount ? current : { ...current, touchCount };
      const settled = settle(current, next, at, null, opts.rules ?? env.rules());
      const written: LeadValues = touchCount !== current.touchCount ? { touchCount, ...settled } : settled;
      if (Object.keys(written).length === 0) return null;
      leads.update(current.id, written);
      env.onWritten(writtenLead({ ...current, ...written }));
      return written;
    },

    /**
     * A whole lead state, inserted or replacing the row of that id (a device bundle's merged
     * record); a tombstone of that id comes back to life. Derived values follow from the row
     * and the touches already stored; `rederive(…, {recount})` after the bundle's touches.
     */
    put(values: LeadValues & { id: string; eventId: string }): void {
      inTransaction();
      const before = leads.get(values.id) ?? null;
      const base: FullLeadRow = before ?? { ...NEW_LEAD_DEFAULTS, id: values.id, eventId: values.eventId, source: 'cli', capturedAt: 0, updatedAt: 0 };
      const next: FullLeadRow = { ...base, ...values, deletedAt: null };
      // A status that came in the bundle was recorded on the device that set it.
      const row = { ...next, ...settle({ ...(before ?? next), status: next.status }, next, next.updatedAt, null) };
      leads.upsert(row);
      env.onWritten(writtenLead(row));
    },

    /**
     * The owner the assignment rules give this lead now (first match; a team's next turn),
     * written when it differs. Answers the row as it is after.
     */
    assign(current: FullLeadRow, at: number, staff: string | null): FullLeadRow {
      inTransaction();
      const owner = assign(current, env.rules());
      if (owner === null || owner === current.owner) return current;
      return writer.change(current, { owner }, { kind: 'edit', staff, detail: { owner: { from: current.owner, to: owner }, by: 'rules' } }, at);
    },

    /** A touch that belongs to no change of the row (a bundle's history); false when it was there already. */
    addTouch(leadId: string, eventId: string, touch: TouchInput & { at: number }): boolean {
      inTransaction();
      return addTouch(leadId, eventId, touch.at, touch);
    },

    /** The history of a merged-away record moves to the lead that lives on. */
    moveTouches(from: string, to: string): void {
      inTransaction();
      touches.move(from, to);
      statuses.move(from, to);
    },
  };
  return writer;
}
export type LeadWriter = ReturnType<typeof leadWriter>;
