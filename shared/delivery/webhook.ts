import { mapLead, type DeliveryLead, type FieldMapping } from './fields';
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
    leads: leads.map((lead) => ({ answers: lead.answers, ...mapLead(lead, mapping), [idProperty]: lead.id })),
  };
}

export function classifyWebhook(answer: Answer, sent: readonly SentRecord[], nowMs: number): Verdict {
  const common = classifyStatus(answer, nowMs);
  if (common) return common;
  const body = answer.body;
  if (!isObject(body) || !Array.isArray(body.results)) {
    return { kind: 'records', results: sent.map(({ leadId }) => ({ leadId, outcome: 'done', remoteId: null })) };
  }
  const byId = new Map<string, RecordResult>();
  for (const item of body.results) {
    if (!isObject(item)) continue;
    const leadId = text(item.id);
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
