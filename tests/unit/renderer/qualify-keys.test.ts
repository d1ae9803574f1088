import { describe, expect, it } from 'vitest';
import { qualifyKey, stepsOf, waitsForScanner, type KeyContext, type KeyState, type QualifyValues } from '../../../renderer/src/capture/qualify-keys';
import { qualifyChanges as changesOf } from '../../../shared/qualify/changes';
import { DEFAULT_QUESTIONS, type Question } from '../../../shared/qualify/form';

const EMPTY: QualifyValues = { rating: null, answers: {}, notes: '', consent: null };

/** The default form plus a yes/no, a scale and a text question (text is not a chip). */
const QUESTIONS: Question[] = [
  ...DEFAULT_QUESTIONS,
  { key: 'met_before', kind: 'yesno', required: false, label: { ja: '面識あり', en: 'Met before' }, options: [] },
  { key: 'fit', kind: 'scale', required: false, label: { ja: '適合度', en: 'Fit' }, options: [] },
  { key: 'memo', kind: 'text', required: false, label: { ja: '補足', en: 'Memo' }, options: [] },
];
const ctx: KeyContext = { steps: stepsOf(QUESTIONS), consentVersion: 'v2' };
// Steps: 0 rating, 1 interest (multiple), 2 timeline, 3 budget, 4 role, 5 follow_up (multiple), 6 met_before, 7 fit.

function press(keys: string[], from: Partial<KeyState> = {}, context = ctx): { state: KeyState; effects: string[]; ignored: string[] } {
  let state: KeyState = { values: EMPTY, step: 0, focus: 'chips', ...from };
  const effects: string[] = [];
  const ignored: string[] = [];
  for (const key of keys) {
    const out = qualifyKey(state, key, context);
    if (!out) {
      ignored.push(key);
      continue;
    }
    state = out.state;
    if (out.effect) effects.push(out.effect);
  }
  return { state, effects, ignored };
}

