import { describe, expect, it } from 'vitest';
import { t as translate } from '../../../../shared/i18n';
import { DEFAULT_QUESTIONS } from '../../../../shared/qualify/form';
import type { RulesDocument } from '../../../../shared/triage/api';
import type { Condition } from '../../../../shared/triage/condition';
import { DEFAULT_RULES } from '../../../../shared/triage/rules';
import { TriageSettings } from '../../../../shared/triage/settings';
import { conditionsText, questionCatalog, type TextContext } from '../../../../renderer/src/settings/triage/condition-text';
import {
  SaveInput,
  blankAssignmentRule,
  blankCondition,
  blankReason,
  blankScoringRule,
  checkDraft,
  draftCondition,
  draftFrom,
  problemsFrom,
  splitValues,
  toCondition,
  toDocument,
  togglePick,
  withDefaultScoring,
  withDimension,
  withQuestion,
  type RulesDraft,
} from '../../../../renderer/src/settings/triage/rules-draft';
import { move } from '../../../../renderer/src/ui/list';

const owners = [
  { email: 'tanaka@example.co.jp', name: '田中 一郎', team: '営業1課', active: true },
  { email: 'suzuki@example.co.jp', name: '鈴木 花子', team: '営業1課', active: true },
  { email: 'jane.doe@example.com', name: 'Jane Doe', team: null, active: false },
];

const doc = (): RulesDocument => ({
  scoring: DEFAULT_RULES,
  triage: TriageSettings.parse({
    defaultOwner: 'tanaka@example.co.jp',
    assignmentRules: [
      { id: 'a-grade-team', label: 'A グレードは営業1課', when: [{ kind: 'grade', in: ['A'] }], assign: { kind: 'team', team: '営業1課' } },
      { id: 'osaka', label: '大阪の会社', when: [{ kind: 'field', field: 'company', op: 'contains', value: '大阪' }], assign: { kind: 'owner', email: 'suzuki@example.co.jp' } },
    ],
  }),
});

/** The draft with one change made, as the screen makes them. */
const edit = (draft: RulesDraft, change: (d: RulesDraft) => RulesDraft) => change(draft);

