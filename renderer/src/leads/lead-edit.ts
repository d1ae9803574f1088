import type { Input } from '../../../shared/api';
import { PERSON_FIELD_NAMES, type Lead, type PersonFields, type Rating } from '../../../shared/model';
import type { AnswerValue } from '../../../shared/qualify/answers';
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

/** An answer with nothing in it (an emptied text box, no box ticked) is no answer. */
function isEmpty(value: AnswerValue | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'number' && Number.isNaN(value);
}

function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
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

  const answers: Record<string, AnswerValue | null> = {};
  for (const question of questions) {
    const before = lead.answers[question.key]?.value;
    const after = draft.answers[question.key];
    if (sameAnswer(before, after)) continue;
    answers[question.key] = isEmpty(after) ? null : typeof after === 'string' ? after.trim() : after!;
  }

  const update: LeadUpdate = { id: lead.id };
  if (Object.keys(fields).length > 0) update.fields = fields;
  if (clear.length > 0) update.clear = clear;
  if (draft.notes.trim() !== (lead.notes ?? '').trim()) update.notes = draft.notes.trim() === '' ? null : draft.notes;
  if (draft.rating !== lead.rating) update.rating = draft.rating;
  if (Object.keys(answers).length > 0) update.answers = answers;
  if (draft.consentVersion !== lead.consentVersion) update.consent = draft.consentVersion === null ? null : { version: draft.consentVersion };
  return Object.keys(update).length > 1 ? update : null;
}
