import { keyOf, mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
import {
  bodyMessage, classifyStatus, isObject, text, unmentioned, type Answer, type RecordResult, type SentRecord, type Verdict,
} from './results';
import { clip } from './scrub';

/**
 * HubSpot CRM v3: POST /crm/v3/objects/contacts/batch/upsert, up to 100 inputs. Each input is
 * keyed by idProperty (a unique custom property holding the person's contact key: person.ts),
 * so sending it twice updates the same contact. objectWriteTraceId (the lead whose values go)
 * lets a 207 answer name the input it failed.
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
    properties[idProperty] = keyOf(lead);
    return { idProperty, id: keyOf(lead), objectWriteTraceId: lead.id, properties };
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

  // An input is named by its trace id (the lead id) or by the key it went under.
  const byName = new Map<string, string>();
  for (const r of sent) {
    byName.set(r.leadId, r.leadId);
    if (r.key) byName.set(r.key, r.leadId);
  }
  const known = new Set(byName.keys());
  const results = new Map<string, RecordResult>();
  for (const result of Array.isArray(body.results) ? body.results : []) {
    if (!isObject(result)) continue;
    const properties = isObject(result.properties) ? result.properties : {};
    const leadId = byName.get(text(result.objectWriteTraceId) ?? '') ?? byName.get(text(properties[idProperty]) ?? '');
    if (leadId) results.set(leadId, { leadId, outcome: 'done', remoteId: text(result.id) });
  }
  const unattributed: string[] = [];
  for (const error of Array.isArray(body.errors) ? body.errors : []) {
    if (!isObject(error)) continue;
    const message = errorMessage(error);
    const transient = TRANSIENT_CATEGORIES.has(text(error.category) ?? '');
    const targets = [...new Set(errorTargets(error, known).map((name) => byName.get(name)!))];
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

/**
 * HubSpot keeps one contact per email: an upsert whose email another contact holds is refused
 * with 409 CONFLICT "Contact already exists. Existing ID: 123". That contact is this person's
 * (made by a form, an import, or a delivery keyed before the person was known): the send
 * adopts it — an update by its id, which also writes the person's key into it — instead of
 * asking a person to sort out a conflict that is no one's mistake.
 */
export function hubspotConflictId(answer: Pick<Answer, 'status' | 'body'>): string | null {
  if (answer.status !== 409) return null;
  const match = /Existing ID: ?(\d+)/u.exec(bodyMessage(answer.body));
  return match ? match[1]! : null;
}

/** POST /crm/v3/objects/contacts/batch/update: by HubSpot's record id. */
export const HUBSPOT_UPDATE_PATH = '/crm/v3/objects/contacts/batch/update';

export function hubspotUpdateBody(input: HubspotInput, remoteId: string) {
  return { inputs: [{ id: remoteId, objectWriteTraceId: input.objectWriteTraceId, properties: input.properties }] };
}

/** Merging: POST /crm/v3/objects/contacts/merge; the answer is the contact left (HubSpot may give it a new id). */
export const HUBSPOT_MERGE_PATH = '/crm/v3/objects/contacts/merge';

export const hubspotMergeBody = (primaryObjectId: string, objectIdToMerge: string) => ({ primaryObjectId, objectIdToMerge });

/** Reading the survivor first: a merged id is listed in hs_merged_object_ids of the contact it went into. */
export const hubspotContactPath = (remoteId: string) =>
  `/crm/v3/objects/contacts/${encodeURIComponent(remoteId)}?properties=hs_merged_object_ids`;

/** The contact's id when it already holds `mergedId` (merged before a crash or a lost answer), else null. */
export function hubspotAlreadyMerged(body: unknown, mergedId: string): string | null {
  if (!isObject(body)) return null;
  const properties = isObject(body.properties) ? body.properties : {};
  const ids = (text(properties.hs_merged_object_ids) ?? '').split(';').map((id) => id.trim());
  return ids.includes(mergedId) ? (text(body.id) ?? null) : null;
}

/** The contact a merge answered with. */
export const hubspotMergedId = (body: unknown): string | null => (isObject(body) ? text(body.id) : null);

/**
 * Each event the person was met at is a static (MANUAL) contact list named for it, and the
 * contact a member: adding a member twice changes nothing, so a resend is harmless, and a
 * marketer can filter on the list.
 *
 * The list is created first and only looked up when the create is refused: names are unique
 * in HubSpot, a new event's list takes one request, an existing one (made by an earlier run of
 * the app) two, once per connector's life. The lookup is the exact-name read, not a search (a
 * search matches substrings, pages its answer, and would miss the list among 20 similar names).
 */
export const HUBSPOT_LISTS_PATH = '/crm/v3/lists';
export const hubspotListByNamePath = (name: string) => `/crm/v3/lists/object-type-id/0-1/name/${encodeURIComponent(name)}`;
export const hubspotMembershipPath = (listId: string) => `/crm/v3/lists/${encodeURIComponent(listId)}/memberships/add`;

/**
 * Record ids per membership call. HubSpot's v3 reference for memberships/add states no
 * maximum (its only documented list limits: 100,000 members for add-from's source list; the
 * retired v1 add took 500 a call): 10,000 ids (~110 KB of JSON) is our own bound, so a show's
 * evening upload records its event in one call, not one per batch of 100 contacts.
 */
export const HUBSPOT_MEMBERSHIP_LIMIT = 10_000;

/** Contacts per batch upsert: HubSpot's documented maximum for batch inputs. */
export const HUBSPOT_UPSERT_LIMIT = 100;

export const eventListName = (event: { eventName: string | null; eventId: string }): string =>
  `LeadBooth: ${event.eventName ?? event.eventId}`;

export const hubspotListCreateBody = (name: string) => ({ name, objectTypeId: '0-1', processingType: 'MANUAL' });

/** The list's id in a create or read-by-name answer ({ list: { listId } }), or null. */
export function hubspotListIdOf(body: unknown): string | null {
  const list = isObject(body) && isObject(body.list) ? body.list : null;
  if (!list) return null;
  return text(list.listId) ?? (typeof list.listId === 'number' ? String(list.listId) : null);
}
