import { z } from 'zod';
import { Lead } from '../model';
import { answersText, answerText } from '../qualify/answers';
import { QuestionKey } from '../qualify/form';
import type { ConnectorName } from './connectors';
import { DeliveryEvent } from './person';

/**
 * A lead as it leaves for a CRM: the lead plus what the CRM needs from around it (the event's
 * name, consent). Built from the lead's current row when the batch is sent, never earlier.
 */
export const DeliveryLead = Lead.extend({
  eventName: z.string().nullable(),
  consentVersion: z.string().nullable(),
  consentAt: z.iso.datetime().nullable(),
  /**
   * The language of the readable answers a CRM receives (the app's UI language, Japanese when
   * it follows the system). The answers themselves come in the order of the event's form.
   */
  language: z.enum(['ja', 'en']),
  /**
   * The owner's id in this CRM when the connector resolved the owner's email to one of its users
   * and it differs from what went last time; set by the engine just before the send.
   */
  crmOwnerId: z.string().nullable().optional(),
  /** The owner email whose CRM id went with the last delivery to this connector (crm_records). */
  crmOwnerSent: z.string().nullable().optional(),
  /**
   * The value the person's contact holds in the connector's id property (person.ts): what the
   * upsert is keyed on. Absent: the lead's own id.
   */
  contactKey: z.string().optional(),
  /** The person's events, oldest first (person.ts); the webhook sends them, the CRMs record them. */
  events: z.array(DeliveryEvent).optional(),
});
export type DeliveryLead = z.infer<typeof DeliveryLead>;

/** What the upsert is keyed on: the person's contact key, or the lead's id for a send planned without persons. */
export const keyOf = (lead: Pick<DeliveryLead, 'id' | 'contactKey'>): string => lead.contactKey ?? lead.id;

/** What a mapping can send: LeadBooth's side of "LeadBooth field → CRM property". */
export const LeadField = z.enum([
  'id', 'email', 'firstName', 'lastName', 'fullName', 'familyNameKana', 'givenNameKana', 'kana',
  'company', 'department', 'title', 'phone', 'url', 'eventId', 'eventName', 'rating', 'score', 'grade', 'status',
  /** The rejection reason's key while the lead is rejected. */
  'rejectionReason',
  'owner', 'notes', 'consentVersion', 'consentAt', 'capturedAt', 'capturedBy', 'source', 'badgeId',
  /** Every answer as one readable text, a line per question ("導入時期: 3か月以内"). */
  'answers',
]);
export type LeadField = z.infer<typeof LeadField>;

/** One question's answer, by its stable key (`answers.timeline`): mapped to a property of its own. */
export const AnswerField = z.templateLiteral(['answers.', QuestionKey]);
export type AnswerField = z.infer<typeof AnswerField>;
const ANSWER_PREFIX = 'answers.';

/** LeadBooth field or question → CRM property name; an empty name means "do not send". */
export const FieldMapping = z.partialRecord(z.union([LeadField, AnswerField]), z.string().max(100).regex(/^[A-Za-z0-9_.]*$/u));
export type FieldMapping = z.infer<typeof FieldMapping>;

function joinKana(family: string | null, given: string | null): string | null {
  const parts = [family, given].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' ') : null;
}

/** The value one field sends. Times go as ISO 8601 UTC, which every connector here accepts. */
export function fieldValue(lead: DeliveryLead, field: LeadField): string | number | null {
  switch (field) {
    case 'firstName':
      return lead.givenName;
    case 'lastName':
      // A badge that only had a full name: the CRM's last-name field is the one that is
      // required (HubSpot shows it, Salesforce demands it), so the full name goes there.
      return lead.familyName ?? (lead.givenName ? null : lead.fullName);
    case 'kana':
      return joinKana(lead.familyNameKana, lead.givenNameKana);
    case 'answers':
      return answersText(lead.answers, lead.language) || null;
    default:
      return lead[field];
  }
}

/**
 * One question's answer as its own property: numbers (number and 1–5 scale questions) as
 * numbers, everything else as the text a person reads (the chosen options' labels, "はい").
 */
export function answerValue(lead: DeliveryLead, key: string): string | number | null {
  const answer = Object.hasOwn(lead.answers, key) ? lead.answers[key]! : null;
  if (!answer) return null;
  if (typeof answer.value === 'number' && (answer.kind === 'number' || answer.kind === 'scale')) return answer.value;
  return answerText(answer, lead.language);
}

/** The properties one lead sends under a mapping. Blank values are left out, so an upsert never wipes what sales typed in the CRM. */
export function mapLead(lead: DeliveryLead, mapping: FieldMapping): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [field, property] of Object.entries(mapping) as [LeadField | AnswerField, string | undefined][]) {
    if (!property) continue;
    const value = field.startsWith(ANSWER_PREFIX) ? answerValue(lead, field.slice(ANSWER_PREFIX.length)) : fieldValue(lead, field as LeadField);
    if (value === null || value === '') continue;
    out[property] = value;
  }
  return out;
}

