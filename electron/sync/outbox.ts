import type Database from 'better-sqlite3';
import type { OutboxCounts, UploadBatch } from '../../shared/delivery/api';
import type { ConnectorName } from '../../shared/delivery/connectors';
import { MQL_AND_LATER, queueAction, type DeliveryScope, type ScopedLead } from '../../shared/delivery/policy';
import type { LeadStatus } from '../../shared/triage/status';
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
  /** ownerSent: the owner email whose CRM owner id went with this send (undefined: none went). */
  | { leadId: string; state: 'done'; remoteId: string | null; ownerSent?: string }
  /** Not sent at all (the CRM refused our credentials): back to pending as it was, the attempt not counted. */
  | { leadId: string; state: 'unclaimed'; message: string }
  | { leadId: string; state: 'pending'; message: string; nextAttemptAt: number }
  | { leadId: string; state: 'attention'; message: string };

export interface BatchSummary {
  done: number;
  retrying: number;
  attention: number;
  error: string | null;
}

/**
 * The leads (alias l) a connector's scope covers, in SQL: what shared/delivery/policy.ts
 * `queueAction` answers 'queue' for, over the whole table (backfill, preview, reconcile). A
 * unit test holds the two to the same table of cases.
 */
const IN_SCOPE = `(l.deleted_at IS NULL
  AND l.event_id NOT IN (SELECT value FROM json_each(@excluded))
  AND (@policy = 'all' OR l.ready_at IS NOT NULL
    OR (@policy = 'mql' AND l.status IN (${MQL_AND_LATER.map((s) => `'${s}'`).join(', ')}))
    OR EXISTS (SELECT 1 FROM crm_records r WHERE r.lead_id = l.id AND r.connector = @connector)))`;

/** Leads in sales' hands, whose verdict in the CRM is worth reading back: MQL, SAL, or marked ready and not closed. */
const IN_SALES_HANDS = `(l.status IN ('mql', 'sal') OR (l.ready_at IS NOT NULL AND l.status NOT IN ('rejected', 'disqualified')))`;

const scopeParams = (connector: ConnectorName, scope: DeliveryScope) => ({
  connector,
  policy: scope.policy,
  excluded: JSON.stringify(scope.excludeEvents),
});

export interface PreviewCounts {
  wouldSend: number;
  byStatus: Partial<Record<LeadStatus, number>>;
  markedReady: number;
}

export interface VerdictCandidate {
  leadId: string;
  remoteId: string;
  verdictValue: string | null;
  verdictReason: string | null;
}

export interface RecordedVerdict {
  value: string | null;
  reason: string | null;
  to: string | null;
  outcome: string | null;
}

