import { describe, expect, it } from 'vitest';
import type { BundleLead } from '../../../../shared/handoff/bundle';
import {
  bundleLeadFromState, effectiveAnswerTimes, effectiveTimes, encodeFieldTimes, mergeStates, parseFieldTimes, sameState,
  stampAnswerTimes, stateFromBundleLead, valueDigest, type LeadState,
} from '../../../../shared/handoff/merge';
import { applyAnswers, type Answers, type AnswersInput } from '../../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS } from '../../../../shared/qualify/form';

const T = (hhmm: string) => `2025-04-09T${hhmm}:00.000Z`;

function bundleLead(fields: Partial<BundleLead>): BundleLead {
  return {
    id: 'lead-a', eventId: 'event-1', badgeId: 'JITW-100234', fullName: '髙橋 一郎', familyName: '髙橋', givenName: '一郎',
    familyNameKana: null, givenNameKana: null, company: '株式会社サンプル', department: null, title: null,
    email: null, phone: null, url: null, rating: null, notes: null, status: 'new', walkIn: false, answers: {}, owner: null,
    consentVersion: null, consentAt: null, readyAt: null, rejectionReason: null, sourceFormat: 'json', source: 'camera', rawPayload: '{"badgeId":"JITW-100234"}',
    capturedBy: '佐藤', capturedAt: T('01:00'), updatedAt: T('01:00'), fieldTimes: {},
    ...fields,
  };
}

// Device A scanned first at 01:00 and rated Hot at 05:00; device B scanned the same badge at
// 02:00 (its own lead id), typed the phone and a title at 03:00, and rated Cold at 06:00.
const a = stateFromBundleLead(bundleLead({ rating: 'hot', updatedAt: T('05:00'), fieldTimes: { rating: T('05:00') } }));
const b = stateFromBundleLead(bundleLead({
  id: 'lead-b', capturedAt: T('02:00'), capturedBy: '鈴木', source: 'scanner', phone: '03-1234-5678',
  title: '部長', rating: 'cold', updatedAt: T('06:00'),
  fieldTimes: { fullName: T('02:00'), familyName: T('02:00'), givenName: T('02:00'), company: T('02:00'), badgeId: T('02:00'), phone: T('03:00'), title: T('03:00'), rating: T('06:00') },
}));
const c = stateFromBundleLead(bundleLead({
  id: 'lead-c', capturedAt: T('04:00'), company: '株式会社サンプル 東京支社', notes: 'デモ希望', updatedAt: T('04:30'),
}));

const view = (s: LeadState) => bundleLeadFromState(s);

describe('mergeStates', () => {
  it('keeps the newest edit of each field, not the newest record', () => {
    const m = view(mergeStates(a, b));
    expect(m.rating).toBe('cold');
    expect(m.phone).toBe('03-1234-5678');
    expect(m.title).toBe('部長');
  });

  it('keeps the earliest capture, its id and who made it: the real first scan', () => {
    const m = view(mergeStates(b, a));
    expect(m).toMatchObject({ id: 'lead-a', capturedAt: T('01:00'), capturedBy: '佐藤', source: 'camera' });
  });

  it('never lets a blank nobody edited wipe a value', () => {
    const noCompany = stateFromBundleLead(bundleLead({ id: 'lead-d', company: null, updatedAt: T('09:00') }));
    expect(view(mergeStates(a, noCompany)).company).toBe('株式会社サンプル');
  });

  it('does let a recorded clear win when it is newer', () => {
    const cleared = stateFromBundleLead(bundleLead({ phone: null, updatedAt: T('07:00'), fieldTimes: { phone: T('07:00') } }));
    expect(view(mergeStates(b, cleared)).phone).toBeNull();
  });

  it('is commutative, associative and idempotent, so devices converge in any order', () => {
    const ab = mergeStates(a, b);
    expect(sameState(ab, mergeStates(b, a))).toBe(true);
    expect(sameState(mergeStates(ab, c), mergeStates(a, mergeStates(b, c)))).toBe(true);
    expect(sameState(mergeStates(mergeStates(c, a), b), mergeStates(ab, c))).toBe(true);
    expect(sameState(mergeStates(ab, ab), ab)).toBe(true);
    expect(sameState(mergeStates(ab, a), ab)).toBe(true);
  });

  it('breaks a tie of edit times the same way on every device', () => {
    const x = stateFromBundleLead(bundleLead({ notes: 'A', fieldTimes: { notes: T('03:00') } }));
    const y = stateFromBundleLead(bundleLead({ id: 'lead-y', notes: 'B', fieldTimes: { notes: T('03:00') } }));
    expect(view(mergeStates(x, y)).notes).toBe(view(mergeStates(y, x)).notes);
  });

  it('round-trips through the bundle form unchanged', () => {
    const ab = mergeStates(a, b);
    expect(sameState(stateFromBundleLead(view(ab)), ab)).toBe(true);
  });
});

