import type { Input } from '../../../shared/api';
import { PERSON_FIELD_NAMES, type Lead, type PersonFields, type Rating } from '../../../shared/model';
import type { AnswerValue } from '../../../shared/qualify/answers';
import { qualifyChanges, qualifyValuesOf } from '../../../shared/qualify/changes';
import type { Question } from '../../../shared/qualify/form';

/**
 * The editor's working copy of a lead and what saving it sends: only what the person changed,
 * so a field another device or a rescan filled meanwhile is never written back over.
 */

export interface LeadDraft {
  fields: Record<keyof PersonFields, string>;
  notes: string;
  rating: Rating | null;
  /** By question key; absent or null: not answered. */
  answers: Record<string, AnswerValue | null>;
  consentVersion: string | null;
}

export type LeadUpdate = Input<'leads.update'>;

export function draftOf(lead: Lead): LeadDraft {
  const fields = Object.fromEntries(PERSON_FIELD_NAMES.map((name) => [name, lead[name] ?? ''])) as LeadDraft['fields'];
  const answers = Object.fromEntries(Object.entries(lead.answers).map(([key, answer]) => [key, answer.value]));
  return { fields, notes: lead.notes ?? '', rating: lead.rating, answers, consentVersion: lead.consentVersion };
}

/**
 * The leads.update input for what differs between the lead and the draft, or null when nothing
 * does. Only questions of the current form are sent: answers given under an older form are
 * shown read-only and never touched.
 */
export function changesOf(lead: Lead, draft: LeadDraft, questions: readonly Question[]): LeadUpdate | null {
  const fields: PersonFields = {};
  const clear: (keyof PersonFields)[] = [];
  for (const name of PERSON_FIELD_NAMES) {
    const next = draft.fields[name].trim();
    if (next === (lead[name] ?? '').trim()) continue;
    if (next === '') clear.push(name);
    else fields[name] = next;
  }
  const qualify = qualifyChanges(
    qualifyValuesOf(lead),
    { rating: draft.rating, notes: draft.notes, answers: draft.answers, consent: draft.consentVersion },
    questions.map((q) => q.key),
  );
  const update: LeadUpdate = { id: lead.id, ...qualify };
  if (Object.keys(fields).length > 0) update.fields = fields;
  if (clear.length > 0) update.clear = clear;
  return Object.keys(update).length > 1 ? update : null;
}
