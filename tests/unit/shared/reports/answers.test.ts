import { describe, expect, it } from 'vitest';
import { answerOptions, foldInterest, foldVerdictAnswers, textMembers } from '../../../../shared/reports/answers';

const stored = (kind: string, value: unknown) => ({ value, kind, label: { ja: kind, en: kind }, formVersion: 1 });

describe('the text members of a products answer, as json_each gives them', () => {
  it.each([
    ['an array of options', ['product_a', 'services'], ['product_a', 'services']],
    ['one option as a string', 'product_a', ['product_a']],
    ['non-text members left out', ['product_a', 3, true, null, ['x'], { a: 'b' }], ['product_a']],
    ['an object: its text values', { a: 'product_a', b: 2 }, ['product_a']],
    ['the same option twice: twice', ['product_a', 'product_a'], ['product_a', 'product_a']],
    ['a number', 7, []],
    ['null', null, []],
  ])('%s', (_, value, expected) => {
    expect(textMembers(value)).toEqual(expected);
  });
});

describe('the (question, option) pairs a lead’s answers pick', () => {
  it.each([
    ['a single choice', { budget: stored('single', 'secured') }, [['budget', 'secured']]],
    ['a multiple choice, each option', { interest: stored('multiple', ['product_a', 'services']) }, [['interest', 'product_a'], ['interest', 'services']]],
    ['yes and no for a yes/no question', { met: stored('yesno', true), demo: stored('yesno', false) }, [['met', 'yes'], ['demo', 'no']]],
    ['free text and numbers are no category', { note: stored('text', 'call me'), seats: stored('number', 12) }, []],
    ['a choice answered with a number counts nowhere', { budget: stored('single', 3) }, []],
    ['an answer without a kind or value', { a: { value: 'x' }, b: { kind: 'single' } }, []],
    ['an answer that is no object', { a: 'x', b: ['single'] }, []],
    ['no answers', {}, []],
  ])('%s', (_, answers, expected) => {
    expect(answerOptions(answers)).toEqual(expected);
  });
});

describe('folding the answer charts', () => {
  it('counts people per product, an answer text standing for every lead that gave it', () => {
    expect(
      foldInterest([
        { text: '["product_a","services"]', leads: 3 },
        { text: '["product_b"]', leads: 2 },
        { text: '["product_a"]', leads: 1 },
      ]).map((r) => [r.k1, r.n1]),
    ).toEqual([['product_a', 4], ['services', 3], ['product_b', 2]]);
  });

  it('counts SAL and rejected per answer, equal answers folded once, other statuses and non-JSON left out', () => {
    const a = JSON.stringify({ budget: stored('single', 'secured'), met: stored('yesno', true) });
    const b = JSON.stringify({ budget: stored('single', 'undecided'), interest: stored('multiple', ['product_a']) });
    const rows = foldVerdictAnswers([
      { status: 'sal', answers: a },
      { status: 'sal', answers: a },
      { status: 'rejected', answers: a },
      { status: 'rejected', answers: b },
      { status: 'mql', answers: b },
      { status: 'sal', answers: '{not json' },
    ]);
    expect(rows.map((r) => [r.k1, r.k2, r.n1, r.n2])).toEqual([
      ['budget', 'secured', 2, 1],
      ['budget', 'undecided', 0, 1],
      ['met', 'yes', 2, 1],
      ['interest', 'product_a', 0, 1],
    ]);
  });
});
