import { z } from 'zod';
import { Id, Lead, PersonFields, Rating } from '../model';
import { QuestionKey } from '../qualify/form';
import { isFreeMail } from './free-mail';
import { Grade } from './grade';
import { Seniority, seniorityOf } from './seniority';
import { LeadStatus } from './status';

/**
 * What triage rules look at: the lead's own fields plus the facts the lead writer knows about
 * it (touches, target account). Scoring sees this; assignment also sees the grade and score
 * that scoring produced, so a scoring rule can never depend on its own output.
 */
export const ScoringSubject = Lead.pick({
  badgeId: true,
  fullName: true,
  familyName: true,
  givenName: true,
  familyNameKana: true,
  givenNameKana: true,
  company: true,
  department: true,
  title: true,
  email: true,
  phone: true,
  url: true,
  eventId: true,
  rating: true,
  answers: true,
  consentVersion: true,
  status: true,
  /** Scan and check-in touches: 1 is a single scan; a rescan or a seminar attended adds one. */
  touchCount: true,
}).extend({
  /** The company is on the target-account list (known to the lead writer, not stored on the lead). */
  isTarget: z.boolean(),
});
export type ScoringSubject = z.infer<typeof ScoringSubject>;

export const TriageSubject = ScoringSubject.extend(Lead.pick({ grade: true, score: true }).shape);
export type TriageSubject = z.infer<typeof TriageSubject>;

/** Any subject a condition can be asked about: grade and score are there only after scoring. */
export type ConditionSubject = ScoringSubject & Partial<Pick<TriageSubject, 'grade' | 'score'>>;

export const PersonField = PersonFields.keyof();
export type PersonField = z.infer<typeof PersonField>;

export const FieldOp = z.enum(['contains', 'equals', 'starts_with', 'ends_with', 'empty', 'not_empty']);
export type FieldOp = z.infer<typeof FieldOp>;

const text = z.string().trim().min(1).max(200);

/**
 * One test on a subject. Rules hold a list of these, all of which must hold; conditions are
 * data the marketer edits, so each kind says plainly what it tests.
 */
export const Condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('seniority'), in: z.array(Seniority).min(1) }),
  /**
   * Any chosen option in `anyOf`. A multiple choice matches when any of its picks is listed;
   * yes/no answers compare as 'yes'/'no', numbers and scales as their digits, text exactly
   * (width and case folded).
   */
  z.object({ kind: z.literal('answer'), question: QuestionKey, anyOf: z.array(z.string().trim().min(1).max(200)).min(1) }),
  /** A number or scale answer within a range: at least `atLeast`, below `below`. */
  z.object({ kind: z.literal('answer_number'), question: QuestionKey, atLeast: z.number().finite().optional(), below: z.number().finite().optional() })
    .refine((c) => c.atLeast !== undefined || c.below !== undefined, { message: 'atLeast or below is needed' }),
  z.object({ kind: z.literal('answered'), question: QuestionKey }),
  z.object({ kind: z.literal('rating'), in: z.array(Rating).min(1) }),
  /** Width, case and hiragana/katakana folded, so 'ヤマダ' finds やまだ and 'ＡＣＭＥ' finds Acme. */
  z.object({ kind: z.literal('field'), field: PersonField, op: FieldOp, value: text.optional() })
    .refine((c) => c.op === 'empty' || c.op === 'not_empty' || c.value !== undefined, { message: 'this operator needs a value', path: ['value'] }),
  /** A lead without an email address is neither free-mail nor corporate. */
  z.object({ kind: z.literal('free_mail'), is: z.boolean() }),
  z.object({ kind: z.literal('target_account'), is: z.boolean() }),
  z.object({ kind: z.literal('consent'), given: z.boolean() }),
  z.object({ kind: z.literal('touches'), atLeast: z.number().int().min(1) }),
  z.object({ kind: z.literal('event'), in: z.array(Id).min(1) }),
  z.object({ kind: z.literal('status'), in: z.array(LeadStatus).min(1) }),
  z.object({ kind: z.literal('grade'), in: z.array(Grade).min(1) }),
  z.object({ kind: z.literal('score'), atLeast: z.number().int().optional(), below: z.number().int().optional() })
    .refine((c) => c.atLeast !== undefined || c.below !== undefined, { message: 'atLeast or below is needed' }),
]);
export type Condition = z.infer<typeof Condition>;
export type ConditionKind = Condition['kind'];

/** Condition kinds that read what scoring produces, so scoring rules may not use them. */
export const DERIVED_KINDS: readonly ConditionKind[] = ['grade', 'score'];

/**
 * A subject with what several conditions derive from it (seniority, free-mail) worked out at
 * most once: a rule set asks about seniority in several rules, and a re-score visits 100,000 leads.
 */
export class SubjectView {
  private seniorityCache: Seniority | undefined;
  private freeMailCache: boolean | undefined;
  constructor(readonly subject: ConditionSubject) {}
  get seniority(): Seniority {
    return (this.seniorityCache ??= seniorityOf(this.subject.title));
  }
  get freeMail(): boolean {
    return (this.freeMailCache ??= isFreeMail(this.subject.email));
  }
}

