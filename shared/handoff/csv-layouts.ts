import { z } from 'zod';
import type { Event, Lead, Rating } from '../model';
import { answersText, answerText, type StoredAnswer } from '../qualify/answers';
import type { Question } from '../qualify/form';
import type { Cell } from './csv-write';
import { localDateTime } from './local-time';

/**
 * The three CSV layouts of a hand-off. Each is a list of columns (header + how to read a lead),
 * so a layout reads as the table it produces.
 */

export const ExportFormat = z.enum(['generic', 'hubspot', 'salesforce']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The language of the answer columns: their headers (question labels) and their cells. */
export const ExportLanguage = z.enum(['ja', 'en']);
export type ExportLanguage = z.infer<typeof ExportLanguage>;

export interface LayoutContext {
  event: Pick<Event, 'name' | 'kind'>;
  /** IANA zone for the "local" time columns. */
  timeZone: string;
  /** Japanese when not given: the language of most booths this is made for. */
  language?: ExportLanguage;
  /** The event's form now: one column per question, in its order. None: only the answers found. */
  questions?: readonly Pick<Question, 'key' | 'label'>[];
}

interface Column {
  header: string;
  value: (lead: Lead, ctx: LayoutContext) => Cell;
}

const RATING_LABEL: Record<Rating, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };
const ratingLabel = (lead: Lead) => (lead.rating ? RATING_LABEL[lead.rating] : '');

/**
 * First and last name for a CRM. Japanese badges often carry only the full name ("山田太郎"),
 * and splitting it would be a guess; the whole name goes into Last Name (姓), which is where a
 * Japanese CRM user looks first and the field Salesforce requires.
 */
export function crmName(lead: Lead): { last: string; first: string } {
  if (lead.familyName) return { last: lead.familyName, first: lead.givenName ?? '' };
  if (lead.fullName) return { last: lead.fullName, first: '' };
  if (lead.givenName) return { last: lead.givenName, first: '' };
  return { last: '', first: '' };
}

/** What Salesforce's Data Import Wizard puts in a required field nobody filled. */
export const SALESFORCE_MISSING = '[not provided]';

const capturedIso = (lead: Lead) => lead.capturedAt;
const languageOf = (ctx: LayoutContext): ExportLanguage => ctx.language ?? 'ja';
const answerOf = (lead: Lead, key: string): StoredAnswer | undefined => (Object.hasOwn(lead.answers, key) ? lead.answers[key] : undefined);
/** Every answer in one cell, in the form's order: what the CRM connectors send as one text property. */
const allAnswers = (lead: Lead, ctx: LayoutContext) => {
  const order = new Map((ctx.questions ?? []).map((q, i) => [q.key, i]));
  const rank = (key: string) => order.get(key) ?? order.size;
  const sorted = Object.entries(lead.answers).sort(([a], [b]) => rank(a) - rank(b));
  return answersText(Object.fromEntries(sorted), languageOf(ctx));
};
const consentColumns = (version: string, at: string): Column[] => [
  { header: version, value: (l) => l.consentVersion },
  { header: at, value: (l) => l.consentAt },
];
const capturedLocal = (lead: Lead, ctx: LayoutContext) => localDateTime(Date.parse(lead.capturedAt), ctx.timeZone);

const generic: Column[] = [
  { header: 'LeadBooth ID', value: (l) => l.id },
  { header: 'Event', value: (_, ctx) => ctx.event.name },
  { header: 'Captured At (UTC)', value: capturedIso },
  { header: 'Captured At (Local)', value: capturedLocal },
  { header: 'Captured By', value: (l) => l.capturedBy },
  { header: 'Source', value: (l) => l.source },
  { header: 'Badge ID', value: (l) => l.badgeId },
  { header: 'Full Name', value: (l) => l.fullName },
  { header: 'Family Name', value: (l) => l.familyName },
  { header: 'Given Name', value: (l) => l.givenName },
  { header: 'Family Name Kana', value: (l) => l.familyNameKana },
  { header: 'Given Name Kana', value: (l) => l.givenNameKana },
  { header: 'Company', value: (l) => l.company },
  { header: 'Department', value: (l) => l.department },
  { header: 'Title', value: (l) => l.title },
  { header: 'Email', value: (l) => l.email },
  { header: 'Phone', value: (l) => l.phone },
  { header: 'URL', value: (l) => l.url },
  { header: 'Rating', value: (l) => l.rating },
  { header: 'Status', value: (l) => l.status },
  { header: 'Walk-in', value: (l) => (l.walkIn ? 'yes' : 'no') },
  { header: 'Notes', value: (l) => l.notes },
  ...consentColumns('Consent Version', 'Consent At (UTC)'),
  { header: 'Updated At (UTC)', value: (l) => l.updatedAt },
];

