import { mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
import {
  bodyMessage, classifyStatus, isObject, text, unmentioned, type Answer, type RecordResult, type SentRecord, type Verdict,
} from './results';
import { clip } from './scrub';

/**
 * Salesforce sObject Collections upsert: PATCH /services/data/vXX.X/composite/sobjects/Lead/{ExternalIdField},
 * up to 200 records, allOrNone false so one bad record does not sink the other 199. The answer
 * is an array in the order of the records: {id, success, errors[], created}.
 */
export function salesforceUpsertPath(apiVersion: string, externalIdField: string): string {
  return `/services/data/v${apiVersion}/composite/sobjects/Lead/${externalIdField}`;
}

/** Lead.LastName and Lead.Company are required by Salesforce: a lead without them would be refused outright. */
export const UNKNOWN = '(unknown)';

export function salesforceBody(leads: readonly DeliveryLead[], mapping: FieldMapping, externalIdField: string) {
  return {
    allOrNone: false,
    records: leads.map((lead) => {
      const fields: Record<string, string | number> = mapLeadWithOwner(lead, mapping, 'salesforce');
      fields[externalIdField] = lead.id;
      if (!fields.LastName) fields.LastName = lead.fullName ?? UNKNOWN;
      if (!fields.Company) fields.Company = UNKNOWN;
      return { attributes: { type: 'Lead' }, ...fields };
    }),
  };
}

/** Errors that say "not now" rather than "not this". */
const TRANSIENT = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE', 'QUERY_TIMEOUT']);

function recordError(errors: unknown): { message: string; transient: boolean } {
  const list = Array.isArray(errors) ? errors.filter(isObject) : [];
  if (list.length === 0) return { message: 'Rejected by Salesforce', transient: false };
  const message = list
    .map((e) => {
      const fields = Array.isArray(e.fields) && e.fields.length ? ` [${e.fields.join(', ')}]` : '';
      return `${text(e.statusCode) ?? 'ERROR'}: ${text(e.message) ?? ''}${fields}`;
    })
    .join('; ');
  return { message: clip(message, 1000), transient: list.every((e) => TRANSIENT.has(text(e.statusCode) ?? '')) };
}

export function classifySalesforce(answer: Answer, sent: readonly SentRecord[], nowMs: number): Verdict {
  const common = classifyStatus(answer, nowMs);
  if (common) {
    // Salesforce says 403 REQUEST_LIMIT_EXCEEDED when the org's daily API allowance is spent.
    if (answer.status === 403 && /REQUEST_LIMIT_EXCEEDED/u.test(JSON.stringify(answer.body))) {
      return { kind: 'retry', cause: 'rate_limit', message: common.message, retryAfterMs: null };
    }
    return common;
  }
  const body = answer.body;
  if (!Array.isArray(body)) {
    return { kind: 'retry', cause: 'server', message: `Unreadable Salesforce answer: ${bodyMessage(body)}`, retryAfterMs: null };
  }
  const results: RecordResult[] = sent.map(({ leadId }, i) => {
    const item = body[i];
    if (!isObject(item)) return unmentioned(leadId);
    if (item.success === true) return { leadId, outcome: 'done', remoteId: text(item.id) };
    const { message, transient } = recordError(item.errors);
    return transient ? { leadId, outcome: 'retry', message, retryAfterMs: null } : { leadId, outcome: 'attention', message };
  });
  return { kind: 'records', results };
}

/** sObject Collections retrieve: GET …/composite/sobjects/Lead?ids=…&fields=…; the answer holds null for an id it cannot read. */
export const SALESFORCE_READ_LIMIT = 200;

export function salesforceReadPath(apiVersion: string, remoteIds: readonly string[], fields: readonly string[]): string {
  const ids = remoteIds.map(encodeURIComponent).join(',');
  return `/services/data/v${apiVersion}/composite/sobjects/Lead?ids=${ids}&fields=${['Id', ...fields].map(encodeURIComponent).join(',')}`;
}

/** A SOQL string literal: backslash and quote escaped, as Salesforce's SOQL reference requires. */
export const soqlString = (value: string) => `'${value.replace(/\\/gu, '\\\\').replace(/'/gu, "\\'")}'`;

/** The User whose email this is: its Id is what Lead.OwnerId takes. */
export function salesforceOwnerPath(apiVersion: string, email: string): string {
  const soql = `SELECT Id FROM User WHERE Email = ${soqlString(email)} AND IsActive = true LIMIT 1`;
  return `/services/data/v${apiVersion}/query?q=${encodeURIComponent(soql)}`;
}

export function salesforceOwnerId(body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.records)) return null;
  const first = body.records.find(isObject);
  return first ? text(first.Id) : null;
}