describe('the triage settings draft', () => {
  it('round-trips the default rules and settings unchanged, and they pass the contract', () => {
    const original = doc();
    const draft = draftFrom(original);
    expect(checkDraft(draft)).toEqual([]);
    expect(SaveInput.parse(toDocument(draft))).toEqual(original);
  });

  it('keeps a half-typed or wrong number as typed and names the field, never blanking it', () => {
    const draft = draftFrom(doc());
    const executive = draft.rules.find((r) => r.id === 'fit.seniority.executive')!;
    const typo = edit(draft, (d) => ({ ...d, rules: d.rules.map((r) => (r.uid === executive.uid ? { ...r, points: '3O' } : r)), mqlScore: '１２０' }));
    expect(typo.rules.find((r) => r.uid === executive.uid)!.points).toBe('3O');
    expect(checkDraft(typo).map((p) => [p.field, p.text, p.row])).toEqual([
      [`${executive.uid}.points`, 'rules.error.points', executive.uid],
      ['mql.score', 'settings.triage.error.mql_score', undefined],
    ]);
  });

  it('reads full-width digits as numbers (a Japanese IME left on)', () => {
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, mqlScore: '７０', hours: { ...d.hours, C: '７２' } }));
    const sent = SaveInput.parse(toDocument(draft));
    expect(sent.triage.mql.score).toBe(70);
    expect(sent.triage.followUpHours).toEqual({ A: 24, B: 48, C: 72 });
  });

  it('sends an empty follow-up hour as no clock for that grade', () => {
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, hours: { A: '12', B: '', C: '', D: '' } }));
    expect(SaveInput.parse(toDocument(draft)).triage.followUpHours).toEqual({ A: 12 });
  });

  it('names grade thresholds out of order on the A threshold', () => {
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, thresholds: { A: '40', B: '45', C: '20' } }));
    expect(checkDraft(draft).map((p) => [p.field, p.text])).toEqual([['thresholds.A', 'rules.error.thresholds_order']]);
  });

  it('a new fit rule with a grade step sends gradeStep, not points; moved to interest it counts points again', () => {
    const rule = { ...blankScoringRule('custom.1', 'fit'), ja: '競合他社', en: 'Competitor', effect: 'step' as const, step: -1 as const };
    rule.when = [{ ...blankCondition('field'), field: 'email', op: 'ends_with', text: '@competitor.co.jp' }];
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, rules: [...d.rules, rule] }));
    const sent = SaveInput.parse(toDocument(draft)).scoring.rules.at(-1)!;
    expect(sent).toEqual({
      id: 'custom.1',
      label: { ja: '競合他社', en: 'Competitor' },
      when: [{ kind: 'field', field: 'email', op: 'ends_with', value: '@competitor.co.jp' }],
      dimension: 'fit',
      gradeStep: -1,
      enabled: true,
    });
    const interest = withDimension(rule, 'interest');
    expect(interest.effect).toBe('points');
    expect(toDocument({ ...draft, rules: [interest] }).scoring.rules[0]).toMatchObject({ points: 10, dimension: 'interest' });
  });

  it('names each fault of a new rule: both labels, an empty pick list, a grade test in a scoring rule', () => {
    const rule = { ...blankScoringRule('custom.2', 'interest'), ja: '展示会限定', en: '' };
    rule.when = [blankCondition('rating'), blankCondition('grade')];
    rule.when[1] = togglePick(rule.when[1]!, 'A', true);
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, rules: [...d.rules, rule] }));
    const [rating, grade] = rule.when;
    const found = checkDraft(draft).map((p) => [p.field, p.text, p.where.map((w) => translate('en', w.key, w.params))]);
    expect(found).toEqual([
      [`${rule.uid}.en`, 'rules.error.label', ['Rule “展示会限定”']],
      [`${rating!.uid}.picks`, 'rules.error.picks', ['Rule “展示会限定”', 'Condition 1']],
      [`${grade!.uid}.kind`, 'rules.error.derived_kind', ['Rule “展示会限定”', 'Condition 2']],
    ]);
  });

  it('scopes a rule to chosen events, and to every event when none is chosen', () => {
    const draft = draftFrom(doc());
    const first = draft.rules[0]!;
    const scoped = edit(draft, (d) => ({ ...d, rules: d.rules.map((r) => (r.uid === first.uid ? { ...r, eventIds: ['ev-tokyo'] } : r)) }));
    expect(SaveInput.parse(toDocument(scoped)).scoring.rules[0]!.eventIds).toEqual(['ev-tokyo']);
    expect(SaveInput.parse(toDocument(draft)).scoring.rules[0]!.eventIds).toBeUndefined();
  });

  it('reset to defaults brings back the default rules and thresholds, keeping the rest of the draft', () => {
    const changed = edit(draftFrom(doc()), (d) => ({ ...d, rules: d.rules.slice(3), thresholds: { A: '90', B: '50', C: '10' }, mqlScore: '75' }));
    const reset = SaveInput.parse(toDocument(withDefaultScoring(changed)));
    expect(reset.scoring).toEqual(DEFAULT_RULES);
    expect(reset.triage.mql.score).toBe(75);
  });

  it('assignment rules keep their order, move up and down, and the team or person they name', () => {
    const draft = draftFrom(doc());
    const moved = edit(draft, (d) => ({ ...d, assignment: move(d.assignment, 1, -1) }));
    const sent = SaveInput.parse(toDocument(moved)).triage.assignmentRules;
    expect(sent.map((r) => r.id)).toEqual(['osaka', 'a-grade-team']);
    expect(sent.map((r) => r.assign)).toEqual([
      { kind: 'owner', email: 'suzuki@example.co.jp' },
      { kind: 'team', team: '営業1課' },
    ]);
  });

  it('a new assignment rule starts on the first team of the active owners, and needs a person or a team', () => {
    const rule = blankAssignmentRule('rule-3', owners);
    expect([rule.action, rule.team]).toEqual(['team', '営業1課']);
    const noOne = { ...blankAssignmentRule('rule-4', []), when: [] };
    expect(noOne.action).toBe('owner');
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, assignment: [...d.assignment, noOne] }));
    expect(checkDraft(draft).map((p) => [p.field, p.text, p.row])).toEqual([[`${noOne.uid}.email`, 'rules.error.owner', noOne.uid]]);
  });

  it('an assignment rule with no conditions is a catch-all, allowed', () => {
    const rule = { ...blankAssignmentRule('catch-all', owners), when: [] };
    const draft = edit(draftFrom(doc()), (d) => ({ ...d, assignment: [...d.assignment, rule] }));
    expect(checkDraft(draft)).toEqual([]);
  });

  it('rejection reasons: relabel and add, saved keys fixed; a repeated key marks both rows; none left is refused', () => {
    const draft = draftFrom(doc());
    expect(draft.reasons.every((r) => r.saved)).toBe(true);
    const added = { ...blankReason(), key: 'no_budget', ja: '予算なし（今期）', en: 'No budget this term' };
    const twice = edit(draft, (d) => ({ ...d, reasons: [...d.reasons, added] }));
    const budget = draft.reasons.find((r) => r.key === 'no_budget')!;
    expect(checkDraft(twice).map((p) => [p.field, p.text])).toEqual([
      [`${budget.uid}.key`, 'settings.triage.error.reason_duplicate'],
      [`${added.uid}.key`, 'settings.triage.error.reason_duplicate'],
    ]);
    const fixed = edit(twice, (d) => ({ ...d, reasons: d.reasons.map((r) => (r.uid === added.uid ? { ...r, key: 'budget_this_term' } : r)) }));
    expect(SaveInput.parse(toDocument(fixed)).triage.rejectionReasons.at(-1)).toEqual({ key: 'budget_this_term', label: { ja: '予算なし（今期）', en: 'No budget this term' } });
    const empty = edit(draft, (d) => ({ ...d, reasons: [] }));
    expect(checkDraft(empty).map((p) => [p.field, p.text])).toEqual([['reasons', 'settings.triage.error.reasons_few']]);
  });

  it('reads the core’s api.invalid_input details (paths under "scoring" and "triage") the same way', () => {
    const draft = draftFrom(doc());
    const rule = draft.rules[2]!;
    const condition = rule.when[0]!;
    const osaka = draft.assignment[1]!;
    const found = problemsFrom(
      [
        { path: ['scoring', 'rules', 2, 'label', 'ja'] },
        { path: ['scoring', 'rules', 2, 'when', 0, 'in'] },
        { path: ['triage', 'assignmentRules', 1, 'when', 0, 'value'] },
        { path: ['triage', 'followUpHours', 'B'] },
        { path: ['triage', 'defaultOwner'] },
      ],
      draft,
    );
    expect(found.map((p) => [p.field, p.text])).toEqual([
      [`${rule.uid}.ja`, 'rules.error.label'],
      [`${condition.uid}.picks`, 'rules.error.picks'],
      [`${osaka.when[0]!.uid}.text`, 'rules.error.text'],
      ['hours.B', 'settings.triage.error.hours'],
      ['defaultOwner', 'owners.error.default_owner'],
    ]);
  });
});

