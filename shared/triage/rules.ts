import { z } from 'zod';
import { en } from '../i18n/en';
import { ja, type MessageKey } from '../i18n/ja';
import { Id } from '../model';
import { Localized } from '../qualify/form';
import { Condition, DERIVED_KINDS, SubjectView, compileConditions, type CompiledCondition, type ScoringSubject } from './condition';
import { Grade, Score } from './grade';

/**
 * Scoring rules as data: each is a condition list and what it is worth. Fit rules add up to the
 * grade (who they are), interest rules to the score (what they showed); the two are kept apart
 * so a keen student never looks like a buyer, nor a silent CEO like a hot lead.
 */

export const Dimension = z.enum(['fit', 'interest']);
export type Dimension = z.infer<typeof Dimension>;

/** +1 lifts the grade one step (D → C), -1 lowers it: for facts that outweigh any points. */
export const GradeStep = z.union([z.literal(1), z.literal(-1)]);
export type GradeStep = z.infer<typeof GradeStep>;

const Points = z.number().int().min(-100).max(100);

export const ScoringRule = z
  .object({
    id: Id,
    label: Localized,
    /** Every condition must hold. */
    when: z.array(Condition).min(1).max(20),
    dimension: Dimension,
    points: Points.optional(),
    gradeStep: GradeStep.optional(),
    enabled: z.boolean().default(true),
    /** Only for leads of these events; absent or empty: every event. */
    eventIds: z.array(Id).max(200).optional(),
  })
  .superRefine((rule, ctx) => {
    const effects = (rule.points !== undefined ? 1 : 0) + (rule.gradeStep !== undefined ? 1 : 0);
    if (effects !== 1) ctx.addIssue({ code: 'custom', path: ['points'], message: 'a rule has either points or a grade step' });
    if (rule.dimension === 'interest' && rule.gradeStep !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['gradeStep'], message: 'only fit rules step the grade' });
    }
    rule.when.forEach((condition, i) => {
      if (DERIVED_KINDS.includes(condition.kind)) {
        ctx.addIssue({ code: 'custom', path: ['when', i, 'kind'], message: 'scoring rules cannot test the grade or score they produce' });
      }
    });
  });
export type ScoringRule = z.infer<typeof ScoringRule>;
export type ScoringRuleInput = z.input<typeof ScoringRule>;

/** Fit points a lead needs for each grade; below C it is D. */
export const GradeThresholds = z
  .object({ A: z.number().int(), B: z.number().int(), C: z.number().int() })
  .refine((t) => t.A > t.B && t.B > t.C, { message: 'thresholds must fall from A to C' });
export type GradeThresholds = z.infer<typeof GradeThresholds>;