describe('the capture card from the keyboard', () => {
  it('has the rating first, then the choice, yes/no and scale questions; text questions are not chips', () => {
    expect(ctx.steps.map((s) => (s.kind === 'rating' ? 'rating' : s.question.key))).toEqual([
      'rating', 'interest', 'timeline', 'budget', 'role', 'follow_up', 'met_before', 'fit',
    ]);
  });

  it.each<{ name: string; keys: string[]; values: Partial<QualifyValues>; step: number; focus?: 'chips' | 'note' }>([
    {
      name: 'rating, two interests, timeline, budget and consent in 7 keys',
      keys: ['1', '2', '3', 'ArrowRight', '1', '1', 'c'],
      values: { rating: 'hot', answers: { interest: ['product_b', 'services'], timeline: 'within_3m', budget: 'secured' }, consent: 'v2' },
      step: 4,
    },
    {
      name: 'rating, three single choices and consent in 6 keys',
      keys: ['2', 'ArrowRight', '4', '2', '1', 'C'],
      values: { rating: 'warm', answers: { timeline: 'undecided', budget: 'requested', role: 'decision_maker' }, consent: 'v2' },
      step: 5,
    },
    { name: 'the same rating twice un-rates and stays', keys: ['1', 'ArrowLeft', '1'], values: { rating: null }, step: 0 },
    { name: 'a multiple choice toggles its options off again', keys: ['3', '1', '2', '1'], values: { rating: 'cold', answers: { interest: ['product_b'] } }, step: 1 },
    { name: 'multiple choice picks are kept in the form order', keys: ['ArrowRight', '4', '1'], values: { answers: { interest: ['product_a', 'other'] } }, step: 1 },
    { name: 'a single choice picked again is cleared and stays', keys: ['ArrowRight', 'ArrowRight', '1', 'ArrowLeft', '1'], values: { answers: {} }, step: 2 },
    { name: 'a digit beyond the options does nothing', keys: ['ArrowRight', 'ArrowRight', '9'], values: { answers: {} }, step: 2 },
    { name: 'Backspace clears the current question', keys: ['1', '1', 'Backspace'], values: { rating: 'hot', answers: {} }, step: 1 },
    { name: 'Backspace on the rating clears it', keys: ['2', 'ArrowLeft', 'Backspace'], values: { rating: null }, step: 0 },
    { name: 'yes/no: 1 yes, 2 no, and moves on', keys: ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', '2'], values: { answers: { met_before: false } }, step: 7 },
    { name: 'yes is 1', keys: Array<string>(6).fill('ArrowRight').concat('1'), values: { answers: { met_before: true } }, step: 7 },
    { name: 'scale 1–5 on the last question stays there', keys: Array<string>(7).fill('ArrowRight').concat('4'), values: { answers: { fit: 4 } }, step: 7 },
    { name: 'arrows stop at both ends', keys: ['ArrowLeft', ...Array<string>(20).fill('ArrowRight')], values: {}, step: 7 },
    { name: 'C toggles consent on and off', keys: ['c', 'C'], values: { consent: null }, step: 0 },
    { name: 'N goes to the note', keys: ['n'], values: {}, step: 0, focus: 'note' },
    { name: '/ goes to the note too', keys: ['/'], values: {}, step: 0, focus: 'note' },
    { name: 'in the note, digits are text; Escape comes back', keys: ['n', '1', '2', 'Escape', '3'], values: { rating: 'cold' }, step: 1, focus: 'chips' },
  ])('$name', ({ keys, values, step, focus = 'chips' }) => {
    const { state } = press(keys);
    expect(state.values).toEqual({ ...EMPTY, ...values });
    expect(state.step).toBe(step);
    expect(state.focus).toBe(focus);
  });

  it('counts: scan, rating, three answers and consent fit in at most 10 key presses', () => {
    const keys = ['1', '2', '3', 'ArrowRight', '1', '1', 'c'];
    expect(keys.length).toBeLessThanOrEqual(10);
    const { state } = press(keys);
    expect(Object.keys(state.values.answers)).toHaveLength(3);
  });

  it('Delete asks to delete the lead; while typing a note it is the note\'s', () => {
    expect(press(['Delete']).effects).toEqual(['delete']);
    expect(press(['n', 'Delete']).effects).toEqual([]);
  });

  it('leaves other keys to the page, and C when the event has no consent text', () => {
    expect(press(['Enter', 'Tab', 'a', 'x', ' ', '0']).ignored).toEqual(['Enter', 'Tab', 'a', 'x', ' ', '0']);
    expect(press(['c'], {}, { ...ctx, consentVersion: null }).ignored).toEqual(['c']);
  });

  it('a printable key waits to see whether a scanner burst follows; named keys act at once', () => {
    expect(['1', 'c', 'n', '/'].map(waitsForScanner)).toEqual([true, true, true, true]);
    expect(['ArrowRight', 'ArrowLeft', 'Backspace', 'Delete', 'Escape'].map(waitsForScanner)).toEqual([false, false, false, false, false]);
  });
});

describe('what a save sends', () => {
  const stored: QualifyValues = { rating: 'warm', answers: { timeline: 'within_3m', interest: ['product_a'] }, notes: 'old', consent: null };

  it.each<{ name: string; draft: QualifyValues; changes: ReturnType<typeof changesOf> }>([
    { name: 'nothing changed', draft: stored, changes: null },
    { name: 'the same multiple choice in a new array', draft: { ...stored, answers: { ...stored.answers, interest: ['product_a'] } }, changes: null },
    { name: 'only the rating', draft: { ...stored, rating: 'hot' }, changes: { rating: 'hot' } },
    {
      name: 'an answer changed, one cleared, one added',
      draft: { ...stored, answers: { interest: ['product_a', 'services'], budget: 'secured' } },
      changes: { answers: { interest: ['product_a', 'services'], timeline: null, budget: 'secured' } },
    },
    { name: 'a note emptied is cleared', draft: { ...stored, notes: '  ' }, changes: { notes: null } },
    { name: 'consent given', draft: { ...stored, consent: 'v2' }, changes: { consent: { version: 'v2' } } },
    { name: 'the rating cleared and a new note', draft: { ...stored, rating: null, consent: null, notes: 'new' }, changes: { rating: null, notes: 'new' } },
  ])('$name', ({ draft, changes }) => {
    expect(changesOf(stored, draft)).toEqual(changes);
  });

  it('consent withdrawn sends null', () => {
    expect(changesOf({ ...stored, consent: 'v1' }, stored)).toEqual({ consent: null });
  });
});
