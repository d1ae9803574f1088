import type { Input } from '../api';
import type { Lead, Rating } from '../model';
import type { AnswerValue } from './answers';

/**
 * What a person can change when qualifying a lead (the capture card, the lead editor), and the
 * part of one leads.update that carries only what changed: a field another device or a rescan
 * filled meanwhile is never written back over.
 */
export interface QualifyValues {
  rating: Rating | null;
  /** By question key; absent or null: not answered. Values only: the core keeps the labels. */
  answers: Readonly<Record<string, AnswerValue | null>>;
  notes: string;
  /** The consent text version the person agreed to, or null. */
  consent: string | null;
}

export type QualifyChanges = Pick<Input<'leads.update'>, 'rating' | 'notes' | 'answers' | 'consent'>;

export function qualifyValuesOf(lead: Lead): QualifyValues {
  return {
    rating: lead.rating,
    answers: Object.fromEntries(Object.entries(lead.answers).map(([key, answer]) => [key, answer.value])),
    notes: lead.notes ?? '',
    consent: lead.consentVersion,
  };
}

/** An answer with nothing in it (an emptied text box, no box ticked) is no answer. */
function isEmpty(value: AnswerValue | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'number' && Number.isNaN(value);
}

/** The same picks in another order, or the same text with other spacing around it, are the same answer. */
function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/**
 * What `draft` changes on top of `stored`, or null when nothing does. `keys` limits the answers
 * compared (the editor sends only the current form's questions; answers given under an older
 * form are shown read-only); by default every key either side has.
 */
export function qualifyChanges(stored: QualifyValues, draft: QualifyValues, keys?: Iterable<string>): QualifyChanges | null {
  const changes: QualifyChanges = {};
  if (draft.rating !== stored.rating) changes.rating = draft.rating;
  if (draft.notes.trim() !== stored.notes.trim()) changes.notes = draft.notes.trim() === '' ? null : draft.notes;
  const answers: Record<string, AnswerValue | null> = {};
  for (const key of keys ?? new Set([...Object.keys(stored.answers), ...Object.keys(draft.answers)])) {
    const after = draft.answers[key];
    if (sameAnswer(stored.answers[key], after)) continue;
    answers[key] = isEmpty(after) ? null : typeof after === 'string' ? after.trim() : after!;
  }
  if (Object.keys(answers).length > 0) changes.answers = answers;
  if (draft.consent !== stored.consent) changes.consent = draft.consent === null ? null : { version: draft.consent };
  return Object.keys(changes).length > 0 ? changes : null;
}
