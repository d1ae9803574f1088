import { describe, expect, it } from 'vitest';
import { answersText, answerText, applyAnswers, checkAnswer, type AnswerValue, type Answers } from '../../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS, Question, type QuestionKind } from '../../../../shared/qualify/form';

const opt = (value: string, ja: string, en: string) => ({ value, label: { ja, en } });
const question = (kind: QuestionKind, key: string = kind): Question =>
  Question.parse({
    key,
    kind,
    label: { ja: `${kind}の質問`, en: `${kind} question` },
    options: kind === 'single' || kind === 'multiple' ? [opt('a', 'エー', 'A'), opt('b', 'ビー', 'B'), opt('c', 'シー', 'C')] : [],
  });

describe('checkAnswer', () => {
  const table: [QuestionKind, AnswerValue, AnswerValue | undefined][] = [
    ['single', 'a', 'a'],
    ['single', 'z', undefined],
    ['single', ['a'], undefined],
    ['single', 1, undefined],
    ['multiple', ['c', 'a'], ['a', 'c']],
    ['multiple', ['a', 'a', 'b'], ['a', 'b']],
    ['multiple', 'b', ['b']],
    ['multiple', [], undefined],
    ['multiple', ['a', 'z'], undefined],
    ['multiple', true, undefined],
    ['yesno', true, true],
    ['yesno', false, false],
    ['yesno', 'yes', undefined],
    ['yesno', 1, undefined],
    ['scale', 1, 1],
    ['scale', 5, 5],
    ['scale', 0, undefined],
    ['scale', 6, undefined],
    ['scale', 2.5, undefined],
    ['scale', '3', undefined],
    ['number', 0, 0],
    ['number', -12.5, -12.5],
    ['number', 1_000_000, 1_000_000],
    ['number', '12', undefined],
    ['text', '  来月また連絡  ', '来月また連絡'],
    ['text', '   ', undefined],
    ['text', 3, undefined],
    ['text', ['a'], undefined],
  ];
  it.each(table)('%s question, value %j → %j', (kind, value, expected) => {
    expect(checkAnswer(question(kind), value)).toEqual(expected);
  });
});

