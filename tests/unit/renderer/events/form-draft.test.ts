import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS } from '../../../../shared/qualify/form';
import { blankQuestion, checkDraft, draftFrom, problemPlace, problemsFrom, toQuestions, withKind } from '../../../../renderer/src/events/form-draft';

describe('the form editor draft', () => {
  it('round-trips the default form unchanged, every saved key fixed', () => {
    const draft = draftFrom(DEFAULT_QUESTIONS);
    expect(draft.every((q) => q.saved)).toBe(true);
    expect(toQuestions(draft)).toEqual(DEFAULT_QUESTIONS);
    expect(checkDraft(draft)).toEqual([]);
  });

  it('sends options only for choice questions, and keeps them in the draft when the kind changes back', () => {
    const q = { ...blankQuestion(), key: 'size', ja: '規模', en: 'Size' };
    const yesno = withKind(q, 'yesno');
    expect(toQuestions([yesno])[0]!.options).toEqual([]);
    expect(withKind(yesno, 'single').options).toBe(yesno.options);
    expect(withKind({ ...q, options: [] }, 'multiple').options).toHaveLength(2);
  });

  it('names each wrong field of a new question, by question and option number', () => {
    const draft = [...draftFrom(DEFAULT_QUESTIONS.slice(0, 1)), { ...blankQuestion(), key: '2x', ja: '規模', en: '' }];
    const problems = checkDraft(draft).map((p) => [problemPlace(p), p.text, p.field]);
    const [, added] = draft;
    expect(problems).toEqual([
      [{ key: 'form.question_n', params: { n: 2 } }, 'form.error.key', `${added!.uid}.key`],
      [{ key: 'form.question_n', params: { n: 2 } }, 'form.error.label', `${added!.uid}.en`],
      [{ key: 'form.where_option', params: { n: 2, option: 1 } }, 'form.error.option_value', `${added!.options[0]!.uid}.value`],
      [{ key: 'form.where_option', params: { n: 2, option: 1 } }, 'form.error.option_label', `${added!.options[0]!.uid}.ja`],
      [{ key: 'form.where_option', params: { n: 2, option: 1 } }, 'form.error.option_label', `${added!.options[0]!.uid}.en`],
      [{ key: 'form.where_option', params: { n: 2, option: 2 } }, 'form.error.option_value', `${added!.options[1]!.uid}.value`],
      [{ key: 'form.where_option', params: { n: 2, option: 2 } }, 'form.error.option_label', `${added!.options[1]!.uid}.ja`],
      [{ key: 'form.where_option', params: { n: 2, option: 2 } }, 'form.error.option_label', `${added!.options[1]!.uid}.en`],
    ]);
  });

  it('reads the core’s api.invalid_input details (paths under "questions") the same way', () => {
    const draft = draftFrom(DEFAULT_QUESTIONS);
    const budget = draft[2]!;
    const found = problemsFrom([{ path: ['questions', 2, 'key'] }, { path: ['questions', 2, 'options', 1, 'label', 'en'] }], draft);
    expect(found.map((p) => [p.field, p.text])).toEqual([
      [`${budget.uid}.key`, 'form.error.key'],
      [`${budget.options[1]!.uid}.en`, 'form.error.option_label'],
    ]);
  });

  it('marks both questions of a duplicated key, too few options, and duplicate option values', () => {
    const [a, b] = draftFrom(DEFAULT_QUESTIONS.slice(1, 3));
    const dupKey = { ...b!, key: a!.key };
    expect(checkDraft([a!, dupKey]).map((p) => [p.question, p.text])).toEqual([
      [1, 'form.error.key_duplicate'],
      [2, 'form.error.key_duplicate'],
    ]);
    const few = { ...a!, options: a!.options.slice(0, 1) };
    expect(checkDraft([few]).map((p) => p.text)).toEqual(['form.error.options_few']);
    const twice = { ...a!, options: [a!.options[0]!, { ...a!.options[1]!, value: a!.options[0]!.value }] };
    expect(checkDraft([twice]).map((p) => p.text)).toEqual(['form.error.option_duplicate']);
  });
});