export interface LeadDeliveryRow {
  connector: string;
  state: 'pending' | 'in_flight' | 'done' | 'attention' | null;
  attempts: number;
  lastError: string | null;
  remoteId: string | null;
  updatedAt: number | null;
  deliveredAt: number | null;
  verdictValue: string | null;
  verdictReason: string | null;
  verdictTo: string | null;
  verdictOutcome: string | null;
  verdictAt: number | null;
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
  const withdrawFor = sqlite.prepare(
    `DELETE FROM outbox WHERE lead_id = ? AND connector = ? AND state IN ('pending', 'attention')`,
  );
  const deliveredBefore = sqlite
    .prepare('SELECT 1 FROM crm_records WHERE lead_id = ? AND connector = ?')
    .pluck();
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const backfillMissing = sqlite.prepare(`
    INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at)
    SELECT l.id, @connector, 'pending', 0, 0, @now FROM leads l WHERE ${IN_SCOPE}
    ON CONFLICT (lead_id, connector) DO NOTHING`);
  // A lead changed while the connector was off: its last delivery is stale.
  const backfillStale = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, batch_id = NULL, updated_at = @now
    WHERE connector = @connector AND state IN ('done', 'attention')
      AND EXISTS (SELECT 1 FROM leads l WHERE l.id = outbox.lead_id AND l.updated_at > outbox.updated_at AND ${IN_SCOPE})`);
  // Waiting rows the scope no longer covers (a narrower policy, an excluded event, a queue an older
  // version filled with every lead): withdrawn, so nothing leaves that was not chosen.
  const withdrawOutOfScope = sqlite.prepare(`
    DELETE FROM outbox WHERE connector = @connector AND state IN ('pending', 'attention')
      AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = outbox.lead_id AND ${IN_SCOPE})`);
  const previewStmt = sqlite.prepare(`
    SELECT l.status AS status, count(*) AS n, sum(l.ready_at IS NOT NULL) AS ready FROM leads l
    WHERE ${IN_SCOPE}
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.lead_id = l.id AND o.connector = @connector
                      AND o.state = 'done' AND o.updated_at >= l.updated_at)
    GROUP BY l.status`);
  const recordDelivered = sqlite.prepare(`
    INSERT INTO crm_records (lead_id, connector, remote_id, delivered_at, owner_sent)
    VALUES (@leadId, @connector, @remoteId, @now, @ownerSent)
    ON CONFLICT (lead_id, connector) DO UPDATE SET
      remote_id = coalesce(excluded.remote_id, remote_id),
      owner_sent = coalesce(excluded.owner_sent, owner_sent)`);
  const unclaimRow = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', attempts = max(0, attempts - 1), batch_id = NULL, last_error = @message, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const verdictCandidates = sqlite.prepare(`
    SELECT r.lead_id AS leadId, r.remote_id AS remoteId, r.verdict_value AS verdictValue, r.verdict_reason AS verdictReason
    FROM crm_records r JOIN leads l ON l.id = r.lead_id
    WHERE r.connector = @connector AND r.remote_id IS NOT NULL AND r.lead_id > @after
      AND l.deleted_at IS NULL AND ${IN_SALES_HANDS}
    ORDER BY r.lead_id LIMIT @limit`);
  const anyVerdictCandidate = sqlite.prepare(`
    SELECT 1 FROM crm_records r JOIN leads l ON l.id = r.lead_id
    WHERE r.connector = ? AND r.remote_id IS NOT NULL AND l.deleted_at IS NULL AND ${IN_SALES_HANDS} LIMIT 1`).pluck();
  const recordVerdictStmt = sqlite.prepare(`
    UPDATE crm_records SET verdict_value = @value, verdict_reason = @reason, verdict_to = @to, verdict_outcome = @outcome, verdict_at = @now
    WHERE lead_id = @leadId AND connector = @connector`);
  const leadDeliveryStmt = sqlite.prepare(`
    SELECT c.connector AS connector, o.state AS state, coalesce(o.attempts, 0) AS attempts, o.last_error AS lastError,
      coalesce(r.remote_id, o.remote_id) AS remoteId, o.updated_at AS updatedAt, r.delivered_at AS deliveredAt,
      r.verdict_value AS verdictValue, r.verdict_reason AS verdictReason, r.verdict_to AS verdictTo,
      r.verdict_outcome AS verdictOutcome, r.verdict_at AS verdictAt
    FROM (SELECT connector FROM outbox WHERE lead_id = @leadId UNION SELECT connector FROM crm_records WHERE lead_id = @leadId) c
    LEFT JOIN outbox o ON o.lead_id = @leadId AND o.connector = c.connector
    LEFT JOIN crm_records r ON r.lead_id = @leadId AND r.connector = c.connector
    ORDER BY c.connector`);
  const scopeCountsStmt = sqlite.prepare(`
    SELECT o.state AS state, count(*) AS n FROM outbox o
    WHERE o.connector = @connector
      AND (@eventId IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id AND l.event_id = @eventId))
    GROUP BY o.state`);
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
        if (r.state === 'done') {
          if (markDone.run({ ...key, remoteId: r.remoteId }).changes > 0) {
            recordDelivered.run({ leadId: r.leadId, connector, remoteId: r.remoteId, now, ownerSent: r.ownerSent ?? null });
          }
        } else if (r.state === 'unclaimed') unclaimRow.run({ ...key, message: r.message });
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
  const backfill = sqlite.transaction((connector: ConnectorName, scope: DeliveryScope, now: number) => {
    const params = { ...scopeParams(connector, scope), now };
    withdrawOutOfScope.run(params);
    return backfillMissing.run(params).changes + backfillStale.run(params).changes;
  });
  const recover = sqlite.transaction((now: number) => {
    recoverBatches.run({ now, error: 'Interrupted: LeadBooth stopped before the CRM answered' });
    return recoverRows.run({ now }).changes;
  });

  return {
    /** A deleted lead is no longer queued for any connector. */
    withdraw: (leadId: string) => void withdraw.run(leadId),
    /** Queues a lead for these connectors. Call inside the transaction that changed the lead. */
    touch(leadId: string, connectors: readonly ConnectorName[], now: number): void {
      for (const connector of connectors) touch.run({ leadId, connector, now });
    },
    /**
     * A lead just written, as its connector's scope sees it: queued, or what waited withdrawn
     * (policy.ts queueAction). Call inside the transaction that changed the lead.
     */
    follow(lead: ScopedLead & { id: string }, connector: ConnectorName, scope: DeliveryScope, now: number): 'queue' | 'withdraw' {
      const action = queueAction(lead, scope, () => deliveredBefore.get(lead.id, connector) !== undefined);
      if (action === 'queue') touch.run({ leadId: lead.id, connector, now });
      else withdrawFor.run(lead.id, connector);
      return action;
    },
    /** How many leads enabling this scope would send now (not yet delivered in their current state), by status. */
    preview(connector: ConnectorName, scope: DeliveryScope): PreviewCounts {
      const out: PreviewCounts = { wouldSend: 0, byStatus: {}, markedReady: 0 };
      for (const row of previewStmt.all(scopeParams(connector, scope)) as { status: LeadStatus; n: number; ready: number }[]) {
        out.wouldSend += row.n;
        out.byStatus[row.status] = row.n;
        out.markedReady += row.ready;
      }
      return out;
    },
    /** Rows of this connector (one event, or all) by state: what `upload` reports at its end. */
    scopeCounts(connector: ConnectorName, eventId: string | null): OutboxCounts {
      const c: OutboxCounts = { pending: 0, inFlight: 0, done: 0, attention: 0 };
      for (const row of scopeCountsStmt.all({ connector, eventId }) as { state: string; n: number }[]) {
        if (row.state === 'pending') c.pending = row.n;
        else if (row.state === 'in_flight') c.inFlight = row.n;
        else if (row.state === 'done') c.done = row.n;
        else if (row.state === 'attention') c.attention = row.n;
      }
      return c;
    },
    /** Delivered leads in sales' hands, after `after` (lead id order), whose verdict is worth reading back. */
    verdictCandidates(connector: ConnectorName, after: string, limit: number): VerdictCandidate[] {
      return verdictCandidates.all({ connector, after, limit }) as VerdictCandidate[];
    },
    hasVerdictCandidates: (connector: ConnectorName): boolean => anyVerdictCandidate.get(connector) !== undefined,
    /** What was read back for a lead, so the same CRM value is applied once. */
    recordVerdict(leadId: string, connector: ConnectorName, verdict: RecordedVerdict, now: number): void {
      recordVerdictStmt.run({ leadId, connector, ...verdict, now });
    },
    leadDelivery: (leadId: string): LeadDeliveryRow[] => leadDeliveryStmt.all({ leadId }) as LeadDeliveryRow[],

    /** Sends these leads again from scratch (attempts reset, no backoff), whatever their state. */
    requeue(leadIds: readonly string[], connectors: readonly ConnectorName[], now: number): number {
      return requeueAll.immediate(leadIds, connectors, now);
    },

    /**
     * A connector just enabled (or started, or given a new scope): waiting rows its scope no
     * longer covers are withdrawn, and every lead it covers that it has not yet received in its
     * current state is queued.
     */
    backfill(connector: ConnectorName, scope: DeliveryScope, now: number): number {
      return backfill.immediate(connector, scope, now);
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