describe('conditions being edited', () => {
  it.each([
    { kind: 'seniority', in: ['executive', 'director'] },
    { kind: 'answer', question: 'timeline', anyOf: ['within_3m'] },
    { kind: 'answer_number', question: 'headcount', atLeast: 100 },
    { kind: 'answered', question: 'interest' },
    { kind: 'rating', in: ['hot'] },
    { kind: 'field', field: 'department', op: 'contains', value: '情報システム' },
    { kind: 'field', field: 'phone', op: 'empty' },
    { kind: 'free_mail', is: false },
    { kind: 'target_account', is: true },
    { kind: 'consent', given: true },
    { kind: 'touches', atLeast: 2 },
    { kind: 'event', in: ['ev-1'] },
    { kind: 'status', in: ['new', 'working'] },
    { kind: 'grade', in: ['A', 'B'] },
    { kind: 'score', atLeast: 40, below: 60 },
  ] satisfies Condition[])('round-trips $kind', (condition) => {
    expect(toCondition(draftCondition(condition))).toEqual(condition);
  });

  it('keeps what was typed for another kind when the kind changes and back', () => {
    const field = { ...blankCondition('field'), text: '部長' };
    const asRating = togglePick({ ...field, kind: 'rating' }, 'hot', true);
    expect(toCondition(asRating)).toEqual({ kind: 'rating', in: ['hot'] });
    expect(toCondition({ ...asRating, kind: 'field' })).toEqual({ kind: 'field', field: 'company', op: 'contains', value: '部長' });
  });

  it('a different question drops the options picked for the old one', () => {
    const c = togglePick(withQuestion(blankCondition('answer'), 'budget'), 'secured', true);
    expect(toCondition(withQuestion(c, 'budget'))).toEqual({ kind: 'answer', question: 'budget', anyOf: ['secured'] });
    expect(toCondition(withQuestion(c, 'timeline'))).toEqual({ kind: 'answer', question: 'timeline', anyOf: [] });
  });

  it.each([
    ['東京, 大阪', ['東京', '大阪']],
    ['東京、大阪，名古屋', ['東京', '大阪', '名古屋']],
    ['a, ', ['a']],
  ])('splits typed answers %j', (typed, values) => {
    expect(splitValues(typed)).toEqual(values);
  });
});