// HubSpot's import maps a column by the property's label: these are the labels of the default
// contact properties. The LeadBooth and kana columns are the custom properties the connector
// uses; HubSpot asks once to map them and remembers.
const hubspot: Column[] = [
  { header: 'First Name', value: (l) => crmName(l).first },
  { header: 'Last Name', value: (l) => crmName(l).last },
  { header: 'Email', value: (l) => l.email },
  { header: 'Company Name', value: (l) => l.company },
  { header: 'Job Title', value: (l) => l.title },
  { header: 'Phone Number', value: (l) => l.phone },
  { header: 'Website URL', value: (l) => l.url },
  { header: 'LeadBooth ID', value: (l) => l.id },
  { header: 'Last Name Kana', value: (l) => l.familyNameKana },
  { header: 'First Name Kana', value: (l) => l.givenNameKana },
  { header: 'Department', value: (l) => l.department },
  { header: 'LeadBooth Event', value: (_, ctx) => ctx.event.name },
  { header: 'LeadBooth Rating', value: ratingLabel },
  { header: 'LeadBooth Captured At', value: capturedIso },
  { header: 'LeadBooth Notes', value: (l) => l.notes },
  { header: 'LeadBooth Answers', value: allAnswers },
  ...consentColumns('LeadBooth Consent Version', 'LeadBooth Consent At'),
];

// Salesforce's Data Import Wizard refuses a lead without Last Name or Company, so both get a
// fallback rather than losing the row. Rating is the standard Lead picklist (Hot/Warm/Cold);
// the __c columns are custom fields, LeadBooth_Id__c being the connector's external id.
const salesforce: Column[] = [
  { header: 'First Name', value: (l) => crmName(l).first },
  {
    header: 'Last Name',
    value: (l) => crmName(l).last || l.email || l.badgeId || SALESFORCE_MISSING,
  },
  { header: 'Company', value: (l) => l.company || SALESFORCE_MISSING },
  { header: 'Title', value: (l) => l.title },
  { header: 'Email', value: (l) => l.email },
  { header: 'Phone', value: (l) => l.phone },
  { header: 'Website', value: (l) => l.url },
  { header: 'Lead Source', value: (_, ctx) => (ctx.event.kind === 'seminar' ? 'Seminar' : 'Trade Show') },
  { header: 'Rating', value: ratingLabel },
  { header: 'Description', value: (l) => l.notes },
  { header: 'LeadBooth_Id__c', value: (l) => l.id },
  { header: 'LastNameKana__c', value: (l) => l.familyNameKana },
  { header: 'FirstNameKana__c', value: (l) => l.givenNameKana },
  { header: 'Department__c', value: (l) => l.department },
  { header: 'LeadBooth_Event__c', value: (_, ctx) => ctx.event.name },
  { header: 'LeadBooth_Captured_At__c', value: capturedIso },
  { header: 'LeadBooth_Answers__c', value: allAnswers },
  ...consentColumns('LeadBooth_Consent_Version__c', 'LeadBooth_Consent_At__c'),
];

export const LAYOUTS: Record<ExportFormat, readonly Column[]> = { generic, hubspot, salesforce };

/**
 * One column per question, after the layout's own: the form's questions in its order, then any
 * other question the exported leads answered (a question since removed from the form, or asked
 * on another booth's form), in the order first met. The header is the question's label in the
 * export's language (the form's words, else those the answer was given under); a label that
 * would repeat an earlier header gets its key added, so every column stays tellable apart.
 */
export function answerColumns(leads: readonly Lead[], ctx: LayoutContext, taken: readonly string[] = []): Column[] {
  const language = languageOf(ctx);
  const labels = new Map<string, string>((ctx.questions ?? []).map((q) => [q.key, q.label[language]]));
  for (const lead of leads) {
    for (const [key, answer] of Object.entries(lead.answers)) if (!labels.has(key)) labels.set(key, answer.label[language]);
  }
  const headers = new Set(taken);
  return [...labels].map(([key, label]) => {
    const header = headers.has(label) ? `${label} (${key})` : label;
    headers.add(header);
    return {
      header,
      value: (lead: Lead) => {
        const answer = answerOf(lead, key);
        return answer ? answerText(answer, language) : null;
      },
    };
  });
}

/** The header row, then one row per lead, in the order given. */
export function layoutRows(format: ExportFormat, leads: readonly Lead[], ctx: LayoutContext): Cell[][] {
  const fixed = LAYOUTS[format];
  const columns = [...fixed, ...answerColumns(leads, ctx, fixed.map((c) => c.header))];
  return [columns.map((c) => c.header), ...leads.map((lead) => columns.map((c) => c.value(lead, ctx)))];
}
