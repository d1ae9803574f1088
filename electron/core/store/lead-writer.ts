import type Database from 'better-sqlite3';
import { deriveLead } from '../../../shared/lead/derive';
import type { TouchKind } from '../../../shared/model';
import type { LeadStatus } from '../../../shared/triage/status';
import { leadStore, NEW_LEAD_DEFAULTS, type FullLeadRow, type LeadValues } from './lead-store';
import { touchStore, type NewTouch } from './touch-store';

/**
 * The one writer of lead rows. Every change to a lead (capture, qualification, edit, delete,
 * restore, bundle merge) comes here, inside one IMMEDIATE transaction, and the writer:
 * writes the row, recomputes what derives from it (shared/lead/derive.ts), appends the touch,
 * and tells the composition root, which queues the outbox rows and marks the search index in
 * the same transaction. Nothing else writes the leads table.
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
  /** In the write's transaction: the outbox and the search index follow the lead. */
  onWritten: (lead: WrittenLead) => void;
}

export function leadWriter(sqlite: Database.Database, env: LeadWriterEnv) {
  const leads = leadStore(sqlite);
  const touches = touchStore(sqlite);

  function inTransaction(): void {
    // A write outside a transaction could leave a lead without its touch or outbox row.
    if (!sqlite.inTransaction) throw new Error('Lead writes run inside writer.transaction()');
  }

  /** The derived columns whose value differs from the row's: written along with the change. */
  function derived(next: Pick<FullLeadRow, 'company' | 'companyKey'>): LeadValues {
    const values = deriveLead(next);
    return values.companyKey === next.companyKey ? {} : { companyKey: values.companyKey };
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

  return {
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
      const row: FullLeadRow = { ...NEW_LEAD_DEFAULTS, updatedAt: values.capturedAt, ...values };
      row.companyKey = deriveLead(row).companyKey;
      leads.insert(row);
      if (touch) addTouch(row.id, row.eventId, row.updatedAt, touch);
      env.onWritten(writtenLead(row));
      // The row as written, not read back: the capture path's statement count.
      return row;
    },

    /**
     * Sets some columns of a lead at `at` (its updated_at), with the touch that says why. A
     * change that sets deletedAt withdraws the lead from delivery; clearing it queues it again.
     */
    change(current: FullLeadRow, values: LeadValues, touch: TouchInput | null, at: number): FullLeadRow {
      inTransaction();
      const next = { ...current, ...values };
      const written = { ...values, ...derived(next), updatedAt: at };
      leads.update(current.id, written);
      if (touch) addTouch(current.id, current.eventId, at, touch);
      env.onWritten(writtenLead(next));
      // The row as written, without reading it back: the booth's qualify path saves a read.
      return { ...current, ...written };
    },

    /**
     * A whole lead state, inserted or replacing the row of that id (a device bundle's merged
     * record); a tombstone of that id comes back to life.
     */
    put(values: LeadValues & { id: string; eventId: string }): void {
      inTransaction();
      leads.upsert({ ...values, deletedAt: null, companyKey: deriveLead({ company: values.company ?? null }).companyKey });
      env.onWritten(writtenLead({ id: values.id, eventId: values.eventId, status: values.status ?? 'new', readyAt: values.readyAt ?? null, deletedAt: null }));
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
    },
  };
}
export type LeadWriter = ReturnType<typeof leadWriter>;
