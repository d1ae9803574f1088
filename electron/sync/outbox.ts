import type Database from 'better-sqlite3';
import type { OutboxCounts, UploadBatch } from '../../shared/delivery/api';
import type { ConnectorName } from '../../shared/delivery/connectors';
import type { ContactRef } from '../../shared/delivery/merge';
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
  /** upsert: the lead's values to its person's contact; merge: its contact into the survivor's (merge.ts). */
  kind: 'upsert' | 'merge';
  /** Including this send. */
  attempts: number;
}

export interface Claim {
  batchId: string;
  rows: ClaimedRow[];
}

/** The outcome to store for one record of a batch. */
export type Completion =
  /**
   * ownerSent: the owner email whose CRM owner id went with this send (undefined: none went).
   * contactKey: the value the contact holds in the id property now.
   */
  | { leadId: string; state: 'done'; remoteId: string | null; ownerSent?: string; contactKey?: string }
  /**
   * A merge row settled: the CRM merged the contacts (remoteId: the surviving contact's id, which
   * every record of either contact now points at), or there was nothing to merge, or the survivor
   * took the merged lead's contact (adopt).
   */
  | {
      leadId: string;
      state: 'merged';
      merged?: { from: string | null; into: string | null; fromKey: string; remoteId: string | null; key: string };
      adopt?: { leadId: string; remoteId: string | null; key: string };
    }
  /** Not sent at all (the CRM refused our credentials): back to pending as it was, the attempt not counted. */
  | { leadId: string; state: 'unclaimed'; message: string }
  | { leadId: string; state: 'pending'; message: string; nextAttemptAt: number }
  /** step: which send was refused: the lead's values (default) or its merge. */
  | { leadId: string; state: 'attention'; message: string; step?: 'upsert' | 'merge' };

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

/**
 * The person's latest live lead (person.ts sends its values): sales' verdict on the one contact
 * is about the latest event, never applied to an older event's lead as well.
 */
