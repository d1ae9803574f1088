import { keyOf, mapLead, type DeliveryLead, type FieldMapping } from './fields';
import type { ContactRef } from './merge';
import { classifyStatus, isObject, text, type Answer, type RecordResult, type SentRecord, type Verdict } from './results';
import { clip } from './scrub';

/**
 * A generic JSON webhook: one POST per batch, `{"leads": [...]}`, each lead under the mapping's
 * names with its LeadBooth id and its answers as an object. The body holds no send time, so the same records in the same
 * state make the same bytes — which is what lets the Idempotency-Key be derived from them.
 *
 * A receiver answers 2xx for "all taken", or 2xx with `{"results": [{"id", "ok": false, "error"}]}`
 * naming the records it refused (the others were taken); a 4xx refuses the batch's content, a
 * 5xx/408/429 asks us to come back later.
 */
export function webhookBody(leads: readonly DeliveryLead[], mapping: FieldMapping, idProperty: string) {
  return {
    // The answers also go as data, by question key (value, kind, the labels they were given
    // under, form version), for a receiver that computes on them rather than shows them.
    // One record per person (person.ts): under its contact key, with the lead whose values these
    // are and every event the person was met at.
    leads: leads.map((lead) => ({
      answers: lead.answers,
      ...mapLead(lead, mapping),
      [idProperty]: keyOf(lead),
      leadId: lead.id,
      personId: lead.personId,
      events: lead.events ?? [],
    })),
  };
}

/**
 * A lead merged away (名寄せ) after it was delivered: `{"event": "merge", "merged": {id}, "into": {id}}`
 * under the keys the receiver stores them by. Like a batch, it holds no send time, so a resend
 * carries the same Idempotency-Key and the receiver applies it once.
 */
export function webhookMergeBody(merged: ContactRef, into: ContactRef) {
  return { event: 'merge', merged: { id: merged.key }, into: { id: into.key } };
}

export function classifyWebhook(answer: Answer, sent: readonly SentRecord[], nowMs: number): Verdict {
  const common = classifyStatus(answer, nowMs);
  if (common) return common;
  const body = answer.body;
  if (!isObject(body) || !Array.isArray(body.results)) {
    return { kind: 'records', results: sent.map(({ leadId }) => ({ leadId, outcome: 'done', remoteId: null })) };
  }
  // The receiver names records by the id they went under: the contact key, or the lead id.
  const byName = new Map<string, string>();
  for (const r of sent) byName.set(r.key ?? r.leadId, r.leadId);
  const byId = new Map<string, RecordResult>();
  for (const item of body.results) {
    if (!isObject(item)) continue;
    const leadId = byName.get(text(item.id) ?? '');
    if (!leadId) continue;
    byId.set(
      leadId,
      item.ok === false
        ? { leadId, outcome: 'attention', message: clip(text(item.error) ?? 'Refused by the webhook receiver', 1000) }
        : { leadId, outcome: 'done', remoteId: text(item.remoteId) },
    );
  }
  return {
    kind: 'records',
    results: sent.map(({ leadId }) => byId.get(leadId) ?? { leadId, outcome: 'done', remoteId: null }),
  };
}
