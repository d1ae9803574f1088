import { mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
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
    fields[uniqueField] = lead.id;
    // Never let a resend blank a field someone filled in Mautic.
    return { ...fields, overwriteWithBlank: false };
  });
}

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
