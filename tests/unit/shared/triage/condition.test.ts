import { describe, expect, it } from 'vitest';
import { Condition, matches, matchesAll } from '../../../../shared/triage/condition';
import { subject, triaged } from './subject';

const yamada = subject({
  fullName: '山田 太郎', familyNameKana: 'ヤマダ', company: '株式会社サンプル', department: '営業本部 第一営業部',
  title: '部長代理', email: 'taro.yamada@sample.co.jp', phone: '03-1234-5678', rating: 'warm',
  consentVersion: '2025-04', touchCount: 2, isTarget: true,
  answers: { interest: ['product_a', 'services'], timeline: 'within_3m', role: 'influencer' },
});
const student = subject({ title: 'インターン', email: 'hanako@gmail.com', rating: 'cold' });
const nobody = subject();

/** [what it tests, condition, yamada, student, nobody] */
const TABLE: [string, Condition, boolean, boolean, boolean][] = [
  ['a manager', { kind: 'seniority', in: ['manager'] }, true, false, false],
  ['staff or unknown', { kind: 'seniority', in: ['staff', 'unknown'] }, false, true, true],
  ['one of two timelines', { kind: 'answer', question: 'timeline', anyOf: ['within_3m', 'within_6m'] }, true, false, false],
  ['any pick of a multiple choice', { kind: 'answer', question: 'interest', anyOf: ['services'] }, true, false, false],
  ['a pick not made', { kind: 'answer', question: 'interest', anyOf: ['product_b'] }, false, false, false],
  ['an answered question', { kind: 'answered', question: 'interest' }, true, false, false],
  ['an unanswered question', { kind: 'answered', question: 'budget' }, false, false, false],
  ['hot or warm', { kind: 'rating', in: ['hot', 'warm'] }, true, false, false],
  ['cold', { kind: 'rating', in: ['cold'] }, false, true, false],
  ['a company containing ｻﾝﾌﾟﾙ (half-width)', { kind: 'field', field: 'company', op: 'contains', value: 'ｻﾝﾌﾟﾙ' }, true, false, false],
  ['a kana name typed in hiragana', { kind: 'field', field: 'familyNameKana', op: 'equals', value: 'やまだ' }, true, false, false],
  ['a department starting with 営業', { kind: 'field', field: 'department', op: 'starts_with', value: '営業' }, true, false, false],
  ['an email at the company domain, in capitals', { kind: 'field', field: 'email', op: 'ends_with', value: '@SAMPLE.CO.JP' }, true, false, false],
  ['no phone', { kind: 'field', field: 'phone', op: 'empty' }, false, true, true],
  ['a title', { kind: 'field', field: 'title', op: 'not_empty' }, true, true, false],
  ['a free-mail address', { kind: 'free_mail', is: true }, false, true, false],
  ['a company address (no address is neither)', { kind: 'free_mail', is: false }, true, false, false],
  ['a target account', { kind: 'target_account', is: true }, true, false, false],
  ['not a target account', { kind: 'target_account', is: false }, false, true, true],
  ['consent given', { kind: 'consent', given: true }, true, false, false],
  ['no consent', { kind: 'consent', given: false }, false, true, true],
  ['a second touch', { kind: 'touches', atLeast: 2 }, true, false, false],
  ['a scan at all', { kind: 'touches', atLeast: 1 }, true, true, true],
  ['this event', { kind: 'event', in: ['ev-tokyo-2025'] }, true, true, true],
  ['another event', { kind: 'event', in: ['ev-osaka-2025'] }, false, false, false],
  ['a new lead', { kind: 'status', in: ['new'] }, true, true, true],
  ['an MQL', { kind: 'status', in: ['mql', 'sal'] }, false, false, false],
];

describe('matches', () => {
  it.each(TABLE)('%s', (_name, condition, forYamada, forStudent, forNobody) => {
    const parsed = Condition.parse(condition);
    expect([matches(parsed, yamada), matches(parsed, student), matches(parsed, nobody)]).toEqual([forYamada, forStudent, forNobody]);
  });

  it('compares yes/no and scale answers as strings', () => {
    const lead = subject({ answers: {} });
    const withAnswers = {
      ...lead,
      answers: {
        demo_seen: { value: true, kind: 'yesno' as const, label: { ja: 'デモを見た', en: 'Saw the demo' }, formVersion: 2 },
        fit: { value: 4, kind: 'scale' as const, label: { ja: '適合度', en: 'Fit' }, formVersion: 2 },
        memo: { value: 'ＥＸＰＯ 再訪', kind: 'text' as const, label: { ja: 'メモ', en: 'Memo' }, formVersion: 2 },
      },
    };
    expect(matches({ kind: 'answer', question: 'demo_seen', anyOf: ['yes'] }, withAnswers)).toBe(true);
    expect(matches({ kind: 'answer', question: 'demo_seen', anyOf: ['true'] }, withAnswers)).toBe(true);
    expect(matches({ kind: 'answer', question: 'demo_seen', anyOf: ['no'] }, withAnswers)).toBe(false);
    expect(matches({ kind: 'answer', question: 'fit', anyOf: ['4', '5'] }, withAnswers)).toBe(true);
    expect(matches({ kind: 'answer', question: 'fit', anyOf: ['5'] }, withAnswers)).toBe(false);
    expect(matches({ kind: 'answer_number', question: 'fit', atLeast: 4 }, withAnswers)).toBe(true);
    expect(matches({ kind: 'answer_number', question: 'fit', below: 4 }, withAnswers)).toBe(false);
    expect(matches({ kind: 'answer', question: 'memo', anyOf: ['expo 再訪'] }, withAnswers)).toBe(true);
  });

  it('tests grade and score only once scoring has produced them', () => {
    const a = triaged({ grade: 'A', score: 72 });
    expect(matches({ kind: 'grade', in: ['A', 'B'] }, a)).toBe(true);
    expect(matches({ kind: 'grade', in: ['C'] }, a)).toBe(false);
    expect(matches({ kind: 'score', atLeast: 60 }, a)).toBe(true);
    expect(matches({ kind: 'score', atLeast: 60, below: 72 }, a)).toBe(false);
    expect(matches({ kind: 'grade', in: ['A', 'B', 'C', 'D'] }, nobody)).toBe(false);
    expect(matches({ kind: 'score', below: 100 }, nobody)).toBe(false);
  });
});

describe('matchesAll', () => {
  it('holds when every condition holds, and for an empty list', () => {
    const both: Condition[] = [{ kind: 'seniority', in: ['manager'] }, { kind: 'target_account', is: true }];
    expect(matchesAll(both, yamada)).toBe(true);
    expect(matchesAll([...both, { kind: 'rating', in: ['hot'] }], yamada)).toBe(false);
    expect(matchesAll([], nobody)).toBe(true);
  });
});

describe('Condition', () => {
  it('refuses conditions that cannot be evaluated', () => {
    const bad: unknown[] = [
      { kind: 'seniority', in: [] },
      { kind: 'seniority', in: ['boss'] },
      { kind: 'field', field: 'title', op: 'contains' },
      { kind: 'field', field: 'password', op: 'empty' },
      { kind: 'score' },
      { kind: 'answer_number', question: 'fit' },
      { kind: 'touches', atLeast: 0 },
      { kind: 'answer', question: 'Timeline', anyOf: ['within_3m'] },
      { kind: 'mood', is: 'happy' },
    ];
    for (const condition of bad) expect(Condition.safeParse(condition).success, JSON.stringify(condition)).toBe(false);
  });
});
