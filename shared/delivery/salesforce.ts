import { keyOf, mapLeadWithOwner, type DeliveryLead, type FieldMapping } from './fields';
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
      fields[externalIdField] = keyOf(lead);
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

/**
 * Salesforce keeps one Lead per email where the org's duplicate rule blocks (the standard Lead
 * rule matches on email): an upsert that would make a second one fails with DUPLICATES_DETECTED
 * and names the Lead it matched. That Lead is this person's: the send adopts it, updating it by
 * its Id (writing the person's key into it), instead of leaving a conflict for a person to fix.
 * One entry per record sent, in order: the matched Lead's Id, or null.
 */
export function salesforceDuplicates(body: unknown, count: number): (string | null)[] {
  const out: (string | null)[] = Array.from({ length: count }, () => null);
  if (!Array.isArray(body)) return out;
  body.slice(0, count).forEach((item, i) => {
    if (!isObject(item) || item.success !== false || !Array.isArray(item.errors)) return;
    for (const error of item.errors) {
      if (!isObject(error) || error.statusCode !== 'DUPLICATES_DETECTED' || !isObject(error.duplicateResult)) continue;
      const matches = Array.isArray(error.duplicateResult.matchResults) ? error.duplicateResult.matchResults : [];
      for (const match of matches) {
        const records = isObject(match) && Array.isArray(match.matchRecords) ? match.matchRecords : [];
        const first = records.find((r) => isObject(r) && isObject(r.record) && text(r.record.Id));
        if (first) {
          out[i] = text((first as { record: { Id: string } }).record.Id);
          return;
        }
      }
    }
  });
  return out;
}

/** sObject Collections update: PATCH …/composite/sobjects, records by Id. */
export const salesforceUpdatePath = (apiVersion: string) => `/services/data/v${apiVersion}/composite/sobjects`;

export function salesforceUpdateBody(records: readonly { id: string; fields: Record<string, unknown> }[]) {
  return { allOrNone: false, records: records.map(({ id, fields }) => ({ ...fields, attributes: { type: 'Lead' }, id })) };
}

/**
 * Merging Leads: the REST API has no merge; the SOAP API's merge() is Salesforce's documented
 * call (it reparents the victim's related records — tasks, campaign members — to the master and
 * deletes the victim, keeping its MasterRecordId). Partner endpoint, session id = access token.
 */
export const salesforceSoapPath = (apiVersion: string) => `/services/Soap/u/${apiVersion}`;

const xml = (value: string) => value.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

export function salesforceMergeEnvelope(sessionId: string, masterId: string, victimId: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com" xmlns:sf="urn:sobject.partner.soap.sforce.com">',
    `<env:Header><urn:SessionHeader><urn:sessionId>${xml(sessionId)}</urn:sessionId></urn:SessionHeader></env:Header>`,
    '<env:Body><urn:merge><urn:request>',
    `<urn:masterRecord><sf:type>Lead</sf:type><sf:Id>${xml(masterId)}</sf:Id></urn:masterRecord>`,
    `<urn:recordToMergeIds>${xml(victimId)}</urn:recordToMergeIds>`,
    '</urn:request></urn:merge></env:Body></env:Envelope>',
  ].join('');
}

/** What merge() answered: merged, refused with Salesforce's code and words, or the session is invalid (refresh it). */
export type SoapMergeResult = { kind: 'merged' } | { kind: 'refused'; code: string; message: string } | { kind: 'session' } | { kind: 'unreadable'; message: string };

const tag = (body: string, name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`, 'u').exec(body)?.[1] ?? null;

export function salesforceMergeResult(body: string): SoapMergeResult {
  if (/INVALID_SESSION_ID/u.test(body)) return { kind: 'session' };
  const fault = tag(body, 'faultstring');
  if (fault !== null) return { kind: 'refused', code: tag(body, 'faultcode') ?? 'FAULT', message: fault };
  const success = tag(body, 'success');
  if (success === 'true') return { kind: 'merged' };
  if (success === 'false') return { kind: 'refused', code: tag(body, 'statusCode') ?? 'ERROR', message: tag(body, 'message') ?? 'Refused by Salesforce' };
  return { kind: 'unreadable', message: clip(body, 300) };
}

/** Was the victim merged already (a crash, a lost answer)? queryAll sees deleted rows and their MasterRecordId. */
export function salesforceMergedPath(apiVersion: string, victimId: string): string {
  const soql = `SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = ${soqlString(victimId)}`;
  return `/services/data/v${apiVersion}/queryAll?q=${encodeURIComponent(soql)}`;
}

/** The master the victim went into, or null (not merged). */
export function salesforceMasterOf(body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.records)) return null;
  const first = body.records.find(isObject);
  return first && first.IsDeleted === true ? text(first.MasterRecordId) : null;
}

/**
 * Each event the person was met at is a Campaign, upserted by LeadBooth's event id in an
 * external id field (LeadBooth_Event_Id__c, created once on Campaign), and the Lead its member:
 * Salesforce keeps one CampaignMember per Lead and Campaign (DUPLICATE_VALUE "Already a campaign
 * member" for a second), so a resend is harmless; merge() moves the victim's memberships.
 */
export const CAMPAIGN_EVENT_FIELD = 'LeadBooth_Event_Id__c';

export const salesforceCampaignPath = (apiVersion: string, eventId: string) =>
  `/services/data/v${apiVersion}/sobjects/Campaign/${CAMPAIGN_EVENT_FIELD}/${encodeURIComponent(eventId)}`;

export const salesforceCampaignBody = (event: { eventName: string | null; eventId: string }) => ({
  Name: `LeadBooth: ${event.eventName ?? event.eventId}`.slice(0, 80),
  IsActive: true,
});

/** sObject Collections create: POST …/composite/sobjects. */
export const salesforceCreatePath = (apiVersion: string) => `/services/data/v${apiVersion}/composite/sobjects`;

export function salesforceMembersBody(members: readonly { campaignId: string; leadId: string }[]) {
  return {
    allOrNone: false,
    records: members.map(({ campaignId, leadId }) => ({ attributes: { type: 'CampaignMember' }, CampaignId: campaignId, LeadId: leadId, Status: 'Responded' })),
  };
}

/** The Campaign's Id from an upsert's answer. */
export const salesforceUpsertedId = (body: unknown): string | null => (isObject(body) ? text(body.id) : null);
