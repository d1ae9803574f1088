import type Database from 'better-sqlite3';
import { deriveLead, isTargetLead, type DerivedValues } from '../../../shared/lead/derive';
import type { TouchKind } from '../../../shared/model';
import { storageFailure } from '../../../shared/errors';
import { parseJsonObject } from '../../../shared/json-object';
import type { Answers } from '../../../shared/qualify/answers';
import { autoStatus, passesMql, type LeadStatus, type StatusSource } from '../../../shared/triage/status';
import type { TriageRules } from '../triage/rules-store';
import { leadMerge, type MergeCause } from './lead-merge';
import { leadLinkWriter } from './lead-link-writer';
import { leadRescoreWriter } from './lead-rescore-writer';
import { leadStore, NEW_LEAD_DEFAULTS, type DerivableRow, type FullLeadRow, type LeadValues } from './lead-store';
import { statusStore } from './status-store';
import { touchStore, type NewTouch } from './touch-store';

/**
 * The one writer of lead rows. Every change to a lead (capture, qualification, edit, status,
 * owner, delete, restore, bundle merge, 名寄せ merge and its undo, re-score) comes here,
 * inside one IMMEDIATE transaction, and the writer: writes the row, recomputes what derives
 * from it (score, grade, follow-up clock, company key: shared/lead/derive.ts; account, person
 * and 名寄せ keys: env.link), moves it to MQL when it first passes the thresholds and gives it
 * an owner then, records every status change, appends the touch, and tells the composition
 * root, which queues the outbox rows and marks the search index in the same transaction.
 * Before the transaction commits, the same person twice at one event is merged (afterWrites).
 * Nothing else writes the leads table.
 *
 * A new lead is linked late: its account, person and 名寄せ are decided after the capture
 * commits (`linkLate`, from core/late-links.ts), as the search index is filled, since linking
 * in the capture's transaction doubled a scan's cost. Every call but the booth's scan path
 * links the waiting leads first (late-links.ts), so a write to a lead meets it linked. No
 * derived value reads the account or the person, so score, grade, status and owner are right
 * at once.
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
  /** The person it belongs to: delivery keys the CRM contact on it. */
  personId: string | null;
  /** Set when the lead was merged into another (名寄せ): delivery merges it in the CRM too. */
  mergedInto: string | null;
}