describe('conditions in words', () => {
  const context = (lang: 'ja' | 'en'): TextContext => ({
    lang,
    t: (key, params) => translate(lang, key, params),
    questions: questionCatalog([DEFAULT_QUESTIONS]),
    events: [{ id: 'ev-1', name: 'Japan IT Week 秋' }],
  });

  it.each([
    ['ja', [{ kind: 'seniority', in: ['executive', 'director'] }], '役職: 経営層（役員・社長・CxO）、部長・本部長クラス'],
    ['en', [{ kind: 'answer', question: 'timeline', anyOf: ['within_3m', 'within_6m'] }], 'Timeline: Within 3 months or Within 6 months'],
    ['ja', [{ kind: 'answer', question: 'follow_up', anyOf: ['visit'] }, { kind: 'free_mail', is: false }], '希望するフォロー: 訪問 かつ 会社のメールアドレス'],
    ['en', [{ kind: 'field', field: 'company', op: 'contains', value: '大阪' }], 'Company contains “大阪”'],
    ['en', [{ kind: 'score', atLeast: 60 }, { kind: 'grade', in: ['A', 'B'] }], 'Score 60 or more and Grade A or B'],
    ['ja', [{ kind: 'event', in: ['ev-1'] }], 'イベント: Japan IT Week 秋'],
    ['en', [], 'Every lead'],
  ] as const)('%s: %j', (lang, conditions, text) => {
    expect(conditionsText(conditions as never, context(lang))).toBe(text);
  });

  it('merges an event form’s extra options into the default form’s question', () => {
    const event = [{ ...DEFAULT_QUESTIONS[0]!, options: [{ value: 'product_c', label: { ja: '製品C', en: 'Product C' } }, { value: 'product_a', label: { ja: '製品A', en: 'Product A' } }] }];
    const interest = questionCatalog([DEFAULT_QUESTIONS, event]).find((q) => q.key === 'interest')!;
    expect(interest.options.map((o) => o.value)).toEqual(['product_a', 'product_b', 'services', 'other', 'product_c']);
  });
});
