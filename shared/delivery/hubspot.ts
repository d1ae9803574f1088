import { mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
import {
  bodyMessage, classifyStatus, isObject, text, unmentioned, type Answer, type RecordResult, type SentRecord, type Verdict,
} from './results';
import { clip } from './scrub';

/**
 * HubSpot CRM v3: POST /crm/v3/objects/contacts/batch/upsert, up to 100 inputs. Each input is
 * keyed by idProperty (a unique custom property holding the LeadBooth id), so sending it twice
 * updates the same contact. objectWriteTraceId lets a 207 answer name the input it failed.
 */
export const HUBSPOT_UPSERT_PATH = '/crm/v3/objects/contacts/batch/upsert';

export interface HubspotInput {
  idProperty: string;
  id: string;
  objectWriteTraceId: string;
  properties: Record<string, string>;
}

export function hubspotInputs(leads: readonly DeliveryLead[], mapping: FieldMapping, idProperty: string): HubspotInput[] {
  return leads.map((lead) => {
    const properties: Record<string, string> = {};
    for (const [name, value] of Object.entries(mapLeadWithOwner(lead, mapping, 'hubspot'))) properties[name] = String(value);
    properties[idProperty] = lead.id;
    return { idProperty, id: lead.id, objectWriteTraceId: lead.id, properties };
  });
}

const TRANSIENT_CATEGORIES = new Set(['RATE_LIMITS', 'RATE_LIMIT', 'INTERNAL_ERROR', 'TIMEOUT']);

function errorMessage(error: Record<string, unknown>): string {
  const parts = [text(error.message) ?? 'Rejected by HubSpot'];
  if (Array.isArray(error.errors)) {
    for (const sub of error.errors) {
      if (isObject(sub) && text(sub.message) && !parts[0]!.includes(sub.message as string)) parts.push(sub.message as string);
    }
  }
  const category = text(error.category);
  return clip(category ? `${category}: ${parts.join('; ')}` : parts.join('; '), 1000);
}

/** The inputs an error names: by objectWriteTraceId, or by the id values HubSpot puts in its context. */
function errorTargets(error: Record<string, unknown>, known: Set<string>): string[] {
  const context = isObject(error.context) ? error.context : {};
  const names: string[] = [];
  for (const key of ['objectWriteTraceId', 'ids', 'id']) {
    const value = context[key];
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (typeof v === 'string' && known.has(v)) names.push(v);
  }
  return names;
}

export function classifyHubspot(answer: Answer, sent: readonly SentRecord[], idProperty: string, nowMs: number): Verdict {
  const common = classifyStatus(answer, nowMs);
  if (common) {
    // HubSpot answers 403 for a missing scope and for its daily limit; only the first is about credentials.
    if (answer.status === 403 && /limit/iu.test(bodyMessage(answer.body))) {
      return { kind: 'retry', cause: 'rate_limit', message: common.message, retryAfterMs: null };
    }
    return common;
  }
  const body = answer.body;
  if (!isObject(body)) return { kind: 'retry', cause: 'server', message: `Unreadable HubSpot answer: ${bodyMessage(body)}`, retryAfterMs: null };

  const known = new Set(sent.map((r) => r.leadId));
  const results = new Map<string, RecordResult>();
  for (const result of Array.isArray(body.results) ? body.results : []) {
    if (!isObject(result)) continue;
    const properties = isObject(result.properties) ? result.properties : {};
    const leadId = text(result.objectWriteTraceId) ?? text(properties[idProperty]);
    if (leadId && known.has(leadId)) results.set(leadId, { leadId, outcome: 'done', remoteId: text(result.id) });
  }
  const unattributed: string[] = [];
  for (const error of Array.isArray(body.errors) ? body.errors : []) {
    if (!isObject(error)) continue;
    const message = errorMessage(error);
    const transient = TRANSIENT_CATEGORIES.has(text(error.category) ?? '');
    const targets = errorTargets(error, known);
    if (targets.length === 0) unattributed.push(message);
    for (const leadId of targets) {
      results.set(
        leadId,
        transient ? { leadId, outcome: 'retry', message, retryAfterMs: null } : { leadId, outcome: 'attention', message },
      );
    }
  }
  return {
    kind: 'records',
    results: sent.map(({ leadId }) => {
      const found = results.get(leadId);
      if (found) return found;
      // An error we could not tie to an input, and this input has no result: show it to a person
      // rather than retry forever.
      if (unattributed.length) return { leadId, outcome: 'attention', message: clip(unattributed.join('; '), 1000) };
      return unmentioned(leadId);
    }),
  };
}

/** The rate-limit headers HubSpot sends with every answer. */
export interface HubspotRateHeaders {
  max: number | null;
  remaining: number | null;
  intervalMs: number | null;
}

export function hubspotRateHeaders(answer: Pick<Answer, 'header'>): HubspotRateHeaders {
  const num = (name: string) => {
    const value = answer.header(name);
    if (value === null || value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  };
  return {
    max: num('x-hubspot-ratelimit-max'),
    remaining: num('x-hubspot-ratelimit-remaining'),
    intervalMs: num('x-hubspot-ratelimit-interval-milliseconds'),
  };
}

/** Batch read of contacts by HubSpot's record id, up to 100 inputs: sales' verdict comes back this way. */
export const HUBSPOT_READ_PATH = '/crm/v3/objects/contacts/batch/read';
export const HUBSPOT_READ_LIMIT = 100;

export function hubspotReadBody(remoteIds: readonly string[], properties: readonly string[]) {
  return { properties: [...properties], inputs: remoteIds.map((id) => ({ id })) };
}

/** The owners API answers the owner whose email this is (exact match); its `id` is what hubspot_owner_id takes. */
export const hubspotOwnerPath = (email: string) => `/crm/v3/owners/?email=${encodeURIComponent(email)}&limit=1&archived=false`;

export function hubspotOwnerId(body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.results)) return null;
  const first = body.results.find(isObject);
  return first ? (text(first.id) ?? (typeof first.id === 'number' ? String(first.id) : null)) : null;
}
