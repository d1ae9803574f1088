import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS, FormQuestions, Question, QuestionKey, OptionValue } from '../../../../shared/qualify/form';

const label = { ja: '質問', en: 'Question' };
const opt = (value: string) => ({ value, label: { ja: value, en: value } });

describe('question keys and option values', () => {
  it.each(['interest', 'follow_up', 'q2', 'a', 'x'.repeat(40)])('key %s is accepted', (key) => {
    expect(QuestionKey.safeParse(key).success).toBe(true);
  });
  it.each(['', 'Interest', '2nd', '_x', 'follow-up', 'has space', '予算', 'x'.repeat(41)])('key %j is refused', (key) => {
    expect(QuestionKey.safeParse(key).success).toBe(false);
  });
  it.each(['a', '3m', 'within_3m'])('option value %s is accepted', (value) => {
    expect(OptionValue.safeParse(value).success).toBe(true);
  });
  it.each(['', 'A', '_a', 'a-b', 'は'])('option value %j is refused', (value) => {
    expect(OptionValue.safeParse(value).success).toBe(false);
  });
});

describe('a question', () => {
  it('defaults to optional with no options', () => {
    expect(Question.parse({ key: 'met', kind: 'yesno', label })).toEqual({ key: 'met', kind: 'yesno', label, required: false, options: [] });
  });

  it.each([
    ['a single choice without options', { kind: 'single', options: [] }, ['options']],
    ['a multiple choice with one option', { kind: 'multiple', options: [opt('a')] }, ['options']],
    ['a yes/no with options', { kind: 'yesno', options: [opt('a'), opt('b')] }, ['options']],
    ['a choice with two options of one value', { kind: 'single', options: [opt('a'), opt('a')] }, ['options']],
    ['an option with a bad value', { kind: 'single', options: [opt('a'), opt('B b')] }, ['options', 1, 'value']],
    ['an empty English label', { kind: 'text', label: { ja: '質問', en: '  ' } }, ['label', 'en']],
    ['an unknown kind', { kind: 'date' }, ['kind']],
    ['a bad key', { key: 'Bad Key', kind: 'text' }, ['key']],
  ])('refuses %s, naming the field', (_, patch, path) => {
    const result = Question.safeParse({ key: 'q', label, ...patch });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('accepts every kind in its right shape', () => {
    for (const kind of ['single', 'multiple'] as const) expect(Question.safeParse({ key: 'q', kind, label, options: [opt('a'), opt('b')] }).success).toBe(true);
    for (const kind of ['yesno', 'scale', 'number', 'text'] as const) expect(Question.safeParse({ key: 'q', kind, label }).success).toBe(true);
  });
});

describe('a form', () => {
  it('refuses two questions with one key', () => {
    const q = { key: 'dup', kind: 'text', label };
    const result = FormQuestions.safeParse([q, { ...q, kind: 'yesno' }]);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([]);
  });

  it('names the question at fault by its index', () => {
    const result = FormQuestions.safeParse([{ key: 'ok', kind: 'text', label }, { key: 'bad-key', kind: 'text', label }]);
    expect(result.error!.issues.map((i) => i.path)).toEqual([[1, 'key']]);
  });

  it('accepts an empty form and refuses more than 30 questions', () => {
    expect(FormQuestions.safeParse([]).success).toBe(true);
    const many = Array.from({ length: 31 }, (_, i) => ({ key: `q${i}`, kind: 'text', label }));
    expect(FormQuestions.safeParse(many).success).toBe(false);
  });

  it('the default form is valid and holds the five questions of a Japanese B2B booth', () => {
    const parsed = FormQuestions.parse(DEFAULT_QUESTIONS);
    expect(parsed.map((q) => [q.key, q.kind])).toEqual([
      ['interest', 'multiple'],
      ['timeline', 'single'],
      ['budget', 'single'],
      ['role', 'single'],
      ['follow_up', 'multiple'],
    ]);
    expect(parsed.find((q) => q.key === 'timeline')!.options.map((o) => o.label.ja)).toEqual(['3か月以内', '6か月以内', '1年以内', '未定']);
    expect(parsed.find((q) => q.key === 'budget')!.options.map((o) => o.label.ja)).toEqual(['確保済み', '申請中', '未定']);
    expect(parsed.find((q) => q.key === 'role')!.options.map((o) => o.label.ja)).toEqual(['決裁者', '推薦・選定', '情報収集']);
    expect(parsed.find((q) => q.key === 'follow_up')!.options.map((o) => o.label.ja)).toEqual(['電話', 'デモ', '資料送付', '訪問', '見積']);
  });
});