export type CompiledCondition = (view: SubjectView) => boolean;

const HIRAGANA = /[\u3041-\u3096]/gu;
const WIDE_OR_UPPER = /[^\x20-\x40\x5b-\x7e]/u;

/** Folds width, case, spacing and kana so a typed value finds what a badge wrote. */
export function foldText(value: string): string {
  const folded = WIDE_OR_UPPER.test(value) ? value.normalize('NFKC').toLowerCase().replace(HIRAGANA, toKatakana) : value;
  return folded.replace(/\s+/gu, ' ').trim();
}
const toKatakana = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0x60);

/**
 * Whether an answer value is one of `wanted` (folded strings). Choices are option values and
 * need no folding; yes/no reads as 'yes'/'no', numbers as their digits, text folded.
 */
function answerIn(value: unknown, wanted: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return wanted.has(value) || wanted.has(foldText(value));
  if (Array.isArray(value)) return value.some((v) => wanted.has(v as string));
  if (typeof value === 'boolean') return wanted.has(value ? 'yes' : 'no');
  return typeof value === 'number' && wanted.has(String(value));
}

/** Turns a condition into a test with its constants folded once, for evaluating many subjects. */
export function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.kind) {
    case 'seniority': {
      const wanted = new Set(condition.in);
      return (v) => wanted.has(v.seniority);
    }
    case 'answer': {
      // 'true'/'false' are accepted for yes/no too: it is what a hand-written JSON file would say.
      const wanted = new Set(condition.anyOf.map((a) => foldText(a)).flatMap((a) => (a === 'true' ? ['true', 'yes'] : a === 'false' ? ['false', 'no'] : [a])));
      const key = condition.question;
      return (v) => {
        const answer = v.subject.answers[key];
        return answer !== undefined && answerIn(answer.value, wanted);
      };
    }
    case 'answer_number': {
      const { question, atLeast = -Infinity, below = Infinity } = condition;
      return (v) => {
        const value = v.subject.answers[question]?.value;
        return typeof value === 'number' && value >= atLeast && value < below;
      };
    }
    case 'answered': {
      const key = condition.question;
      return (v) => {
        const value = v.subject.answers[key]?.value;
        return value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
      };
    }
    case 'rating': {
      const wanted = new Set(condition.in);
      return (v) => v.subject.rating !== null && wanted.has(v.subject.rating);
    }
    case 'field':
      return compileField(condition.field, condition.op, condition.value);
    case 'free_mail':
      return condition.is ? (v) => !!v.subject.email && v.freeMail : (v) => !!v.subject.email && !v.freeMail;
    case 'target_account':
      return condition.is ? (v) => v.subject.isTarget : (v) => !v.subject.isTarget;
    case 'consent':
      return condition.given ? (v) => v.subject.consentVersion !== null : (v) => v.subject.consentVersion === null;
    case 'touches': {
      const atLeast = condition.atLeast;
      return (v) => v.subject.touchCount >= atLeast;
    }
    case 'event': {
      const wanted = new Set(condition.in);
      return (v) => wanted.has(v.subject.eventId);
    }
    case 'status': {
      const wanted = new Set<string>(condition.in);
      return (v) => wanted.has(v.subject.status);
    }
    case 'grade': {
      const wanted = new Set<string>(condition.in);
      return (v) => v.subject.grade !== undefined && wanted.has(v.subject.grade);
    }
    case 'score': {
      const { atLeast = -Infinity, below = Infinity } = condition;
      return (v) => v.subject.score !== undefined && v.subject.score >= atLeast && v.subject.score < below;
    }
  }
}

function compileField(field: PersonField, op: FieldOp, raw: string | undefined): CompiledCondition {
  const read = (v: SubjectView) => {
    const value = v.subject[field];
    return value ? foldText(value) : '';
  };
  const value = foldText(raw ?? '');
  switch (op) {
    case 'empty':
      return (v) => read(v) === '';
    case 'not_empty':
      return (v) => read(v) !== '';
    case 'equals':
      return (v) => read(v) === value;
    case 'contains':
      return (v) => read(v).includes(value);
    case 'starts_with':
      return (v) => read(v).startsWith(value);
    case 'ends_with':
      return (v) => read(v).endsWith(value);
  }
}

/** All the conditions as one test; an empty list always holds. */
export function compileConditions(conditions: readonly Condition[]): CompiledCondition {
  const tests = conditions.map(compileCondition);
  if (tests.length === 1) return tests[0]!;
  return (v) => tests.every((test) => test(v));
}

export function matches(condition: Condition, subject: ConditionSubject): boolean {
  return compileCondition(condition)(new SubjectView(subject));
}

export function matchesAll(conditions: readonly Condition[], subject: ConditionSubject): boolean {
  return compileConditions(conditions)(new SubjectView(subject));
}