const writtenLead = (
  row: Pick<FullLeadRow, 'id' | 'eventId' | 'status' | 'readyAt' | 'deletedAt' | 'personId' | 'mergedInto'>,
): WrittenLead => ({
  id: row.id, eventId: row.eventId, status: row.status, readyAt: row.readyAt, deleted: row.deletedAt !== null,
  personId: row.personId, mergedInto: row.mergedInto,
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
  /**
   * In the write's transaction: the account and person the lead belongs to and its 名寄せ keys
   * (core/accounts, core/dedupe; they read and write their own tables). Answers only the
   * columns that differ from the row given.
   */
  link: (row: DerivableRow) => LeadValues;
  /**
   * At the end of the outermost transaction, before it commits: the leads whose 名寄せ keys,
   * account or person changed in it (core/dedupe merges the same person at one event then).
   * Its own writes come back through the writer, and a second round follows when they changed
   * keys again. `created`: those made by `create` in it (a capture, a manual entry).
   */
  afterWrites?: (ids: ReadonlySet<string>, created: ReadonlySet<string>) => void;
}

/** The columns whose change can make a lead the duplicate of another. */
const KEYED = ['emailKey', 'nameKey', 'phoneKey', 'accountId', 'personId'] as const;

/** Scans and check-ins are the touches that show interest again. */
const COUNTED: ReadonlySet<TouchKind> = new Set(['scan', 'checkin']);

export function leadWriter(sqlite: Database.Database, env: LeadWriterEnv) {
  const leads = leadStore(sqlite);
  const touches = touchStore(sqlite);
  const statuses = statusStore(sqlite);
  /** Leads to check for duplicates when the outermost transaction ends (env.afterWrites). */
  const pending = new Set<string>();
  const created = new Set<string>();
  let depth = 0;
  /**
   * Off while re-deriving: a re-score or the backfill at open walks every lead, and a probe for
   * duplicates of each would multiply its time; `duplicates.scan` finds those in one pass.
   */
  let collecting = true;
  /** Merges made through this writer: the capture reads its lead again only after one. */
  let merges = 0;
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
    link = true,
  ): LeadValues {
    const d = derive(next, rules);
    const out: LeadValues = {};
    if (d.companyKey !== next.companyKey) out.companyKey = d.companyKey;
    if (d.score !== next.score) out.score = d.score;
    if (d.grade !== next.grade) out.grade = d.grade;
    if (d.followUpDue !== next.followUpDue) out.followUpDue = d.followUpDue;
    if (link) {
      const linked = env.link(Object.keys(out).length === 0 ? next : { ...next, ...out });
      Object.assign(out, linked);
      if (collecting && next.deletedAt === null && (before === null || KEYED.some((k) => Object.hasOwn(linked, k)))) pending.add(next.id);
    }
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

  function drain(): void {
    if (!env.afterWrites) return;
    // A merge rewrites the survivor, whose keys may now meet a third lead: a few rounds at most.
    for (let round = 0; pending.size > 0 && round < 8; round++) {
      const ids = new Set(pending);
      pending.clear();
      env.afterWrites(ids, created);
    }
  }

  // In a savepoint of its own: a fault in 名寄せ undoes its own writes and leaves the capture
  // or edit that triggered it to commit. The booth never loses a scan to a duplicate check;
  // the pair is found again by the next write or `duplicates.scan`. A full disk is not
  // swallowed: the write itself cannot commit then.
  const drainInSavepoint = sqlite.transaction(drain);
  function settleDuplicates(): void {
    try {
      drainInSavepoint();
    } catch (err) {
      if (storageFailure(err)) throw err;
      console.error('名寄せ after a write failed; the write stands:', err);
    }
  }

  const writer = {
    /**
     * The re-score's batch path (lead-rescore-writer.ts): score, grade and follow-up clock of
     * leads whose status a rule change cannot move, without a copy of the row. Part of the one
     * writer, kept in its own file for size.
     */
    rescoreBatch: leadRescoreWriter(sqlite, (lead) => env.onWritten(lead)),

    /**
     * The account link's batch path (lead-link-writer.ts): a lead's account and nothing else,
     * which no derived value reads. Part of the one writer, kept in its own file for size.
     */
    linkBatch: leadLinkWriter(sqlite, (lead) => env.onWritten(lead)),

    /**
     * Wraps fn in one transaction that takes the write lock when it begins (BEGIN IMMEDIATE),
     * so the busy timeout can wait for another process's write; a deferred read-then-write
     * would fail at once with SQLITE_BUSY. Called inside another transaction it joins it.
     */
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      const tx = sqlite.transaction((...args: A): R => {
        depth++;
        try {
          const result = fn(...args);
          if (depth === 1 && pending.size > 0) settleDuplicates();
          return result;
        } finally {
          depth--;
          if (depth === 0) {
            pending.clear();
            created.clear();
          }
        }
      });
      return (...args: A) => tx.immediate(...args);
    },

    /** A new lead: every column given, the derived ones computed. */
    create(values: LeadValues & { id: string; eventId: string; capturedAt: number; source: FullLeadRow['source'] }, touch: TouchInput | null): FullLeadRow {
      inTransaction();
      const draft: FullLeadRow = { ...NEW_LEAD_DEFAULTS, updatedAt: values.capturedAt, statusAt: values.capturedAt, ...values };
      // Linked late (linkLate): the capture commits without account, person or 名寄せ.
      const row: FullLeadRow = { ...draft, ...settle(null, draft, draft.updatedAt, null, env.rules(), false) };
      leads.insert(row);
      created.add(row.id);
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
      // A lead not linked yet is left to linkLate, unless it comes back from deletion, which
      // the late pass may have walked past while it was deleted.
      const link = current.personId !== null || (current.deletedAt !== null && next.deletedAt === null);
      const written = { ...values, ...counted, ...settle(current, next, at, cause, env.rules(), link), updatedAt: at };
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
      collecting = false;
      let settled: LeadValues;
      try {
        settled = settle(current, next, at, null, opts.rules ?? env.rules());
      } finally {
        collecting = true;
      }
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

    /**
     * A whole row as it was (a snapshot: undoing a merge), alive again or still deleted as the
     * snapshot says, its derived values brought up to date, at `at`.
     */
    restore(row: FullLeadRow, at: number, actor: string | null): FullLeadRow {
      inTransaction();
      const next: FullLeadRow = { ...row, updatedAt: at };
      const current = leads.get(row.id);
      // A status that goes back is a change of status like any other, kept in the history.
      const written = { ...next, ...settle(current ?? next, next, at, { source: 'app', actor }) };
      // An UPDATE, not an upsert: restoring a merged lead the search index holds through an
      // upsert failed in the index's edit trigger (UNIQUE leads_fts_dirty.lead_rowid).
      if (current) leads.update(row.id, written);
      else leads.insert(written);
      env.onWritten(writtenLead(written));
      return written;
    },

    /** Two leads of one event are one person: `otherId` folds into `survivorId` (lead-merge.ts). */
    merge(survivorId: string, otherId: string, cause: MergeCause, at: number) {
      inTransaction();
      merges++;
      return merging.merge(survivorId, otherId, cause, at);
    },

    /** How many merges this writer has made: a write that made none left its lead where it was. */
    merges: () => merges,

    /**
     * A new lead's account, person and 名寄せ keys, decided after its capture committed
     * (core/late-links.ts), without a touch and without moving updated_at. 名寄せ runs for it at
     * once, before the next lead is linked, and it counts as just made: leads are settled one by
     * one in the order they were captured, each as it would have been at its own capture, so
     * the one that lives on is the same as then (the lead the booth's card showed).
     */
    linkLate(current: DerivableRow): void {
      inTransaction();
      // A lead with its person was linked when it was written (a device bundle's put, an
      // undelete): its 名寄せ ran then, and it is not the one just made.
      if (current.deletedAt !== null || current.personId !== null) return;
      const written = env.link(current);
      if (Object.keys(written).length > 0) {
        leads.update(current.id, written);
        env.onWritten(writtenLead({ ...current, ...written }));
      }
      created.add(current.id);
      pending.add(current.id);
      settleDuplicates();
      // Just made for its own 名寄せ only: the next lead of the batch is settled as made, not this one.
      created.delete(current.id);
    },

    /** Takes a merge back: both leads as they were, each with its own touches, statuses and photos. */
    unmerge(mergeId: string, actor: string | null, at: number) {
      inTransaction();
      return merging.unmerge(mergeId, actor, at);
    },

    /** Links a lead to a person (a suggestion across events confirmed), without a touch. */
    setPerson(current: FullLeadRow, personId: string): FullLeadRow {
      inTransaction();
      if (current.personId === personId) return current;
      leads.update(current.id, { personId });
      const row = { ...current, personId };
      env.onWritten(writtenLead(row));
      return row;
    },

    /** The history of a merged-away record moves to the lead that lives on. */
    moveTouches(from: string, to: string): void {
      inTransaction();
      touches.move(from, to);
      statuses.move(from, to);
    },
  };
  const merging = leadMerge(sqlite, { newId: env.newId, change: writer.change, restore: writer.restore });
  return writer;
}
export type LeadWriter = ReturnType<typeof leadWriter>;
