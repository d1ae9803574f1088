import { z } from 'zod';
import { Localized, OptionValue, QuestionKey, QuestionKind, type Question } from './form';

/**
 * What a person answered, as given by a door (the card, the CLI, an edit): a question key → a
 * value, or null to clear the answer. Choices are option values; a multiple choice is a list.
 */
export const AnswerValue = z.union([
  z.string().max(2000),
  z.array(OptionValue).max(20),
  z.number().finite(),
  z.boolean(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const AnswersInput = z.record(QuestionKey, AnswerValue.nullable());
export type AnswersInput = z.infer<typeof AnswersInput>;

/**
 * An answer as stored on the lead: the value with the words it was given under (the question's
 * label and the chosen options' labels, and the form version), so editing the form later never
 * changes what a lead said.
 */
export const StoredAnswer = z.object({
  value: AnswerValue,
  kind: QuestionKind,
  label: Localized,
  /** The chosen options' labels, in the order of the value (choice questions only). */
  choices: z.array(Localized).optional(),
  formVersion: z.number().int().min(1),
});
export type StoredAnswer = z.infer<typeof StoredAnswer>;
export const Answers = z.record(z.string(), StoredAnswer);
export type Answers = z.infer<typeof Answers>;

export type AnswerProblem =
  | { code: 'answer.unknown_question'; key: string }
  | { code: 'answer.invalid_value'; key: string; value: unknown };

/** Checks one value against its question; returns the value in its canonical form, or undefined. */
export function checkAnswer(question: Question, value: AnswerValue): AnswerValue | undefined {
  const options = new Set(question.options.map((o) => o.value));
  switch (question.kind) {
    case 'single':
      return typeof value === 'string' && options.has(value) ? value : undefined;
    case 'multiple': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0 || !list.every((v) => options.has(v))) return undefined;
      // Stored in the form's order, once each: the same picks always read the same.
      return question.options.map((o) => o.value).filter((v) => list.includes(v));
    }
    case 'yesno':
      return typeof value === 'boolean' ? value : undefined;
    case 'scale':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'text': {
      if (typeof value !== 'string') return undefined;
      const text = value.trim();
      return text.length > 0 ? text : undefined;
    }
  }
}

/**
 * Applies answers given under `formVersion` of `questions` to what a lead already had. An
 * answer to a question the form no longer has is kept as it was; null clears one.
 */
export function applyAnswers(
  questions: readonly Question[],
  formVersion: number,
  current: Answers,
  input: AnswersInput,
): { ok: true; answers: Answers } | { ok: false; problem: AnswerProblem } {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const next: Answers = { ...current };
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null) {
      delete next[key];
      continue;
    }
    const question = byKey.get(key);
    if (!question) return { ok: false, problem: { code: 'answer.unknown_question', key } };
    const value = checkAnswer(question, raw);
    if (value === undefined) return { ok: false, problem: { code: 'answer.invalid_value', key, value: raw } };
    const picked = Array.isArray(value) ? value : typeof value === 'string' && question.kind === 'single' ? [value] : null;
    next[key] = {
      value,
      kind: question.kind,
      label: question.label,
      ...(picked ? { choices: picked.map((v) => question.options.find((o) => o.value === v)!.label) } : {}),
      formVersion,
    };
  }
  return { ok: true, answers: next };
}

/** An answer as a person reads it, in one language: "3か月以内", "デモ, 見積", "はい", "4". */
export function answerText(answer: StoredAnswer, language: 'ja' | 'en'): string {
  if (answer.choices) return answer.choices.map((c) => c[language]).join(', ');
  if (typeof answer.value === 'boolean') return answer.value ? (language === 'ja' ? 'はい' : 'Yes') : language === 'ja' ? 'いいえ' : 'No';
  return Array.isArray(answer.value) ? answer.value.join(', ') : String(answer.value);
}

/** Every answer in one readable text, one line each ("導入時期: 3か月以内"), for a CRM's text field or a CSV. */
export function answersText(answers: Answers, language: 'ja' | 'en'): string {
  return Object.values(answers)
    .map((a) => `${a.label[language]}: ${answerText(a, language)}`)
    .join('\n');
}