describe('stored field times', () => {
  const values = view(a);

  it('count a field without a time as edited at updated_at, and a blank one as never edited', () => {
    const times = effectiveTimes(values, {}, 1000);
    expect(times.company).toBe(1000);
    expect(times.phone).toBeUndefined();
  });

  it('keep a recorded time while the value is the one it was recorded for', () => {
    const stored = parseFieldTimes(encodeFieldTimes({ values, times: { rating: 500, company: 400 } }));
    expect(effectiveTimes(values, stored, 9000)).toMatchObject({ rating: 500, company: 400 });
  });

  it('fall back to updated_at once code that does not know them changed the value (a rating)', () => {
    const stored = parseFieldTimes(encodeFieldTimes({ values, times: { rating: 500 } }));
    const rerated = { ...values, rating: 'warm' as const };
    expect(effectiveTimes(rerated, stored, 9000).rating).toBe(9000);
  });

  it('accept a bare time and ignore garbage', () => {
    expect(effectiveTimes(values, { company: 700 }, 9000).company).toBe(700);
    expect(parseFieldTimes('not json')).toEqual({});
    expect(parseFieldTimes('[1,2]')).toEqual({});
    expect(effectiveTimes(values, { company: [1, 'nope'] } as never, 9000).company).toBe(9000);
  });

  it('digest values stably', () => {
    expect(valueDigest('株式会社サンプル')).toBe(valueDigest('株式会社サンプル'));
    expect(valueDigest('株式会社サンプル')).not.toBe(valueDigest('(株)サンプル'));
    expect(valueDigest(null)).not.toBe(valueDigest('null'));
  });
});

/** Answers as the card stores them, under the default form. */
function answers(input: AnswersInput): Answers {
  const applied = applyAnswers(DEFAULT_QUESTIONS, 1, {}, input);
  if (!applied.ok) throw new Error(applied.problem.code);
  return applied.answers;
}

