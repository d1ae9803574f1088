import { z } from 'zod';
import type { MessageKey, Params } from '../../../../shared/i18n';
import { Rating } from '../../../../shared/model';
import { AssignmentRule, type Owner } from '../../../../shared/triage/assign';
import { Condition, DERIVED_KINDS, FieldOp, PersonField, type ConditionKind } from '../../../../shared/triage/condition';
import { Grade } from '../../../../shared/triage/grade';
import { DEFAULT_RULES, RuleSet, type Dimension, type GradeStep, type ScoringRule } from '../../../../shared/triage/rules';
import { TriageSettings } from '../../../../shared/triage/settings';
import { LeadStatus } from '../../../../shared/triage/status';
import { Seniority } from '../../../../shared/triage/seniority';
import type { RulesDocument } from '../../../../shared/triage/api';
import type { Issue } from '../../ui/field-problems';

/**
 * The triage settings' working copy: scoring rules, grade thresholds, MQL thresholds, follow-up
 * hours, rejection reasons, the default owner and the assignment rules, as the flat strings and
 * lists a person edits, each row with a stable uid so React keeps focus while rows move. Numbers
 * stay text until saving, so "6" on the way to "60" or a stray letter is never thrown away: the
 * schema names it instead. Pure, so it is tested without a page.
 */

export const GRADES = Grade.options;

/** Every kind a condition may have, in the order the picker lists them. */
export const CONDITION_KINDS: readonly ConditionKind[] = [
  'seniority', 'field', 'free_mail', 'answer', 'answer_number', 'answered', 'rating', 'touches', 'consent',
  'target_account', 'event', 'status', 'grade', 'score',
];
/** Scoring rules may not test what scoring produces. */
export const SCORING_KINDS = CONDITION_KINDS.filter((k) => !DERIVED_KINDS.includes(k));

/**
 * One condition being edited. Every kind's inputs live side by side, so switching the kind and
 * back does not lose what was typed (as the form editor keeps a question's options).
 */
export interface DraftCondition {
  uid: string;
  kind: ConditionKind;
  /** The chosen values of the list kinds: seniorities, ratings, statuses, grades, events, answer options. */
  picks: Partial<Record<ConditionKind, string[]>>;
  question: string;
  field: PersonField;
  op: FieldOp;
  text: string;
  /** The answer values of a text or number question as typed ("a, b"), kept apart from the picks they give. */
  typed: string;
  /** free_mail's is, target_account's is, consent's given. */
  flags: { free_mail: boolean; target_account: boolean; consent: boolean };
  atLeast: string;
  below: string;
}

export interface DraftScoringRule {
  uid: string;
  id: string;
  ja: string;
  en: string;
  dimension: Dimension;
  effect: 'points' | 'step';
  points: string;
  step: GradeStep;
  enabled: boolean;
  /** Chosen events; empty means every event. */
  eventIds: string[];
  when: DraftCondition[];
}

export interface DraftAssignmentRule {
  uid: string;
  id: string;
  label: string;
  when: DraftCondition[];
  action: 'owner' | 'team';
  email: string;
  team: string;
  enabled: boolean;
}

export interface DraftReason {
  uid: string;
  key: string;
  /** The key is in the saved list: leads and CRMs hold it, so it no longer changes. */
  saved: boolean;
  ja: string;
  en: string;
}

export interface RulesDraft {
  rules: DraftScoringRule[];
  thresholds: Record<'A' | 'B' | 'C', string>;
  version: number | undefined;
  mqlGrade: Grade;
  mqlScore: string;
  /** Empty: that grade has no follow-up clock. */
  hours: Record<Grade, string>;
  reasons: DraftReason[];
  /** Empty: no default owner. */
  defaultOwner: string;
  assignment: DraftAssignmentRule[];
}

let next = 0;
const uid = () => `r${++next}`;
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

const LIST_KINDS = ['seniority', 'rating', 'event', 'status', 'grade', 'answer'] as const satisfies readonly ConditionKind[];

export function blankCondition(kind: ConditionKind = 'seniority'): DraftCondition {
  return {
    uid: uid(),
    kind,
    picks: {},
    question: '',
    field: 'company',
    op: 'contains',
    text: '',
    typed: '',
    flags: { free_mail: false, target_account: true, consent: true },
    atLeast: '',
    below: '',
  };
}