export const RuleSet = z
  .object({
    rules: z.array(ScoringRule).max(500),
    gradeThresholds: GradeThresholds,
    version: z.number().int().min(1).optional(),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id ${rule.id} is used twice` });
      seen.add(rule.id);
    });
  });
export type RuleSet = z.infer<typeof RuleSet>;

export const FiredRule = z.object({
  ruleId: Id,
  label: Localized,
  dimension: Dimension,
  points: z.number().int().optional(),
  gradeStep: GradeStep.optional(),
});
export type FiredRule = z.infer<typeof FiredRule>;

export const GradeCandidate = z.object({
  ruleId: Id,
  label: Localized,
  points: z.number().int().optional(),
  gradeStep: GradeStep.optional(),
});
export type GradeCandidate = z.infer<typeof GradeCandidate>;

/**
 * What would lift the lead one grade: the fit points still missing (null when points alone
 * cannot do it, because grade steps hold it down) and the fit rules that did not fire and would help.
 */
export const NextGrade = z.object({
  grade: Grade,
  fitPointsNeeded: z.number().int().min(1).nullable(),
  candidates: z.array(GradeCandidate),
});
export type NextGrade = z.infer<typeof NextGrade>;

/**
 * One lead's score and grade with their reasons. `fired` lists exactly the rules that counted:
 * their interest points sum to `interestPoints` (the score before it is held to 0–100), their fit
 * points to `fitPoints`, their grade steps to `gradeSteps`.
 */
export const Evaluation = z.object({
  score: Score,
  grade: Grade,
  interestPoints: z.number().int(),
  fitPoints: z.number().int(),
  gradeSteps: z.number().int(),
  fired: z.array(FiredRule),
  nextGrade: NextGrade.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;

/** Best first, so a grade's index is its rank. */
const GRADES = Grade.options;

/** The grade fit points earn before any grade step: its index in GRADES. */
function baseRank(fitPoints: number, t: GradeThresholds): number {
  if (fitPoints >= t.A) return 0;
  if (fitPoints >= t.B) return 1;
  if (fitPoints >= t.C) return 2;
  return 3;
}

const clampRank = (rank: number) => Math.min(3, Math.max(0, rank));

interface CompiledRule {
  rule: ScoringRule;
  test: CompiledCondition;
  events: ReadonlySet<string> | null;
  /** Built once and shared by every evaluation it appears in: evaluations are read, never changed. */
  fired: FiredRule;
}

/** Why a rule did or did not count for one lead (kept in a byte array, one per rule). */
const NOT_FOR_THIS_EVENT = 0;
const FIRED = 1;
const IDLE = 2;

/**
 * A compiled rule set: called, the full evaluation with its reasons; `values`, only the score and
 * grade (the same numbers), for a re-score that stores them and keeps no explanation.
 */
export type Scorer = ((subject: ScoringSubject) => Evaluation) & { values: (subject: ScoringSubject) => ScoredValues };
export type ScoredValues = Pick<Evaluation, 'score' | 'grade'>;

/** What a rule shows as an effect, points or a grade step: the same shape when fired and when offered. */
function effect(rule: ScoringRule): { points: number } | { gradeStep: GradeStep } {
  return rule.points !== undefined ? { points: rule.points } : { gradeStep: rule.gradeStep! };
}

/**
 * Prepares a rule set for scoring many leads: conditions are compiled, disabled rules dropped and
 * the next-grade candidates ordered once, so a re-score of 100,000 leads only runs the tests.
 */
export function compileRules(ruleSet: RuleSet): Scorer {
  const thresholds = ruleSet.gradeThresholds;
  const compiled: CompiledRule[] = ruleSet.rules
    .filter((rule) => rule.enabled)
    .map((rule) => ({
      rule,
      test: compileConditions(rule.when),
      events: rule.eventIds && rule.eventIds.length > 0 ? new Set(rule.eventIds) : null,
      fired: { ruleId: rule.id, label: rule.label, dimension: rule.dimension, ...effect(rule) },
    }));
  // The fit rules that would help a lead if they held: a step up first, then the most points.
  const helpers = compiled
    .map((entry, index) => ({ index, rule: entry.rule }))
    .filter(({ rule }) => rule.dimension === 'fit' && ((rule.points ?? 0) > 0 || rule.gradeStep === 1))
    .sort((a, b) => (b.rule.gradeStep ?? 0) - (a.rule.gradeStep ?? 0) || (b.rule.points ?? 0) - (a.rule.points ?? 0))
    .map(({ index, rule }) => ({ index, candidate: { ruleId: rule.id, label: rule.label, ...effect(rule) } as GradeCandidate }));
  const thresholdByRank = [thresholds.A, thresholds.B, thresholds.C, -Infinity];

  const evaluate = (subject: ScoringSubject): Evaluation => {
    const view = new SubjectView(subject);
    const outcomes = new Uint8Array(compiled.length);
    const fired: FiredRule[] = [];
    let interestPoints = 0;
    let fitPoints = 0;
    let gradeSteps = 0;
    for (let i = 0; i < compiled.length; i++) {
      const entry = compiled[i]!;
      if (entry.events && !entry.events.has(subject.eventId)) {
        outcomes[i] = NOT_FOR_THIS_EVENT;
        continue;
      }
      if (!entry.test(view)) {
        outcomes[i] = IDLE;
        continue;
      }
      outcomes[i] = FIRED;
      fired.push(entry.fired);
      const { points = 0, gradeStep = 0 } = entry.rule;
      if (entry.rule.dimension === 'interest') interestPoints += points;
      else {
        fitPoints += points;
        gradeSteps += gradeStep;
      }
    }
    const rank = clampRank(baseRank(fitPoints, thresholds) - gradeSteps);
    let next: NextGrade | null = null;
    if (rank > 0) {
      next = {
        grade: GRADES[rank - 1]!,
        fitPointsNeeded: pointsToRank(rank - 1, fitPoints, gradeSteps, thresholdByRank),
        candidates: helpers.filter((h) => outcomes[h.index] === IDLE).map((h) => h.candidate),
      };
    }
    return {
      score: Math.min(100, Math.max(0, interestPoints)),
      grade: GRADES[rank]!,
      interestPoints,
      fitPoints,
      gradeSteps,
      fired,
      nextGrade: next,
    };
  };
  // The same sums as above, with nothing kept of which rule counted.
  const values = (subject: ScoringSubject): ScoredValues => {
    const view = new SubjectView(subject);
    let interestPoints = 0;
    let fitPoints = 0;
    let gradeSteps = 0;
    for (let i = 0; i < compiled.length; i++) {
      const entry = compiled[i]!;
      if ((entry.events && !entry.events.has(subject.eventId)) || !entry.test(view)) continue;
      const { points = 0, gradeStep = 0 } = entry.rule;
      if (entry.rule.dimension === 'interest') interestPoints += points;
      else {
        fitPoints += points;
        gradeSteps += gradeStep;
      }
    }
    return { score: Math.min(100, Math.max(0, interestPoints)), grade: GRADES[clampRank(baseRank(fitPoints, thresholds) - gradeSteps)]! };
  };
  return Object.assign(evaluate, { values });
}

/**
 * The fit points still missing to reach `target` with the same grade steps: the threshold of the
 * worst base grade that, stepped, lands there. Null when no base grade does (steps hold it down).
 */
function pointsToRank(target: number, fitPoints: number, gradeSteps: number, thresholdByRank: number[]): number | null {
  for (let base = 3; base >= 0; base--) {
    if (clampRank(base - gradeSteps) <= target) return Math.max(1, thresholdByRank[base]! - fitPoints);
  }
  return null;
}

/** Scorers already built, per rule set value: the lead writer scores every write with the same set. */
const scorers = new WeakMap<RuleSet, Scorer>();

/** Scores one lead. Pure: the same subject and rules always give the same evaluation. */
export function scoreLead(subject: ScoringSubject, ruleSet: RuleSet): Evaluation {
  let scorer = scorers.get(ruleSet);
  if (!scorer) {
    scorer = compileRules(ruleSet);
    scorers.set(ruleSet, scorer);
  }
  return scorer(subject);
}

/* ------------------------------------------------------------------------------------------ */
/* The default rules: useful at a Japanese B2B booth without editing, on the default form.     */

const label = (key: MessageKey): Localized => ({ ja: ja[key], en: en[key] });

type DefaultRule = Omit<ScoringRule, 'label' | 'enabled'> & { label: MessageKey };
const fit = (id: string, key: MessageKey, points: number, ...when: Condition[]): DefaultRule => ({ id, label: key, dimension: 'fit', points, when });
const interest = (id: string, key: MessageKey, points: number, ...when: Condition[]): DefaultRule => ({ id, label: key, dimension: 'interest', points, when });
const answer = (question: string, ...anyOf: string[]): Condition => ({ kind: 'answer', question, anyOf });

/*
 * Calibration, fit (thresholds A 65, B 45, C 20): a 部長 at a company address is B (45) and A
 * once they say they decide (70); a CEO writing from gmail is C (20); an intern from gmail is
 * D. Interest: a hot lead due within three months with budget, asking for a visit and a quote
 * and consenting scores 95; warm, within three months, budget secured, a demo and consent is
 * exactly the default MQL line of 60.
 */
const DEFAULT_RULE_LIST: DefaultRule[] = [
  fit('fit.seniority.executive', 'rule.default.seniority_executive', 30, { kind: 'seniority', in: ['executive'] }),
  fit('fit.seniority.director', 'rule.default.seniority_director', 25, { kind: 'seniority', in: ['director'] }),
  fit('fit.seniority.manager', 'rule.default.seniority_manager', 15, { kind: 'seniority', in: ['manager'] }),
  fit('fit.seniority.lead', 'rule.default.seniority_lead', 5, { kind: 'seniority', in: ['lead'] }),
  fit('fit.seniority.staff', 'rule.default.seniority_staff', -10, { kind: 'seniority', in: ['staff'] }),
  fit('fit.role.decision_maker', 'rule.default.role_decision_maker', 25, answer('role', 'decision_maker')),
  fit('fit.role.influencer', 'rule.default.role_influencer', 15, answer('role', 'influencer')),
  fit('fit.role.researcher', 'rule.default.role_researcher', -5, answer('role', 'researcher')),
  fit('fit.email.corporate', 'rule.default.email_corporate', 20, { kind: 'free_mail', is: false }),
  fit('fit.email.free', 'rule.default.email_free', -10, { kind: 'free_mail', is: true }),
  fit('fit.target_account', 'rule.default.target_account', 20, { kind: 'target_account', is: true }),

  interest('interest.rating.hot', 'rule.default.rating_hot', 25, { kind: 'rating', in: ['hot'] }),
  interest('interest.rating.warm', 'rule.default.rating_warm', 10, { kind: 'rating', in: ['warm'] }),
  interest('interest.timeline.within_3m', 'rule.default.timeline_3m', 20, answer('timeline', 'within_3m')),
  interest('interest.timeline.within_6m', 'rule.default.timeline_6m', 12, answer('timeline', 'within_6m')),
  interest('interest.timeline.within_1y', 'rule.default.timeline_1y', 5, answer('timeline', 'within_1y')),
  interest('interest.budget.secured', 'rule.default.budget_secured', 15, answer('budget', 'secured')),
  interest('interest.budget.requested', 'rule.default.budget_requested', 8, answer('budget', 'requested')),
  interest('interest.follow_up.visit', 'rule.default.follow_up_visit', 15, answer('follow_up', 'visit')),
  interest('interest.follow_up.quote', 'rule.default.follow_up_quote', 15, answer('follow_up', 'quote')),
  interest('interest.follow_up.demo', 'rule.default.follow_up_demo', 10, answer('follow_up', 'demo')),
  interest('interest.follow_up.call', 'rule.default.follow_up_call', 5, answer('follow_up', 'call')),
  interest('interest.follow_up.documents', 'rule.default.follow_up_documents', 3, answer('follow_up', 'documents')),
  interest('interest.products', 'rule.default.products', 5, { kind: 'answered', question: 'interest' }),
  interest('interest.touches.2', 'rule.default.touches_2', 10, { kind: 'touches', atLeast: 2 }),
  interest('interest.touches.3', 'rule.default.touches_3', 5, { kind: 'touches', atLeast: 3 }),
  interest('interest.touches.4', 'rule.default.touches_4', 5, { kind: 'touches', atLeast: 4 }),
  interest('interest.consent', 'rule.default.consent', 5, { kind: 'consent', given: true }),
];

export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { A: 65, B: 45, C: 20 };

export const DEFAULT_RULES: RuleSet = RuleSet.parse({
  rules: DEFAULT_RULE_LIST.map((rule) => ({ ...rule, label: label(rule.label), enabled: true })),
  gradeThresholds: DEFAULT_GRADE_THRESHOLDS,
  version: 1,
});