describe('answers in the merge', () => {
  // A answered the timeline and interest at 05:00; B answered the budget at 06:00 and the
  // timeline at 04:00 (older than A's); C cleared the interest at 07:00.
  const A = stateFromBundleLead(bundleLead({
    answers: answers({ timeline: 'within_3m', interest: ['product_a'] }), updatedAt: T('05:00'),
    fieldTimes: { 'answers.timeline': T('05:00'), 'answers.interest': T('05:00') },
  }));
  const B = stateFromBundleLead(bundleLead({
    id: 'lead-b', capturedAt: T('02:00'), answers: answers({ budget: 'secured', timeline: 'undecided' }), updatedAt: T('06:00'),
    fieldTimes: { 'answers.budget': T('06:00'), 'answers.timeline': T('04:00') },
  }));
  const C = stateFromBundleLead(bundleLead({
    id: 'lead-c', capturedAt: T('03:00'), updatedAt: T('07:00'), fieldTimes: { 'answers.interest': T('07:00') },
  }));
  const picked = (s: LeadState) => Object.fromEntries(Object.entries(view(s).answers).map(([k, a]) => [k, a.value]));

  it('merges question by question: each keeps its newest answer, answers to other questions all stay', () => {
    expect(picked(mergeStates(A, B))).toEqual({ timeline: 'within_3m', interest: ['product_a'], budget: 'secured' });
  });

  it('lets a recorded clear of one answer win when it is newer, and lose when it is older', () => {
    expect(picked(mergeStates(mergeStates(A, B), C))).toEqual({ timeline: 'within_3m', budget: 'secured' });
    const reanswered = stateFromBundleLead(bundleLead({
      answers: answers({ interest: ['services'] }), updatedAt: T('08:00'), fieldTimes: { 'answers.interest': T('08:00') },
    }));
    expect(picked(mergeStates(C, reanswered))).toEqual({ interest: ['services'] });
  });

  it('converges in any order, any number of times, and stores the same JSON on every device', () => {
    const orders = [mergeStates(mergeStates(A, B), C), mergeStates(C, mergeStates(B, A)), mergeStates(mergeStates(B, C), A)];
    for (const s of orders) expect(sameState(s, orders[0]!)).toBe(true);
    expect(new Set(orders.map((s) => JSON.stringify(view(s).answers))).size).toBe(1);
    expect(sameState(mergeStates(orders[0]!, orders[0]!), orders[0]!)).toBe(true);
    expect(sameState(mergeStates(orders[0]!, A), orders[0]!)).toBe(true);
  });

  it('breaks a tie of answer times the same way on every device', () => {
    const x = stateFromBundleLead(bundleLead({ answers: answers({ budget: 'secured' }), fieldTimes: { 'answers.budget': T('03:00') } }));
    const y = stateFromBundleLead(bundleLead({ id: 'lead-y', answers: answers({ budget: 'requested' }), fieldTimes: { 'answers.budget': T('03:00') } }));
    expect(picked(mergeStates(x, y))).toEqual(picked(mergeStates(y, x)));
  });

  it('travels in the bundle form as answers plus `answers.<key>` field times, clears included', () => {
    const m = mergeStates(mergeStates(A, B), C);
    const lead = view(m);
    expect(lead.fieldTimes).toMatchObject({ 'answers.timeline': T('05:00'), 'answers.budget': T('06:00'), 'answers.interest': T('07:00') });
    expect(lead.answers.interest).toBeUndefined();
    expect(sameState(stateFromBundleLead(lead), m)).toBe(true);
  });

  it('keeps answer times in the stored field times, next to the other fields', () => {
    const m = mergeStates(A, B);
    const stored = parseFieldTimes(encodeFieldTimes(m));
    expect(effectiveAnswerTimes(m.answers, stored, Date.parse(T('09:00')))).toEqual(m.answerTimes);
  });

  it('count an answer changed by code that records no time at updated_at, and one that vanished as cleared then', () => {
    const m = mergeStates(A, B);
    const stored = parseFieldTimes(encodeFieldTimes(m));
    const edited = answers({ timeline: 'within_1y', budget: 'secured' }); // interest cleared, timeline changed
    const at = Date.parse(T('09:00'));
    expect(effectiveAnswerTimes(edited, stored, at)).toEqual({ timeline: at, interest: at, budget: Date.parse(T('06:00')) });
    // An answer nobody timed counts at updated_at, like any field that has a value.
    expect(effectiveAnswerTimes(answers({ role: 'influencer' }), {}, at)).toEqual({ role: at });
  });

  it('lets a writer that knows stamp the questions it edited, leaving the others’ times', () => {
    const m = mergeStates(A, B);
    const edited = { ...m.answers, ...answers({ role: 'decision_maker' }) };
    const at = Date.parse(T('10:00'));
    const stamped = parseFieldTimes(stampAnswerTimes(encodeFieldTimes(m), edited, ['role'], at));
    expect(effectiveAnswerTimes(edited, stamped, Date.parse(T('11:00')))).toEqual({ ...m.answerTimes, role: at });
    expect(effectiveTimes(view(m), stamped, 0)).toEqual(m.times);
  });
});
