import { describe, expect, it } from 'vitest';
import { en } from '../../../../shared/i18n/en';
import { ja } from '../../../../shared/i18n/ja';
import type { Grade } from '../../../../shared/triage/grade';
import { DEFAULT_RULES, RuleSet, compileRules, scoreLead, type Evaluation, type ScoringRuleInput } from '../../../../shared/triage/rules';
import { subject } from './subject';

const corporate = (title: string) => ({ title, email: 'taro.yamada@sample.co.jp', company: '株式会社サンプル' });

describe('DEFAULT_RULES', () => {
  it('is a valid rule set whose labels are the dictionaries’ words in both languages', () => {
    expect(RuleSet.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
    const jaWords = new Set(Object.values(ja));
    const enWords = new Set(Object.values(en));
    for (const rule of DEFAULT_RULES.rules) {
      expect(jaWords.has(rule.label.ja), rule.id).toBe(true);
      expect(enWords.has(rule.label.en), rule.id).toBe(true);
    }
  });

  it('reads the default form: every answer it tests is an option the form offers', async () => {
    const { DEFAULT_QUESTIONS } = await import('../../../../shared/qualify/form');
    const options = new Map(DEFAULT_QUESTIONS.map((q) => [q.key, new Set(q.options.map((o) => o.value))]));
    for (const rule of DEFAULT_RULES.rules) {
      for (const condition of rule.when) {
        if (condition.kind === 'answer') for (const value of condition.anyOf) expect(options.get(condition.question)?.has(value), `${rule.id}: ${value}`).toBe(true);
        if (condition.kind === 'answered') expect(options.has(condition.question), rule.id).toBe(true);
      }
    }
  });
});

describe('grade with the default rules', () => {
  /** [who, the lead, grade] */
  const TABLE: [string, Parameters<typeof subject>[0], Grade][] = [
    ['a 部長 at a company address who decides', { ...corporate('営業部 部長'), answers: { role: 'decision_maker' } }, 'A'],
    ['a CEO at a target account', { ...corporate('代表取締役社長'), isTarget: true }, 'A'],
    ['a Director at a target account', { ...corporate('Director of IT'), isTarget: true }, 'A'],
    ['a 部長 at a company address', corporate('部長'), 'B'],
    ['a 取締役 at a company address', corporate('取締役営業本部長'), 'B'],
    ['a 課長 who recommends', { ...corporate('課長'), answers: { role: 'influencer' } }, 'B'],
    ['a Manager who decides', { ...corporate('Senior Manager'), answers: { role: 'decision_maker' } }, 'B'],
    ['a 主任 at a target account', { ...corporate('主任'), isTarget: true }, 'B'],
    ['a 部長代理 who only gathers information', { ...corporate('部長代理'), answers: { role: 'researcher' } }, 'C'],
    ['a CEO writing from gmail, no answers', { title: 'CEO', email: 'ceo.startup@gmail.com' }, 'C'],
    ['a company address and no title', { email: 'info@sample.co.jp' }, 'C'],
    ['a Manager from yahoo.co.jp who decides', { title: 'Manager', email: 'taro@yahoo.co.jp', answers: { role: 'decision_maker' } }, 'C'],
    ['a 担当 at a company address', corporate('担当'), 'D'],
    ['an intern writing from gmail', { title: 'インターン', email: 'hanako.intern@gmail.com' }, 'D'],
    ['nothing known', {}, 'D'],
  ];
  it.each(TABLE)('%s', (_who, lead, grade) => {
    expect(scoreLead(subject(lead), DEFAULT_RULES).grade).toBe(grade);
  });
});

describe('score with the default rules', () => {
  const TABLE: [string, Parameters<typeof subject>[0], (score: number) => boolean][] = [
    ['hot, within three months, budget secured, visit and quote, consent: 80 or more',
      { rating: 'hot', consentVersion: '2025-04', answers: { timeline: 'within_3m', budget: 'secured', follow_up: ['visit', 'quote'] } }, (s) => s >= 80],
    ['warm, within three months, budget secured, a demo, consent: exactly the MQL line',
      { rating: 'warm', consentVersion: '2025-04', answers: { timeline: 'within_3m', budget: 'secured', follow_up: ['demo'] } }, (s) => s === 60],
    ['cold with nothing: under 20', { rating: 'cold' }, (s) => s < 20],
    ['scanned once, nothing else: 0', {}, (s) => s === 0],
    ['documents only: a little', { answers: { follow_up: ['documents'] } }, (s) => s > 0 && s < 10],
    ['visit beats documents', { answers: { follow_up: ['visit'] } }, (s) => s > scoreLead(subject({ answers: { follow_up: ['documents'] } }), DEFAULT_RULES).score],
    ['a rescan and a seminar attended count', { touchCount: 3 }, (s) => s === 15],
  ];
  it.each(TABLE)('%s', (_what, lead, holds) => {
    const { score } = scoreLead(subject(lead), DEFAULT_RULES);
    expect(holds(score), `score ${score}`).toBe(true);
  });

  it('holds the score to 100 while the explanation keeps every point', () => {
    const everything = subject({
      rating: 'hot', consentVersion: '2025-04', touchCount: 5,
      answers: { interest: ['product_a'], timeline: 'within_3m', budget: 'secured', follow_up: ['call', 'demo', 'documents', 'visit', 'quote'] },
    });
    const result = scoreLead(everything, DEFAULT_RULES);
    expect(result.score).toBe(100);
    expect(result.interestPoints).toBeGreaterThan(100);
  });
});

describe('the explanation', () => {
  const lead = subject({
    ...corporate('部長'), rating: 'hot', consentVersion: '2025-04',
    answers: { timeline: 'within_6m', role: 'influencer', follow_up: ['demo', 'documents'] },
  });
  const result = scoreLead(lead, DEFAULT_RULES);

  it('lists exactly the rules that fired', () => {
    expect(result.fired.map((f) => f.ruleId).sort()).toEqual([
      'fit.email.corporate', 'fit.role.influencer', 'fit.seniority.director',
      'interest.consent', 'interest.follow_up.demo', 'interest.follow_up.documents', 'interest.rating.hot', 'interest.timeline.within_6m',
    ]);
  });

  it('adds up to the score and the fit points', () => {
    const sum = (dimension: string) => result.fired.filter((f) => f.dimension === dimension).reduce((n, f) => n + (f.points ?? 0), 0);
    expect(sum('interest')).toBe(result.interestPoints);
    expect(result.score).toBe(25 + 12 + 10 + 3 + 5);
    expect(sum('fit')).toBe(result.fitPoints);
    expect(result.fitPoints).toBe(25 + 15 + 20);
    expect(result.grade).toBe('B');
  });

  it('says what would lift the lead to the next grade', () => {
    expect(result.nextGrade?.grade).toBe('A');
    expect(result.nextGrade?.fitPointsNeeded).toBe(65 - 60);
    const ids = result.nextGrade!.candidates.map((c) => c.ruleId);
    // Rules that did not fire and would add points, most first; never a penalty, never one that fired.
    expect(ids).toEqual(['fit.seniority.executive', 'fit.role.decision_maker', 'fit.target_account', 'fit.seniority.manager', 'fit.seniority.lead']);
    expect(result.nextGrade!.candidates[0]).toEqual({ ruleId: 'fit.seniority.executive', label: { ja: '役職: 経営層', en: 'Title: executive' }, points: 30 });
  });

  it('has no next grade at A', () => {
    const top = scoreLead(subject({ ...corporate('CEO'), isTarget: true, answers: { role: 'decision_maker' } }), DEFAULT_RULES);
    expect(top.grade).toBe('A');
    expect(top.nextGrade).toBeNull();
  });

  it('is the same every time for the same lead and rules', () => {
    expect(scoreLead(lead, DEFAULT_RULES)).toEqual(result);
    expect(compileRules(DEFAULT_RULES)(lead)).toEqual(result);
  });

  it('gives the same score and grade without the explanation (values, as a re-score stores them)', () => {
    const scorer = compileRules(DEFAULT_RULES);
    const leads = [
      lead,
      subject(),
      subject({ ...corporate('CEO'), isTarget: true, answers: { role: 'decision_maker' } }),
      subject({ title: 'インターン', email: 'taro@gmail.com', rating: 'cold' }),
      subject({ ...corporate('課長'), rating: 'hot', consentVersion: 'v1', touchCount: 4, answers: { timeline: 'within_3m', budget: 'secured', follow_up: ['visit', 'quote'] } }),
    ];
    for (const one of leads) {
      const { score, grade } = scorer(one);
      expect(scorer.values(one)).toEqual({ score, grade });
    }
  });
});

/** A small rule set to test the mechanics, not the calibration. */
function ruleSet(rules: ScoringRuleInput[], thresholds = { A: 60, B: 40, C: 20 }): RuleSet {
  return RuleSet.parse({ rules, gradeThresholds: thresholds });
}
const label = (en: string) => ({ ja: en, en });

describe('rules per event', () => {
  const rules = ruleSet([
    { id: 'seminar', label: label('Attended the seminar'), dimension: 'interest', points: 30, when: [{ kind: 'touches', atLeast: 1 }], eventIds: ['ev-seminar'] },
    { id: 'everywhere', label: label('Scanned'), dimension: 'interest', points: 5, when: [{ kind: 'touches', atLeast: 1 }] },
    { id: 'everywhere-too', label: label('Scanned again'), dimension: 'interest', points: 1, when: [{ kind: 'touches', atLeast: 1 }], eventIds: [] },
  ]);

  it('applies an event’s rule only to that event’s leads', () => {
    expect(scoreLead(subject({ eventId: 'ev-seminar' }), rules).score).toBe(36);
    expect(scoreLead(subject({ eventId: 'ev-expo' }), rules).score).toBe(6);
    expect(scoreLead(subject({ eventId: 'ev-expo' }), rules).fired.map((f) => f.ruleId)).toEqual(['everywhere', 'everywhere-too']);
  });

  it('never offers another event’s rule as a way to the next grade', () => {
    const fit = ruleSet([
      { id: 'osaka-only', label: label('Osaka target'), dimension: 'fit', points: 50, when: [{ kind: 'target_account', is: true }], eventIds: ['ev-osaka'] },
      { id: 'target', label: label('Target'), dimension: 'fit', points: 10, when: [{ kind: 'target_account', is: true }] },
    ]);
    expect(scoreLead(subject({ eventId: 'ev-tokyo' }), fit).nextGrade?.candidates.map((c) => c.ruleId)).toEqual(['target']);
  });
});

describe('disabled rules', () => {
  it('neither fire nor appear as a way up', () => {
    const rules = ruleSet([
      { id: 'corporate', label: label('Company address'), dimension: 'fit', points: 30, when: [{ kind: 'free_mail', is: false }], enabled: false },
      { id: 'target', label: label('Target'), dimension: 'fit', points: 30, when: [{ kind: 'target_account', is: true }], enabled: false },
      { id: 'hot', label: label('Hot'), dimension: 'interest', points: 50, when: [{ kind: 'rating', in: ['hot'] }], enabled: false },
    ]);
    const result = scoreLead(subject({ email: 'a@sample.co.jp', rating: 'hot' }), rules);
    expect(result).toMatchObject({ score: 0, grade: 'D', fitPoints: 0, fired: [] });
    expect(result.nextGrade).toEqual({ grade: 'C', fitPointsNeeded: 20, candidates: [] });
  });
});

describe('grade steps', () => {
  const rules = ruleSet([
    { id: 'director', label: label('Director'), dimension: 'fit', points: 45, when: [{ kind: 'seniority', in: ['director', 'executive'] }] },
    { id: 'target', label: label('Target account'), dimension: 'fit', gradeStep: 1, when: [{ kind: 'target_account', is: true }] },
    { id: 'competitor', label: label('Competitor'), dimension: 'fit', gradeStep: -1, when: [{ kind: 'field', field: 'email', op: 'contains', value: '@rival.' }] },
    { id: 'student', label: label('Student'), dimension: 'fit', gradeStep: -1, when: [{ kind: 'field', field: 'email', op: 'ends_with', value: '.ac.jp' }] },
    { id: 'intern', label: label('Intern'), dimension: 'fit', gradeStep: -1, when: [{ kind: 'seniority', in: ['staff'] }] },
  ]);
  const grade = (lead: Parameters<typeof subject>[0]): Evaluation => scoreLead(subject(lead), rules);

  it('moves the grade its points earn one step up or down', () => {
    expect(grade({ title: '部長' })).toMatchObject({ grade: 'B', fitPoints: 45, gradeSteps: 0 });
    expect(grade({ title: '部長', isTarget: true })).toMatchObject({ grade: 'A', fitPoints: 45, gradeSteps: 1 });
    expect(grade({ title: '部長', email: 'bucho@rival.co.jp' })).toMatchObject({ grade: 'C', gradeSteps: -1 });
    expect(grade({ title: '部長', email: 'bucho@rival.co.jp', isTarget: true })).toMatchObject({ grade: 'B', gradeSteps: 0 });
  });

  it('stops at A and at D', () => {
    expect(grade({ title: 'CEO', isTarget: true }).grade).toBe('A');
    expect(grade({ title: 'Intern', email: 'x@rival.co.jp' }).grade).toBe('D');
  });

  it('lists the step among the fired rules, without points', () => {
    expect(grade({ title: '部長', isTarget: true }).fired).toEqual([
      { ruleId: 'director', label: label('Director'), dimension: 'fit', points: 45 },
      { ruleId: 'target', label: label('Target account'), dimension: 'fit', gradeStep: 1 },
    ]);
  });

  it('counts the points needed with the steps in force, and offers a step up first', () => {
    const demoted = grade({ title: '部長', email: 'bucho@rival.co.jp' });
    expect(demoted.nextGrade).toEqual({
      grade: 'B',
      fitPointsNeeded: 60 - 45,
      candidates: [{ ruleId: 'target', label: label('Target account'), gradeStep: 1 }],
    });
  });

  it('says when points alone cannot lift the grade', () => {
    const held = grade({ title: 'Intern', email: 'intern@rival.ac.jp' });
    // Three steps down: even A's points would end at D, so only a step up helps.
    expect(held).toMatchObject({ grade: 'D', gradeSteps: -3 });
    expect(held.nextGrade).toMatchObject({ grade: 'C', fitPointsNeeded: null });
    expect(held.nextGrade!.candidates.map((c) => c.ruleId)).toEqual(['target', 'director']);
  });
});

describe('RuleSet', () => {
  const base = { id: 'r', label: label('Rule'), when: [{ kind: 'rating', in: ['hot'] }] };
  const invalid: [string, unknown][] = [
    ['a rule with neither points nor a step', { rules: [{ ...base, dimension: 'fit' }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['a rule with both', { rules: [{ ...base, dimension: 'fit', points: 5, gradeStep: 1 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['an interest rule with a grade step', { rules: [{ ...base, dimension: 'interest', gradeStep: 1 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['a step of two', { rules: [{ ...base, dimension: 'fit', gradeStep: 2 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['fractional points', { rules: [{ ...base, dimension: 'interest', points: 2.5 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['a rule without conditions', { rules: [{ ...base, when: [], dimension: 'interest', points: 5 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['a scoring rule testing its own output', { rules: [{ ...base, when: [{ kind: 'score', atLeast: 50 }], dimension: 'interest', points: 5 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['the same id twice', { rules: [{ ...base, dimension: 'interest', points: 5 }, { ...base, dimension: 'interest', points: 6 }], gradeThresholds: { A: 3, B: 2, C: 1 } }],
    ['thresholds out of order', { rules: [], gradeThresholds: { A: 10, B: 20, C: 5 } }],
  ];
  it.each(invalid)('refuses %s', (_what, value) => {
    expect(RuleSet.safeParse(value).success).toBe(false);
  });

  it('survives a JSON round trip, as `rules export` and `rules import` do', () => {
    expect(RuleSet.parse(JSON.parse(JSON.stringify(DEFAULT_RULES)))).toEqual(DEFAULT_RULES);
  });

  it('takes an enabled flag as on when a hand-written file leaves it out', () => {
    const parsed = RuleSet.parse({ rules: [{ ...base, dimension: 'interest', points: 5 }], gradeThresholds: { A: 3, B: 2, C: 1 } });
    expect(parsed.rules[0]!.enabled).toBe(true);
  });
});