const LATEST_OF_PERSON = `(l.person_id IS NULL OR NOT EXISTS (
  SELECT 1 FROM leads n WHERE n.person_id = l.person_id AND n.deleted_at IS NULL AND n.id <> l.id
    AND (n.captured_at > l.captured_at OR (n.captured_at = l.captured_at AND (n.updated_at > l.updated_at
      OR (n.updated_at = l.updated_at AND n.id > l.id))))))`;

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
      attempts = CASE WHEN state = 'pending' AND kind = 'upsert' THEN attempts ELSE 0 END,
      next_attempt_at = CASE WHEN state = 'pending' AND kind = 'upsert' THEN next_attempt_at ELSE 0 END,
      kind = 'upsert',
      batch_id = NULL,
      updated_at = excluded.updated_at`);
  // A lead merged away: its row becomes the merge. In flight, it stays in its batch (that send
  // may create the contact the merge needs) and turns into the merge when the answer comes.
  const queueMerge = sqlite.prepare(`
    INSERT INTO outbox (lead_id, connector, state, kind, attempts, next_attempt_at, updated_at)
    VALUES (@leadId, @connector, 'pending', 'merge', 0, 0, @now)
    ON CONFLICT (lead_id, connector) DO UPDATE SET
      kind = 'merge',
      state = CASE WHEN state = 'in_flight' THEN state ELSE 'pending' END,
      attempts = CASE WHEN state = 'in_flight' OR (state = 'pending' AND kind = 'merge') THEN attempts ELSE 0 END,
      next_attempt_at = CASE WHEN state = 'pending' AND kind = 'merge' THEN next_attempt_at ELSE 0 END,
      updated_at = excluded.updated_at`);
  const inFlight = sqlite
    .prepare("SELECT 1 FROM outbox WHERE lead_id = ? AND connector = ? AND state = 'in_flight'")
    .pluck();
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
    UPDATE outbox SET state = 'pending', kind = 'upsert', attempts = 0, next_attempt_at = 0, batch_id = NULL, updated_at = @now
    WHERE connector = @connector AND state IN ('done', 'attention')
      AND EXISTS (SELECT 1 FROM leads l WHERE l.id = outbox.lead_id AND l.updated_at > outbox.updated_at AND ${IN_SCOPE})`);
  // Waiting rows the scope no longer covers (a narrower policy, an excluded event, a queue an older
  // version filled with every lead): withdrawn, so nothing leaves that was not chosen.
  const withdrawOutOfScope = sqlite.prepare(`
    DELETE FROM outbox WHERE connector = @connector AND state IN ('pending', 'attention') AND kind = 'upsert'
      AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = outbox.lead_id AND ${IN_SCOPE})`);
  const previewStmt = sqlite.prepare(`
    SELECT l.status AS status, count(*) AS n, sum(l.ready_at IS NOT NULL) AS ready FROM leads l
    WHERE ${IN_SCOPE}
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.lead_id = l.id AND o.connector = @connector
                      AND o.state = 'done' AND o.updated_at >= l.updated_at)
    GROUP BY l.status`);
  const recordDelivered = sqlite.prepare(`
    INSERT INTO crm_records (lead_id, connector, remote_id, delivered_at, owner_sent, contact_key)
    VALUES (@leadId, @connector, @remoteId, @now, @ownerSent, @contactKey)
    ON CONFLICT (lead_id, connector) DO UPDATE SET
      remote_id = coalesce(excluded.remote_id, remote_id),
      owner_sent = coalesce(excluded.owner_sent, owner_sent),
      contact_key = coalesce(excluded.contact_key, contact_key)`);
  // One contact, one key: every lead delivered to it learns the key the contact holds now (a
  // conflict adopted, a person formed), so the next send of any of them finds it.
  const shareKey = sqlite.prepare(`
    UPDATE crm_records SET contact_key = @contactKey
    WHERE connector = @connector AND remote_id = @remoteId AND contact_key IS NOT @contactKey`);
  // After a merge, every record of either contact points at the one left.
  const repointMerged = sqlite.prepare(`
    UPDATE crm_records SET remote_id = @remoteId, contact_key = @key
    WHERE connector = @connector AND remote_id IS NOT NULL AND remote_id IN (@from, @into)`);
  const repointMergedByKey = sqlite.prepare(`
    UPDATE crm_records SET contact_key = @key
    WHERE connector = @connector AND remote_id IS NULL AND coalesce(contact_key, lead_id) = @fromKey`);
  const adoptContact = sqlite.prepare(`
    INSERT INTO crm_records (lead_id, connector, remote_id, delivered_at, contact_key)
    VALUES (@leadId, @connector, @remoteId, @now, @key)
    ON CONFLICT (lead_id, connector) DO NOTHING`);
  const contactOfLead = sqlite.prepare(`
    SELECT remote_id AS remoteId, coalesce(contact_key, lead_id) AS key FROM crm_records
    WHERE lead_id = ? AND connector = ?`);
  // The survivor's contact: its own record, else one of its person's (most recently delivered).
  const contactOfPerson = sqlite.prepare(`
    SELECT r.remote_id AS remoteId, coalesce(r.contact_key, r.lead_id) AS key FROM crm_records r
    WHERE r.connector = @connector AND (r.lead_id = @leadId OR r.lead_id IN (
      SELECT p.id FROM leads p, leads s WHERE s.id = @leadId AND s.person_id IS NOT NULL AND p.person_id = s.person_id))
    ORDER BY r.lead_id = @leadId DESC, r.delivered_at DESC LIMIT 1`);
  const markMerged = sqlite.prepare(`
    UPDATE outbox SET state = 'done', remote_id = coalesce(@remoteId, remote_id), last_error = NULL,
      next_attempt_at = 0, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight' AND kind = 'merge'`);
  const unclaimRow = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', attempts = max(0, attempts - 1), batch_id = NULL, last_error = @message, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const verdictCandidates = sqlite.prepare(`
    SELECT r.lead_id AS leadId, r.remote_id AS remoteId, r.verdict_value AS verdictValue, r.verdict_reason AS verdictReason
    FROM crm_records r JOIN leads l ON l.id = r.lead_id
    WHERE r.connector = @connector AND r.remote_id IS NOT NULL AND r.lead_id > @after
      AND l.deleted_at IS NULL AND ${IN_SALES_HANDS} AND ${LATEST_OF_PERSON}
    ORDER BY r.lead_id LIMIT @limit`);
  const anyVerdictCandidate = sqlite.prepare(`
    SELECT 1 FROM crm_records r JOIN leads l ON l.id = r.lead_id
    WHERE r.connector = ? AND r.remote_id IS NOT NULL AND l.deleted_at IS NULL AND ${IN_SALES_HANDS} AND ${LATEST_OF_PERSON} LIMIT 1`).pluck();
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
    RETURNING id, lead_id AS leadId, kind, attempts`);
  const startBatch = sqlite.prepare(
    'INSERT INTO upload_batches (id, connector, started_at, sent) VALUES (@batchId, @connector, @now, @sent)',
  );
  // A row that became a merge while its send was in flight goes on as the merge (pending).
  const markDone = sqlite.prepare(`
    UPDATE outbox SET state = CASE WHEN kind = 'merge' THEN 'pending' ELSE 'done' END,
      batch_id = CASE WHEN kind = 'merge' THEN NULL ELSE batch_id END,
      attempts = CASE WHEN kind = 'merge' THEN 0 ELSE attempts END,
      remote_id = coalesce(@remoteId, remote_id), last_error = NULL, next_attempt_at = 0, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  const markRetry = sqlite.prepare(`
    UPDATE outbox SET state = 'pending', last_error = @message, next_attempt_at = @nextAttemptAt, updated_at = @now
    WHERE lead_id = @leadId AND connector = @connector AND batch_id = @batchId AND state = 'in_flight'`);
  // The merge a refused send turned into still runs: it finds no contact to merge and settles.
  const markAttention = sqlite.prepare(`
    UPDATE outbox SET state = CASE WHEN kind = 'merge' AND @step = 'upsert' THEN 'pending' ELSE 'attention' END,
      batch_id = CASE WHEN kind = 'merge' AND @step = 'upsert' THEN NULL ELSE batch_id END,
      last_error = @message, updated_at = @now
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
    (connector: ConnectorName, batchId: string, records: readonly Completion[], summary: BatchSummary | null, now: number) => {
      for (const r of records) {
        const key = { leadId: r.leadId, connector, batchId, now };
        if (r.state === 'done') {
          if (markDone.run({ ...key, remoteId: r.remoteId }).changes > 0) {
            const contactKey = r.contactKey ?? null;
            recordDelivered.run({ leadId: r.leadId, connector, remoteId: r.remoteId, now, ownerSent: r.ownerSent ?? null, contactKey });
            if (contactKey !== null && r.remoteId !== null) shareKey.run({ connector, remoteId: r.remoteId, contactKey });
          }
        } else if (r.state === 'merged') {
          if (markMerged.run({ ...key, remoteId: r.merged?.remoteId ?? null }).changes === 0) continue;
          if (r.merged) {
            const { from, into, fromKey, remoteId, key: contactKey } = r.merged;
            if (remoteId !== null) repointMerged.run({ connector, remoteId, key: contactKey, from, into });
            repointMergedByKey.run({ connector, key: contactKey, fromKey });
          }
          if (r.adopt) adoptContact.run({ leadId: r.adopt.leadId, connector, remoteId: r.adopt.remoteId, key: r.adopt.key, now });
        } else if (r.state === 'unclaimed') unclaimRow.run({ ...key, message: r.message });
        else if (r.state === 'pending') markRetry.run({ ...key, message: r.message, nextAttemptAt: r.nextAttemptAt });
        else markAttention.run({ ...key, message: r.message, step: r.step ?? 'upsert' });
      }
      if (summary) finishBatch.run({ batchId, now, ...summary });
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
     * A lead merged away (名寄せ): when this CRM holds it (or may, its send in flight), its row
     * becomes the merge of its contact into the survivor's; otherwise nothing waits for it.
     * Call inside the transaction that merged the lead: the merge can then never be lost.
     */
    followMerge(leadId: string, connector: ConnectorName, now: number): 'merge' | 'withdraw' {
      if (deliveredBefore.get(leadId, connector) === undefined && inFlight.get(leadId, connector) === undefined) {
        withdrawFor.run(leadId, connector);
        return 'withdraw';
      }
      queueMerge.run({ leadId, connector, now });
      return 'merge';
    },
    /** The contact a lead was delivered to on this connector, or null. */
    contactOf: (leadId: string, connector: ConnectorName): ContactRef | null =>
      (contactOfLead.get(leadId, connector) as ContactRef | undefined) ?? null,
    /** The contact the lead's person has on this connector (its own first), or null. */
    personContact: (leadId: string, connector: ConnectorName): ContactRef | null =>
      (contactOfPerson.get({ leadId, connector }) as ContactRef | undefined) ?? null,
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

    /** Sends these leads again from scratch (attempts reset, no backoff), whatever their state; a merge stays a merge. */
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

    /**
     * Stores each record's outcome and the batch's counts, in one transaction. Without a summary
     * the batch stays open: part of it (its merges) is stored before the rest is sent.
     */
    complete(connector: ConnectorName, batchId: string, records: readonly Completion[], summary: BatchSummary | null, now: number): void {
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