describe('applyAnswers', () => {
  const questions = (['single', 'multiple', 'yesno', 'scale', 'number', 'text'] as const).map((k) => question(k));

  it('stores every kind with its value, kind, label, chosen labels and form version', () => {
    const result = applyAnswers(questions, 3, {}, { single: 'b', multiple: ['c', 'a'], yesno: true, scale: 4, number: 12, text: ' 展示会で ' });
    expect(result).toEqual({
      ok: true,
      answers: {
        single: { value: 'b', kind: 'single', label: { ja: 'singleの質問', en: 'single question' }, choices: [{ ja: 'ビー', en: 'B' }], formVersion: 3 },
        multiple: {
          value: ['a', 'c'],
          kind: 'multiple',
          label: { ja: 'multipleの質問', en: 'multiple question' },
          choices: [{ ja: 'エー', en: 'A' }, { ja: 'シー', en: 'C' }],
          formVersion: 3,
        },
        yesno: { value: true, kind: 'yesno', label: { ja: 'yesnoの質問', en: 'yesno question' }, formVersion: 3 },
        scale: { value: 4, kind: 'scale', label: { ja: 'scaleの質問', en: 'scale question' }, formVersion: 3 },
        number: { value: 12, kind: 'number', label: { ja: 'numberの質問', en: 'number question' }, formVersion: 3 },
        text: { value: '展示会で', kind: 'text', label: { ja: 'textの質問', en: 'text question' }, formVersion: 3 },
      },
    });
  });

  it('keeps answers not mentioned, replaces those given and clears those given as null', () => {
    const first = applyAnswers(questions, 1, {}, { single: 'a', yesno: false, scale: 2 });
    if (!first.ok) throw new Error('expected ok');
    const second = applyAnswers(questions, 2, first.answers, { single: 'c', yesno: null });
    if (!second.ok) throw new Error('expected ok');
    expect(Object.keys(second.answers).sort()).toEqual(['scale', 'single']);
    expect(second.answers.scale).toEqual(first.answers.scale);
    expect(second.answers.single).toMatchObject({ value: 'c', formVersion: 2 });
  });

  it('keeps an answer to a question the form no longer has, with its old wording', () => {
    const old: Answers = { gone: { value: 'x', kind: 'single', label: { ja: '旧', en: 'Old' }, choices: [{ ja: 'エックス', en: 'X' }], formVersion: 1 } };
    const result = applyAnswers(questions, 2, old, { yesno: true });
    expect(result.ok && result.answers.gone).toEqual(old.gone);
  });

  it('does not change the answers it was given', () => {
    const current: Answers = {};
    applyAnswers(questions, 1, current, { yesno: true });
    expect(current).toEqual({});
  });

  it.each([
    [{ nope: 'a' }, { code: 'answer.unknown_question', key: 'nope' }],
    [{ single: 'z' }, { code: 'answer.invalid_value', key: 'single', value: 'z' }],
    [{ multiple: ['a', 'z'] }, { code: 'answer.invalid_value', key: 'multiple', value: ['a', 'z'] }],
    [{ scale: 9 }, { code: 'answer.invalid_value', key: 'scale', value: 9 }],
    [{ yesno: 'はい' }, { code: 'answer.invalid_value', key: 'yesno', value: 'はい' }],
    [{ text: '' }, { code: 'answer.invalid_value', key: 'text', value: '' }],
  ])('refuses %j with %j', (input, problem) => {
    expect(applyAnswers(questions, 1, {}, input)).toEqual({ ok: false, problem });
  });

  it('clearing a key the form does not know is fine (an old answer can always be removed)', () => {
    expect(applyAnswers(questions, 1, {}, { nope: null })).toEqual({ ok: true, answers: {} });
  });
});

describe('answerText and answersText', () => {
  const applied = applyAnswers(DEFAULT_QUESTIONS, 1, {}, { timeline: 'within_3m', follow_up: ['quote', 'demo'] });
  const withAll = applyAnswers([...DEFAULT_QUESTIONS, question('yesno', 'met_before'), question('scale', 'fit'), question('number', 'seats'), question('text', 'memo')], 1, {}, {
    met_before: false,
    fit: 4,
    seats: 250,
    memo: '来週電話',
  });
  if (!applied.ok || !withAll.ok) throw new Error('expected ok');

  it.each([
    ['timeline', 'ja', '3か月以内'],
    ['timeline', 'en', 'Within 3 months'],
    ['follow_up', 'ja', 'デモ, 見積'],
    ['follow_up', 'en', 'Demo, Quote'],
  ] as const)('%s in %s reads %s', (key, lang, text) => {
    expect(answerText(applied.answers[key]!, lang)).toBe(text);
  });

  it.each([
    ['met_before', 'ja', 'いいえ'],
    ['met_before', 'en', 'No'],
    ['fit', 'ja', '4'],
    ['seats', 'en', '250'],
    ['memo', 'en', '来週電話'],
  ] as const)('%s in %s reads %s', (key, lang, text) => {
    expect(answerText(withAll.answers[key]!, lang)).toBe(text);
  });

  it('a yes reads はい / Yes', () => {
    const yes = applyAnswers([question('yesno')], 1, {}, { yesno: true });
    if (!yes.ok) throw new Error('expected ok');
    expect([answerText(yes.answers.yesno!, 'ja'), answerText(yes.answers.yesno!, 'en')]).toEqual(['はい', 'Yes']);
  });

  it('all answers as one text, a line each, with the labels of the language', () => {
    expect(answersText(applied.answers, 'ja')).toBe('導入時期: 3か月以内\n希望するフォロー: デモ, 見積');
    expect(answersText(applied.answers, 'en')).toBe('Timeline: Within 3 months\nFollow-up wanted: Demo, Quote');
    expect(answersText({}, 'ja')).toBe('');
  });
});