export function draftCondition(c: Condition): DraftCondition {
  const d = blankCondition(c.kind);
  switch (c.kind) {
    case 'seniority':
    case 'rating':
    case 'event':
    case 'status':
    case 'grade':
      return { ...d, picks: { [c.kind]: [...c.in] } };
    case 'answer':
      return { ...d, question: c.question, picks: { answer: [...c.anyOf] }, typed: c.anyOf.join(', ') };
    case 'answer_number':
      return { ...d, question: c.question, atLeast: str(c.atLeast), below: str(c.below) };
    case 'answered':
      return { ...d, question: c.question };
    case 'field':
      return { ...d, field: c.field, op: c.op, text: c.value ?? '' };
    case 'free_mail':
      return { ...d, flags: { ...d.flags, free_mail: c.is } };
    case 'target_account':
      return { ...d, flags: { ...d.flags, target_account: c.is } };
    case 'consent':
      return { ...d, flags: { ...d.flags, consent: c.given } };
    case 'touches':
      return { ...d, atLeast: String(c.atLeast) };
    case 'score':
      return { ...d, atLeast: str(c.atLeast), below: str(c.below) };
  }
}

/**
 * Text as a number for the schema: blank is "not given" where a field is optional, and anything
 * that is not a plain number becomes NaN, which the schema refuses at that field's path.
 */
function num(text: string): number {
  const t = text.normalize('NFKC').trim();
  return /^[-+]?\d+(\.\d+)?$/u.test(t) ? Number(t) : Number.NaN;
}
const optionalNum = (text: string) => (text.trim() === '' ? undefined : num(text));

/** What the contract is sent for one condition (unvalidated: the schema says what is wrong). */
export function toCondition(d: DraftCondition): Condition {
  const picks = (kind: (typeof LIST_KINDS)[number]) => d.picks[kind] ?? [];
  switch (d.kind) {
    case 'seniority':
    case 'rating':
    case 'event':
    case 'status':
    case 'grade':
      return { kind: d.kind, in: picks(d.kind) } as Condition;
    case 'answer':
      return { kind: 'answer', question: d.question, anyOf: picks('answer') };
    case 'answer_number':
      return { kind: 'answer_number', question: d.question, atLeast: optionalNum(d.atLeast), below: optionalNum(d.below) };
    case 'answered':
      return { kind: 'answered', question: d.question };
    case 'field':
      return d.op === 'empty' || d.op === 'not_empty'
        ? { kind: 'field', field: d.field, op: d.op }
        : { kind: 'field', field: d.field, op: d.op, value: d.text.trim() === '' ? undefined : d.text };
    case 'free_mail':
      return { kind: 'free_mail', is: d.flags.free_mail };
    case 'target_account':
      return { kind: 'target_account', is: d.flags.target_account };
    case 'consent':
      return { kind: 'consent', given: d.flags.consent };
    case 'touches':
      return { kind: 'touches', atLeast: num(d.atLeast) };
    case 'score':
      return { kind: 'score', atLeast: optionalNum(d.atLeast), below: optionalNum(d.below) };
  }
}

/** Toggles one value of a list condition, keeping the others in the order they were picked. */
export function togglePick(d: DraftCondition, value: string, on: boolean): DraftCondition {
  const kind = d.kind;
  const current = d.picks[kind] ?? [];
  const picked = on ? (current.includes(value) ? current : [...current, value]) : current.filter((v) => v !== value);
  return { ...d, picks: { ...d.picks, [kind]: picked } };
}