// Defaults that work without editing. Standard properties where the CRM has one; a
// leadbooth_-prefixed custom property (to be created once in the CRM) for the rest.
const HUBSPOT: FieldMapping = {
  id: 'leadbooth_id',
  email: 'email',
  firstName: 'firstname',
  lastName: 'lastname',
  company: 'company',
  title: 'jobtitle',
  phone: 'phone',
  url: 'website',
  familyNameKana: 'leadbooth_lastname_kana',
  givenNameKana: 'leadbooth_firstname_kana',
  department: 'leadbooth_department',
  eventName: 'leadbooth_event',
  rating: 'leadbooth_rating',
  score: 'leadbooth_score',
  grade: 'leadbooth_grade',
  // LeadBooth's own status: hs_lead_status is sales' field, read back as their verdict (verdicts.ts).
  status: 'leadbooth_status',
  rejectionReason: 'leadbooth_rejection_reason',
  // The owner's email as text; the CRM's own owner field goes too when the email resolves (OWNER_PROPERTY).
  owner: 'leadbooth_owner',
  badgeId: 'leadbooth_badge_id',
  consentVersion: 'leadbooth_consent_version',
  consentAt: 'leadbooth_consent_at',
  capturedAt: 'leadbooth_captured_at',
  notes: 'leadbooth_notes',
  answers: 'leadbooth_answers',
};

const SALESFORCE: FieldMapping = {
  id: 'LeadBooth_Id__c',
  email: 'Email',
  firstName: 'FirstName',
  lastName: 'LastName',
  company: 'Company',
  title: 'Title',
  phone: 'Phone',
  url: 'Website',
  familyNameKana: 'LeadBooth_Last_Name_Kana__c',
  givenNameKana: 'LeadBooth_First_Name_Kana__c',
  department: 'LeadBooth_Department__c',
  eventName: 'LeadBooth_Event__c',
  rating: 'LeadBooth_Rating__c',
  score: 'LeadBooth_Score__c',
  grade: 'LeadBooth_Grade__c',
  // Lead.Status is sales' picklist, read back as their verdict; LeadBooth's status has its own field.
  status: 'LeadBooth_Status__c',
  rejectionReason: 'LeadBooth_Rejection_Reason__c',
  owner: 'LeadBooth_Owner__c',
  badgeId: 'LeadBooth_Badge_Id__c',
  consentVersion: 'LeadBooth_Consent_Version__c',
  consentAt: 'LeadBooth_Consent_At__c',
  capturedAt: 'LeadBooth_Captured_At__c',
  // The standard Lead field, as in the Salesforce CSV layout: no custom field to create.
  notes: 'Description',
  answers: 'LeadBooth_Answers__c',
};

// Mautic's contact fields are named as HubSpot's but for the job title.
const MAUTIC: FieldMapping = { ...HUBSPOT, title: 'position' };

/**
 * A webhook receiver gets every field under LeadBooth's own names; the answers' text as
 * `answersText`, since `answers` carries them as data (webhook.ts).
 */
const WEBHOOK: FieldMapping = { ...Object.fromEntries(LeadField.options.map((f) => [f, f])), answers: 'answersText' };

/**
 * The CRM's own owner field, set to the user id the owner's email resolves to (HubSpot owner id,
 * Salesforce User Id, Mautic user id). Not part of the editable mapping: its value is an id only
 * the connector can look up.
 */
export const OWNER_PROPERTY: Partial<Record<ConnectorName, string>> = {
  hubspot: 'hubspot_owner_id',
  salesforce: 'OwnerId',
  mautic: 'owner',
};

/** The mapped properties plus the CRM owner field when the engine resolved one for this send. */
export function mapLeadWithOwner(lead: DeliveryLead, mapping: FieldMapping, name: ConnectorName): Record<string, string | number> {
  const out = mapLead(lead, mapping);
  const property = OWNER_PROPERTY[name];
  if (property && lead.crmOwnerId) out[property] = name === 'mautic' ? Number(lead.crmOwnerId) || lead.crmOwnerId : lead.crmOwnerId;
  return out;
}

export const DEFAULT_MAPPINGS: Record<ConnectorName, FieldMapping> = {
  hubspot: HUBSPOT,
  salesforce: SALESFORCE,
  mautic: MAUTIC,
  webhook: WEBHOOK,
};

/**
 * The user's edits over the defaults. The id always travels under the connector's id property:
 * it is what makes a resend an update instead of a second record.
 */
export function effectiveMapping(name: ConnectorName, edits: FieldMapping, idProperty: string): FieldMapping {
  const mapping: FieldMapping = { ...DEFAULT_MAPPINGS[name], ...edits };
  mapping.id = idProperty;
  return mapping;
}
