import type Database from 'better-sqlite3';
import type { OutboxCounts, UploadBatch } from '../../shared/delivery/api';
import type { ConnectorName } from '../../shared/delivery/connectors';
import { iso } from '../../shared/time';

/**
 * What each connector still has to receive: one row per (lead, connector), its state
 * pending → in_flight → done | attention (or back to pending to retry).
 *
 * A lead's change re-queues its row in the caller's transaction. A row that is in flight when
 * its lead changes goes straight back to pending and leaves the batch (batch_id cleared): the
 * batch's answer then no longer touches it, and the next claim sends the new state. Batches of
 * one connector are sent one after another, so the older state can never overtake the newer.
 */

export interface ClaimedRow {
  id: number;
  leadId: string;
  /** Including this send. */
  attempts: number;
}

export interface Claim {
  batchId: string;
  rows: ClaimedRow[];
}

/** The outcome to store for one record of a batch. */
export type Completion =
  | { leadId: string; state: 'done'; remoteId: string | null }
  | { leadId: string; state: 'pending'; message: string; nextAttemptAt: number }
  | { leadId: string; state: 'attention'; message: string };

export interface BatchSummary {
  done: number;
  retrying: number;
  attention: number;
  error: string | null;
}

// Every transaction here writes: they begin IMMEDIATE so another process's write makes them
// wait (busy timeout) instead of failing at once with SQLITE_BUSY.
export function outboxStore(sqlite: Database.Database) {
  // In an upsert's DO UPDATE, every column on the right refers to the row as it was.
  const touch = sqlite.prepare(`
    INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at)
    VALUES (@leadId, @connector, 'pending', 0, 0, @now)
    ON CONFLICT (lead_id, connector) DO UPDATE SET
      state = 'pending',
      attempts = CASE WHEN state = 'pending' THEN attempts ELSE 0 END,
      next_attempt_at = CASE WHEN state = 'pending' THEN next_attempt_at ELSE 0 END,
      batch_id = NULL,
      updated_at = excluded.updated_at`);
  const requeue = sqlite.prepare(`
    INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at)
    VALUES (@leadId, @connector, 'pending', 0, 0, @now)
    ON CONFLICT (lead_id, connector) DO UPDATE SET
      state = 'pending', attempts = 0, next_attempt_at = 0, batch_id = NULL, updated_at = excluded.updated_at`);
  // In flight stays: the batch's answer settles it, and the next change finds the lead deleted.
  const withdraw = sqlite.prepare(`DELETE FROM outbox WHERE lead_id = ? AND state IN ('pending', 'attention')`);
  const backfillMissing = sqlite.prepare(`
    INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at)
    SELECT l.id, @connector, 'pending', 0, 0, @now FROM leads l WHERE l.deleted_at IS NULL
    ON CONFLICT (lead_id, connector) DO NOTHING`);
  // A lead changed while the connector was off: its last delivery is stale.
  const backfillStale = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, batch_id = NULL, updated_at = @now
    WHERE connector = @connector AND state IN ('done', 'attention')
      AND EXISTS (SELECT 1 FROM leads l WHERE l.id = outbox.lead_id AND l.updated_at > outbox.updated_at AND l.deleted_at IS NULL)`);
  const claimRows = sqlite.prepare(`
    UPDATE outbox SET state = 'in_flight', batch_id = @batchId, attempts = attempts + 1, updated_at = @now
    WHERE id IN (
      SELECT o.id FROM outbox o
      WHERE o.connector = @connector AND o.state = 'pending' AND o.next_attempt_at <= @now
        AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))
      ORDER BY o.next_attempt_at, o.id
      LIMIT @limit)
    RETURNING id, lead_id AS leadId, attempts`);
  const startBatch = sqlite.prepare(
    'INSERT INTO upload_batches (id, connector, started_at, sent) VALUES (@batchId, @connector, @now, @sent)',
  );
  const markDone = sqlite.prepare(`
    UPDATE outbox SET state = 'done', remote_id = coalesce(@remoteId, remote_id), last_error = NULL,
      next_attempt_at = 0, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const markRetry = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', last_error = @message, next_attempt_at = @nextAttemptAt, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const markAttention = sqlite.prepare(`
    UPDATE outbox SET state = 'attention', last_error = @message, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const finishBatch = sqlite.prepare(`
    UPDATE upload_batches SET finished_at = @now, done = @done, retrying = @retrying, attention = @attention, error = @error
    WHERE id = @batchId`);
  const recoverRows = sqlite.prepare(
    "UPDATE outbox SET state = 'pending', batch_id = NULL, updated_at = @now WHERE state = 'in_flight'",
  );
  const recoverBatches = sqlite.prepare(
    'UPDATE upload_batches SET finished_at = @now, error = @error WHERE finished_at IS NULL',
  );
  const countAll = sqlite.prepare('SELECT connector, state, count(*) AS n FROM outbox GROUP BY connector, state');
  const nextDueStmt = sqlite
    .prepare("SELECT min(next_attempt_at) FROM outbox WHERE connector = ? AND state = 'pending'")
    .pluck();
  const remainingStmt = sqlite.prepare(`
    SELECT count(*) FROM outbox o WHERE o.connector = @connector AND o.state IN ('pending', 'in_flight')
      AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))`).pluck();
  const anyDueStmt = sqlite.prepare(`
    SELECT 1 FROM outbox o WHERE o.connector = @connector AND o.state = 'pending' AND o.next_attempt_at <= @now
      AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))
    LIMIT 1`).pluck();
  const dueStmt = sqlite.prepare(`
    SELECT count(*) FROM outbox o WHERE o.connector = @connector AND o.state = 'pending' AND o.next_attempt_at <= @now
      AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))`).pluck();
  const nextDueForStmt = sqlite.prepare(`
    SELECT min(o.next_attempt_at) FROM outbox o WHERE o.connector = @connector AND o.state = 'pending'
      AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))`).pluck();
  const lastUploadStmt = sqlite
    .prepare('SELECT max(finished_at) FROM upload_batches WHERE connector = ?')
    .pluck();
  const historyStmt = sqlite.prepare(`
    SELECT id, connector, started_at AS startedAt, finished_at AS finishedAt, sent, done, retrying, attention, error
    FROM upload_batches WHERE (@connector IS NULL OR connector = @connector)
    ORDER BY started_at DESC, id DESC LIMIT @limit`);

  const claim = sqlite.transaction(
    (connector: ConnectorName, batchId: string, limit: number, now: number, eventId: string | null): ClaimedRow[] => {
      const rows = (claimRows.all({ connector, batchId, limit, now, eventId }) as ClaimedRow[]).sort((a, b) => a.id - b.id);
      if (rows.length) startBatch.run({ batchId, connector, now, sent: rows.length });
      return rows;
    },
  );

  const complete = sqlite.transaction(
    (connector: ConnectorName, batchId: string, records: readonly Completion[], summary: BatchSummary, now: number) => {
      for (const r of records) {
        const key = { leadId: r.leadId, connector, batchId, now };
        if (r.state === 'done') markDone.run({ ...key, remoteId: r.remoteId });
        else if (r.state === 'pending') markRetry.run({ ...key, message: r.message, nextAttemptAt: r.nextAttemptAt });
        else markAttention.run({ ...key, message: r.message });
      }
      finishBatch.run({ batchId, now, ...summary });
    },
  );

  const requeueAll = sqlite.transaction((leadIds: readonly string[], connectors: readonly ConnectorName[], now: number) => {
    let n = 0;
    for (const leadId of leadIds) for (const connector of connectors) n += requeue.run({ leadId, connector, now }).changes;
    return n;
  });
  const backfill = sqlite.transaction(
    (connector: ConnectorName, now: number) =>
      backfillMissing.run({ connector, now }).changes + backfillStale.run({ connector, now }).changes,
  );
  const recover = sqlite.transaction((now: number) => {
    recoverBatches.run({ now, error: 'Interrupted: LeadBooth stopped before the CRM answered' });
    return recoverRows.run({ now }).changes;
  });

  return {
    /** Queues a lead for these connectors. Call inside the transaction that changed the lead. */
    /** A deleted lead is no longer queued for any connector. */
    withdraw: (leadId: string) => void withdraw.run(leadId),
    touch(leadId: string, connectors: readonly ConnectorName[], now: number): void {
      for (const connector of connectors) touch.run({ leadId, connector, now });
    },

    /** Sends these leads again from scratch (attempts reset, no backoff), whatever their state. */
    requeue(leadIds: readonly string[], connectors: readonly ConnectorName[], now: number): number {
      return requeueAll.immediate(leadIds, connectors, now);
    },

    /** A connector just enabled (or started) queues every lead it has not yet received in its current state. */
    backfill(connector: ConnectorName, now: number): number {
      return backfill.immediate(connector, now);
    },

    /** Takes up to `limit` due pending rows into one batch, in one transaction. */
    claim(connector: ConnectorName, batchId: string, limit: number, now: number, eventId: string | null = null): Claim {
      return { batchId, rows: claim.immediate(connector, batchId, limit, now, eventId) };
    },

    /** Stores each record's outcome and the batch's counts, in one transaction. */
    complete(connector: ConnectorName, batchId: string, records: readonly Completion[], summary: BatchSummary, now: number): void {
      complete.immediate(connector, batchId, records, summary, now);
    },

    /** At start: whatever was in flight when the process died goes back to pending. */
    recover(now: number): number {
      return recover.immediate(now);
    },

    counts(): Map<string, OutboxCounts> {
      const out = new Map<string, OutboxCounts>();
      for (const row of countAll.all() as { connector: string; state: string; n: number }[]) {
        let c = out.get(row.connector);
        if (!c) out.set(row.connector, (c = { pending: 0, inFlight: 0, done: 0, attention: 0 }));
        if (row.state === 'pending') c.pending = row.n;
        else if (row.state === 'in_flight') c.inFlight = row.n;
        else if (row.state === 'done') c.done = row.n;
        else if (row.state === 'attention') c.attention = row.n;
      }
      return out;
    },
    nextDue: (connector: ConnectorName): number | null => nextDueStmt.get(connector) as number | null,
    nextDueFor: (connector: ConnectorName, eventId: string | null): number | null =>
      nextDueForStmt.get({ connector, eventId }) as number | null,
    remaining: (connector: ConnectorName, eventId: string | null): number => remainingStmt.get({ connector, eventId }) as number,
    due: (connector: ConnectorName, now: number, eventId: string | null): number => dueStmt.get({ connector, now, eventId }) as number,
    anyDue: (connector: ConnectorName, now: number, eventId: string | null): boolean =>
      anyDueStmt.get({ connector, now, eventId }) !== undefined,
    lastUpload: (connector: ConnectorName): number | null => lastUploadStmt.get(connector) as number | null,
    history(connector: ConnectorName | null, limit: number): UploadBatch[] {
      return (historyStmt.all({ connector, limit }) as (Omit<UploadBatch, 'startedAt' | 'finishedAt'> & {
        startedAt: number;
        finishedAt: number | null;
      })[]).map((r) => ({ ...r, startedAt: iso(r.startedAt), finishedAt: r.finishedAt === null ? null : iso(r.finishedAt) }));
    },
  };
}
export type OutboxStore = ReturnType<typeof outboxStore>;