/** Typed answer values, separated by commas (Japanese 、 and full-width ， too). */
export function splitValues(typed: string): string[] {
  return typed
    .split(/[,、，]/u)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A different question asks different options: the picks made for the old one go. */
export function withQuestion(d: DraftCondition, question: string): DraftCondition {
  return question === d.question ? d : { ...d, question, picks: { ...d.picks, answer: [] }, typed: '' };
}

function draftScoringRule(rule: ScoringRule): DraftScoringRule {
  return {
    uid: uid(),
    id: rule.id,
    ja: rule.label.ja,
    en: rule.label.en,
    dimension: rule.dimension,
    effect: rule.gradeStep !== undefined ? 'step' : 'points',
    points: str(rule.points),
    step: rule.gradeStep ?? 1,
    enabled: rule.enabled,
    eventIds: [...(rule.eventIds ?? [])],
    when: rule.when.map(draftCondition),
  };
}

export function blankScoringRule(id: string, dimension: Dimension): DraftScoringRule {
  return { uid: uid(), id, ja: '', en: '', dimension, effect: 'points', points: '10', step: 1, enabled: true, eventIds: [], when: [blankCondition(dimension === 'fit' ? 'seniority' : 'rating')] };
}

/** Only fit rules step the grade: a rule moved to interest counts points again. */
export function withDimension(rule: DraftScoringRule, dimension: Dimension): DraftScoringRule {
  return { ...rule, dimension, effect: dimension === 'interest' ? 'points' : rule.effect };
}

function draftAssignmentRule(rule: AssignmentRule): DraftAssignmentRule {
  return {
    uid: uid(),
    id: rule.id,
    label: rule.label,
    when: rule.when.map(draftCondition),
    action: rule.assign.kind,
    email: rule.assign.kind === 'owner' ? rule.assign.email : '',
    team: rule.assign.kind === 'team' ? rule.assign.team : '',
    enabled: rule.enabled,
  };
}

export function blankAssignmentRule(id: string, owners: readonly Owner[]): DraftAssignmentRule {
  const active = owners.filter((o) => o.active);
  const team = active.find((o) => o.team)?.team ?? '';
  return { uid: uid(), id, label: '', when: [blankCondition('grade')], action: team ? 'team' : 'owner', email: active[0]?.email ?? '', team, enabled: true };
}

export const blankReason = (): DraftReason => ({ uid: uid(), key: '', saved: false, ja: '', en: '' });

export function scoringDraft(scoring: RuleSet): Pick<RulesDraft, 'rules' | 'thresholds' | 'version'> {
  const t = scoring.gradeThresholds;
  return { rules: scoring.rules.map(draftScoringRule), thresholds: { A: String(t.A), B: String(t.B), C: String(t.C) }, version: scoring.version };
}

export function draftFrom(doc: RulesDocument): RulesDraft {
  const { triage } = doc;
  return {
    ...scoringDraft(doc.scoring),
    mqlGrade: triage.mql.grade,
    mqlScore: String(triage.mql.score),
    hours: { A: str(triage.followUpHours.A), B: str(triage.followUpHours.B), C: str(triage.followUpHours.C), D: str(triage.followUpHours.D) },
    reasons: triage.rejectionReasons.map((r) => ({ uid: uid(), key: r.key, saved: true, ja: r.label.ja, en: r.label.en })),
    defaultOwner: triage.defaultOwner ?? '',
    assignment: triage.assignmentRules.map(draftAssignmentRule),
  };
}

/** "Reset to defaults" touches the scoring rules and grade thresholds only, and only the draft: saving applies it. */
export function withDefaultScoring(draft: RulesDraft): RulesDraft {
  return { ...draft, ...scoringDraft(DEFAULT_RULES), version: draft.version };
}

/** What rules.save is sent: the contract's shape, unvalidated (the schema below says what is wrong). */
export function toDocument(draft: RulesDraft): { scoring: z.input<typeof RuleSet>; triage: z.input<typeof TriageSettings> } {
  const hours: Partial<Record<Grade, number>> = {};
  for (const g of GRADES) {
    const h = optionalNum(draft.hours[g]);
    if (h !== undefined) hours[g] = h;
  }
  return {
    scoring: {
      rules: draft.rules.map((r) => ({
        id: r.id,
        label: { ja: r.ja, en: r.en },
        when: r.when.map(toCondition),
        dimension: r.dimension,
        ...(r.effect === 'step' && r.dimension === 'fit' ? { gradeStep: r.step } : { points: num(r.points) }),
        enabled: r.enabled,
        ...(r.eventIds.length > 0 ? { eventIds: r.eventIds } : {}),
      })),
      gradeThresholds: { A: num(draft.thresholds.A), B: num(draft.thresholds.B), C: num(draft.thresholds.C) },
      ...(draft.version !== undefined ? { version: draft.version } : {}),
    },
    triage: {
      mql: { grade: draft.mqlGrade, score: num(draft.mqlScore) },
      followUpHours: hours,
      rejectionReasons: draft.reasons.map((r) => ({ key: r.key.trim(), label: { ja: r.ja, en: r.en } })),
      defaultOwner: draft.defaultOwner === '' ? null : draft.defaultOwner,
      assignmentRules: draft.assignment.map((r) => ({
        id: r.id,
        label: r.label,
        when: r.when.map(toCondition),
        assign: r.action === 'owner' ? { kind: 'owner', email: r.email } : { kind: 'team', team: r.team },
        enabled: r.enabled,
      })),
    },
  };
}

/** The rules.save input, checked with the contract's own schemas. */
export const SaveInput = z.object({ scoring: RuleSet, triage: TriageSettings });

/* ------------------------------------------------------------------------------------------ */
/* Problems: zod issues (local, or the core's api.invalid_input details) tied to draft fields.   */

/** Where a problem is, as words: a rule, a condition of it, a reason; null for a lone setting. */
export interface Place {
  key: MessageKey;
  params: Params;
}

/** One thing wrong, tied to the field to mark (`${uid}.points`, `mql.score`, …). */
export interface FieldProblem {
  field: string;
  /** The row to open so the field can be seen (a scoring or assignment rule's uid). */
  row?: string;
  where: Place[];
  text: MessageKey;
}

/**
 * Issues as problems a person can act on. Paths start with 'scoring' or 'triage' (the rules.save
 * input). The schema's own messages are English for logs: the text shown is chosen from the path.
 */
export function problemsFrom(issues: readonly Issue[], draft: RulesDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const found = problemAt(issue, draft);
    if (!found) continue;
    const id = `${found.field}|${found.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(found);
  }
  // The schema reports a repeated key once for the whole list: mark each row that repeats instead.
  const dupes = problems.some((p) => p.text === 'settings.triage.error.reason_duplicate') ? duplicateReasonKeys(draft) : [];
  return dupes.length > 0 ? [...problems.filter((p) => p.field !== 'reasons'), ...dupes] : problems;
}

function problemAt(issue: Issue, draft: RulesDraft): FieldProblem | null {
  const [part, section, i, ...rest] = issue.path;
  if (part === 'scoring') {
    if (section === 'gradeThresholds') {
      const grade = typeof i === 'string' ? i : null;
      return { field: grade ? `thresholds.${grade}` : 'thresholds.A', where: [], text: grade ? 'rules.error.threshold' : 'rules.error.thresholds_order' };
    }
    if (section === 'rules' && typeof i === 'number') {
      const rule = draft.rules[i];
      if (!rule) return null;
      const where: Place[] = [{ key: 'rules.where_rule', params: { name: ruleName(rule, i) } }];
      return ruleProblem(rule.uid, rule.when, rest, where, issue.code, 'scoring');
    }
    return { field: 'scoring', where: [], text: 'rules.error.too_many' };
  }
  if (part === 'triage') {
    if (section === 'mql') return { field: i === 'grade' ? 'mql.grade' : 'mql.score', where: [], text: 'settings.triage.error.mql_score' };
    if (section === 'followUpHours') return { field: `hours.${String(i ?? 'A')}`, where: [], text: 'settings.triage.error.hours' };
    if (section === 'defaultOwner') return { field: 'defaultOwner', where: [], text: 'owners.error.default_owner' };
    if (section === 'rejectionReasons') return reasonProblem(draft, i, rest, issue.code);
    if (section === 'assignmentRules') {
      if (typeof i !== 'number') return { field: 'assignment', where: [], text: issue.code === 'too_big' ? 'rules.error.too_many' : 'rules.error.assign_duplicate' };
      const rule = draft.assignment[i];
      if (!rule) return null;
      const where: Place[] = [{ key: 'rules.where_assignment', params: { n: i + 1 } }];
      return ruleProblem(rule.uid, rule.when, rest, where, issue.code, 'assignment', rule);
    }
  }
  return { field: 'document', where: [], text: 'rules.error.field' };
}

function ruleName(rule: DraftScoringRule, i: number): string {
  return rule.ja.trim() || rule.en.trim() || `#${i + 1}`;
}

function ruleProblem(
  ruleUid: string,
  conditions: readonly DraftCondition[],
  rest: readonly PropertyKey[],
  where: Place[],
  code: string | undefined,
  scope: 'scoring' | 'assignment',
  assign?: DraftAssignmentRule,
): FieldProblem | null {
  const [field, j, condField] = rest;
  const at = (f: string, text: MessageKey, more: Place[] = []): FieldProblem => ({ field: f, row: ruleUid, where: [...where, ...more], text });
  switch (field) {
    case 'label':
      return at(`${ruleUid}.${rest[1] === 'en' ? 'en' : rest[1] === 'ja' ? 'ja' : 'label'}`, 'rules.error.label');
    case 'points':
    case 'gradeStep':
      return at(`${ruleUid}.points`, 'rules.error.points');
    case 'eventIds':
      return at(`${ruleUid}.scope`, 'rules.error.field');
    case 'assign':
      return at(`${ruleUid}.${assign?.action === 'team' ? 'team' : 'email'}`, assign?.action === 'team' ? 'rules.error.team' : 'rules.error.owner');
    case 'when': {
      if (typeof j !== 'number') return at(`${ruleUid}.when`, code === 'too_big' ? 'rules.error.conditions_many' : 'rules.error.conditions_few');
      const condition = conditions[j];
      const cUid = condition?.uid ?? ruleUid;
      const more: Place[] = [{ key: 'rules.condition_n', params: { n: j + 1 } }];
      return at(`${cUid}.${conditionField(condField, condition?.kind)}`, conditionText(condField, condition?.kind, scope), more);
    }
    default:
      return at(`${ruleUid}.${String(field ?? 'when')}`, 'rules.error.field');
  }
}

/** Which input of a condition an issue's path points at. */
function conditionField(part: PropertyKey | undefined, kind: ConditionKind | undefined): string {
  if (part === 'in' || part === 'anyOf') return 'picks';
  if (part === 'question') return 'question';
  if (part === 'value') return 'text';
  if (part === 'atLeast') return 'atLeast';
  if (part === 'below') return 'below';
  if (part === 'kind') return 'kind';
  // A refinement with no path of its own: "atLeast or below is needed".
  return kind === 'touches' ? 'atLeast' : kind === 'field' ? 'text' : 'atLeast';
}

function conditionText(part: PropertyKey | undefined, kind: ConditionKind | undefined, scope: 'scoring' | 'assignment'): MessageKey {
  if (part === 'kind') return scope === 'scoring' ? 'rules.error.derived_kind' : 'rules.error.field';
  if (part === 'in' || part === 'anyOf') return 'rules.error.picks';
  if (part === 'question') return 'rules.error.question';
  if (part === 'value') return 'rules.error.text';
  if (kind === 'touches') return 'rules.error.touches';
  return 'rules.error.range';
}

function reasonProblem(draft: RulesDraft, i: PropertyKey | undefined, rest: readonly PropertyKey[], code: string | undefined): FieldProblem {
  if (typeof i !== 'number') {
    if (code === 'too_small') return { field: 'reasons', where: [], text: 'settings.triage.error.reasons_few' };
    if (code === 'too_big') return { field: 'reasons', where: [], text: 'settings.triage.error.reasons_many' };
    return { field: 'reasons', where: [], text: 'settings.triage.error.reason_duplicate' };
  }
  const reason = draft.reasons[i];
  const where: Place[] = [{ key: 'settings.triage.reason_n', params: { n: i + 1 } }];
  if (!reason) return { field: 'reasons', where, text: 'rules.error.field' };
  const [part, lang] = rest;
  if (part === 'label') return { field: `${reason.uid}.${lang === 'en' ? 'en' : 'ja'}`, where, text: 'rules.error.label' };
  return { field: `${reason.uid}.key`, where, text: 'settings.triage.error.reason_key' };
}

/** Keys used twice, which the schema reports once for the whole list: mark each row that repeats. */
function duplicateReasonKeys(draft: RulesDraft): FieldProblem[] {
  const counts = new Map<string, number>();
  for (const r of draft.reasons) counts.set(r.key.trim(), (counts.get(r.key.trim()) ?? 0) + 1);
  return draft.reasons.flatMap((r, i) =>
    r.key.trim() !== '' && (counts.get(r.key.trim()) ?? 0) > 1
      ? [{ field: `${r.uid}.key`, where: [{ key: 'settings.triage.reason_n' as const, params: { n: i + 1 } }], text: 'settings.triage.error.reason_duplicate' as const }]
      : [],
  );
}

/** The same check the core makes, before a round trip: problems, or none. */
export function checkDraft(draft: RulesDraft): FieldProblem[] {
  const result = SaveInput.safeParse(toDocument(draft));
  return result.success ? [] : problemsFrom(result.error.issues, draft);
}

/** The options a list condition offers that are fixed by the schemas (events and answers come from data). */
export const FIXED_PICKS = {
  seniority: Seniority.options,
  rating: Rating.options,
  status: LeadStatus.options,
  grade: Grade.options,
} as const;

export { FieldOp, PersonField };
