import { keyOf, mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
import {
  bodyMessage, classifyStatus, isObject, text, unmentioned, type Answer, type RecordResult, type SentRecord, type Verdict,
} from './results';
import { clip } from './scrub';

/**
 * Mautic: POST /api/contacts/batch/new, up to 200 contacts (api_batch_max_limit). Despite the
 * name it updates a contact that matches on a unique identifier field, so the LeadBooth id must
 * be a custom field `leadbooth_id` marked "unique identifier" in Mautic: then a resend finds the
 * contact instead of creating a second one. The answer: {contacts, statusCodes, errors?}, each
 * keyed by the input's index (an array, or an object when PHP left gaps).
 */
export const MAUTIC_BATCH_PATH = '/api/contacts/batch/new';

export function mauticBody(leads: readonly DeliveryLead[], mapping: FieldMapping, uniqueField: string) {
  return leads.map((lead) => {
    const fields: Record<string, string | number> = mapLeadWithOwner(lead, mapping, 'mautic');
    fields[uniqueField] = keyOf(lead);
    const tags = (lead.events ?? []).map(eventTag);
    // Never let a resend blank a field someone filled in Mautic.
    return { ...fields, ...(tags.length ? { tags } : {}), overwriteWithBlank: false };
  });
}

/**
 * Each event the person was met at, as a tag on their one contact: Mautic adds the tags a
 * request names to those the contact has (it removes one only when asked with a leading "-"),
 * so sending them again is harmless and a segment can filter on them. Mautic splits tags on
 * commas, so none may hold one.
 */
export const eventTag = (event: { eventName: string | null; eventId: string }): string =>
  `LeadBooth: ${(event.eventName ?? event.eventId).replace(/,/gu, ' ').trim()}`;

/**
 * Mautic's REST API has no merge call (contacts are merged in its UI or by its own matching on
 * unique fields), so a lead merged away is done as its documented alternative: the merged
 * contact is deleted (DELETE /api/contacts/{id}/delete) once the survivor's holds the person —
 * its events come with the survivor's own sends as tags. GET /api/contacts/{id} answering 404
 * first means it is gone already (a crash, a lost answer): done, never twice.
 */
export const mauticContactPath = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;
export const mauticDeletePath = (id: string) => `/api/contacts/${encodeURIComponent(id)}/delete`;

const at = (collection: unknown, index: number): unknown => {
  if (Array.isArray(collection)) return collection[index];
  if (isObject(collection)) return collection[String(index)];
  return undefined;
};

function errorMessage(error: unknown): string {
  if (!isObject(error)) return 'Rejected by Mautic';
  const parts = [text(error.message) ?? 'Rejected by Mautic'];
  if (isObject(error.details)) {
    for (const [field, problems] of Object.entries(error.details)) {
      const list = Array.isArray(problems) ? problems.join(' ') : String(problems);
      if (!parts[0]!.includes(list)) parts.push(`${field}: ${list}`);
    }
  }
  return clip(parts.join('; '), 1000);
}

export function classifyMautic(answer: Answer, sent: readonly SentRecord[], nowMs: number): Verdict {
  const common = classifyStatus(answer, nowMs);
  if (common) return common;
  const body = answer.body;
  if (!isObject(body) || body.statusCodes === undefined) {
    return { kind: 'retry', cause: 'server', message: `Unreadable Mautic answer: ${bodyMessage(body)}`, retryAfterMs: null };
  }
  const results: RecordResult[] = sent.map(({ leadId }, i) => {
    const code = Number(at(body.statusCodes, i));
    if (code === 200 || code === 201) {
      const contact = at(body.contacts, i);
      const id = isObject(contact) ? contact.id : undefined;
      return { leadId, outcome: 'done', remoteId: id === undefined || id === null ? null : String(id) };
    }
    if (!Number.isFinite(code)) return unmentioned(leadId);
    const message = `${code}: ${errorMessage(at(body.errors, i))}`;
    if (code >= 500 || code === 429) return { leadId, outcome: 'retry', message, retryAfterMs: null };
    return { leadId, outcome: 'attention', message };
  });
  return { kind: 'records', results };
}

/** Mautic's users list, searched by email; a contact's `owner` field takes the user's id. */
export const mauticOwnerPath = (email: string) => `/api/users?search=${encodeURIComponent(`email:${email}`)}&limit=1&minimal=true`;

export function mauticOwnerId(body: unknown, email: string): string | null {
  if (!isObject(body)) return null;
  const users = Array.isArray(body.users) ? body.users : isObject(body.users) ? Object.values(body.users) : [];
  const match = users.filter(isObject).find((u) => typeof u.email === 'string' && u.email.toLowerCase() === email.toLowerCase());
  if (!match) return null;
  return typeof match.id === 'number' ? String(match.id) : text(match.id);
}
