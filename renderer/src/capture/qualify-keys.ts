import type { Rating } from '../../../shared/model';
import { Rating as RatingSchema } from '../../../shared/model';
import type { AnswerValue } from '../../../shared/qualify/answers';
import type { Question } from '../../../shared/qualify/form';

/**
 * The capture card's keyboard, as pure functions: booth staff qualify a lead between two scans
 * without a mouse. The rating is the first "question", so a digit always means "pick in the
 * question you are on": 1/2/3 rate, then the form's choice questions follow (1–9 pick an
 * option; yes/no: 1 yes, 2 no; scale: 1–5). A pick in a single-answer question moves on by
 * itself; a multiple choice toggles and moves on with →. ← / → move between questions,
 * Backspace clears the one you are on, C toggles consent, N or / goes to the note (Esc comes
 * back), Delete deletes the lead.
 *
 * Scan, rating, three answers and consent: `1 2 → 1 1 C` (6 keys) on the default form.
 */

export const RATINGS: readonly Rating[] = RatingSchema.options;

import type { QualifyValues } from '../../../shared/qualify/changes';

export type { QualifyValues };

/** A stop on the card's row of questions. Number and short text questions are answered on the Leads screen. */
export type Step = { kind: 'rating' } | { kind: 'question'; question: Question };

const CHIP_KINDS = new Set<Question['kind']>(['single', 'multiple', 'yesno', 'scale']);

export function stepsOf(questions: readonly Question[]): Step[] {
  return [{ kind: 'rating' }, ...questions.filter((q) => CHIP_KINDS.has(q.kind)).map((question) => ({ kind: 'question' as const, question }))];
}

export interface StepOption {
  /** The value it stands for: a rating, an option value, true/false, 1–5. */
  value: Rating | string | boolean | number;
  /** A dictionary key for built-in words (rating, yes/no), or the form's own label. */
  label: { key: 'rating' | 'yes' | 'no' | 'scale'; value: string } | { localized: { ja: string; en: string } };
}

/** The options of a step in the order their digits pick them (1 is the first). */
export function optionsOf(step: Step): StepOption[] {
  if (step.kind === 'rating') return RATINGS.map((r) => ({ value: r, label: { key: 'rating', value: r } }));
  const { question } = step;
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return question.options.map((o) => ({ value: o.value, label: { localized: o.label } }));
    case 'yesno':
      return [
        { value: true, label: { key: 'yes', value: 'yes' } },
        { value: false, label: { key: 'no', value: 'no' } },
      ];
    case 'scale':
      return [1, 2, 3, 4, 5].map((n) => ({ value: n, label: { key: 'scale', value: String(n) } }));
    default:
      return [];
  }
}

/** Whether option `value` is what the step holds now. */
export function isChosen(values: QualifyValues, step: Step, value: StepOption['value']): boolean {
  if (step.kind === 'rating') return values.rating === value;
  const current = values.answers[step.question.key];
  return Array.isArray(current) ? current.includes(value as string) : current === value;
}

export type Focus = 'chips' | 'note';

export interface KeyState {
  values: QualifyValues;
  /** Index into the steps. */
  step: number;
  focus: Focus;
}

export interface KeyContext {
  steps: readonly Step[];
  /** The consent text version in force; null hides consent. */
  consentVersion: string | null;
}

export type KeyEffect = 'delete';

export interface KeyOutcome {
  state: KeyState;
  effect?: KeyEffect;
}

function withAnswer(values: QualifyValues, key: string, value: AnswerValue | undefined): QualifyValues {
  const answers = { ...values.answers };
  if (value === undefined) delete answers[key];
  else answers[key] = value;
  return { ...values, answers };
}

const clampStep = (index: number, ctx: KeyContext) => Math.max(0, Math.min(ctx.steps.length - 1, index));

/**
 * Option `index` (0-based) of step `stepIndex`, chosen by digit or click. Choosing what is
 * already chosen clears it (a second 1 un-rates, as the rating buttons always did).
 */
export function pick(state: KeyState, stepIndex: number, index: number, ctx: KeyContext): KeyState {
  const step = ctx.steps[stepIndex];
  const option = step ? optionsOf(step)[index] : undefined;
  if (!step || !option) return state;
  const here = { ...state, step: stepIndex };
  if (step.kind === 'rating') {
    const rating = option.value as Rating;
    const again = state.values.rating === rating;
    return { ...here, values: { ...state.values, rating: again ? null : rating }, step: again ? stepIndex : clampStep(stepIndex + 1, ctx) };
  }
  const { question } = step;
  if (question.kind === 'multiple') {
    const current = state.values.answers[question.key];
    const picked = new Set(Array.isArray(current) ? current : []);
    if (picked.has(option.value as string)) picked.delete(option.value as string);
    else picked.add(option.value as string);
    // Kept in the form's order, as the core stores it, so the same picks compare equal.
    const list = question.options.map((o) => o.value).filter((v) => picked.has(v));
    return { ...here, values: withAnswer(state.values, question.key, list.length > 0 ? list : undefined) };
  }
  const again = state.values.answers[question.key] === option.value;
  return {
    ...here,
    values: withAnswer(state.values, question.key, again ? undefined : (option.value as AnswerValue)),
    step: again ? stepIndex : clampStep(stepIndex + 1, ctx),
  };
}

function clearStep(state: KeyState, ctx: KeyContext): KeyState {
  const step = ctx.steps[state.step];
  if (!step) return state;
  if (step.kind === 'rating') return { ...state, values: { ...state.values, rating: null } };
  return { ...state, values: withAnswer(state.values, step.question.key, undefined) };
}

export function toggleConsent(values: QualifyValues, consentVersion: string | null): QualifyValues {
  if (consentVersion === null) return values;
  return { ...values, consent: values.consent === consentVersion ? null : consentVersion };
}

/**
 * What key `key` does to the card, or null when it is not one of the card's keys (the page
 * keeps it). While the note has focus only Escape is the card's: everything else is text.
 */
export function qualifyKey(state: KeyState, key: string, ctx: KeyContext): KeyOutcome | null {
  if (state.focus === 'note') return key === 'Escape' ? { state: { ...state, focus: 'chips' } } : null;
  if (/^[1-9]$/u.test(key)) return { state: pick(state, state.step, Number(key) - 1, ctx) };
  switch (key) {
    case 'ArrowRight':
      return { state: { ...state, step: clampStep(state.step + 1, ctx) } };
    case 'ArrowLeft':
      return { state: { ...state, step: clampStep(state.step - 1, ctx) } };
    case 'Backspace':
      return { state: clearStep(state, ctx) };
    case 'c':
    case 'C':
      return ctx.consentVersion === null ? null : { state: { ...state, values: toggleConsent(state.values, ctx.consentVersion) } };
    case 'n':
    case 'N':
    case '/':
      return { state: { ...state, focus: 'note' } };
    case 'Delete':
      return { state, effect: 'delete' };
    default:
      return null;
  }
}

/**
 * A printable key may be the first of a handheld scanner's burst, which reaches the page before
 * the burst can be told from typing (renderer/src/capture/wedge.ts): such a key acts only once
 * no other key followed it within the wedge's break gap. Named keys (arrows, Delete, Escape)
 * are never typed by a scanner and act at once.
 */
export function waitsForScanner(key: string): boolean {
  return [...key].length === 1;
}
