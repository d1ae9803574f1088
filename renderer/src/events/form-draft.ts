import type { MessageKey, Params } from '../../../shared/i18n';
import { FormQuestions, type Question, type QuestionKind } from '../../../shared/qualify/form';
import type { Issue } from '../ui/field-problems';

/**
 * The form editor's working copy: flat strings a person types into, with a stable id per row
 * so React keeps focus on the right field while rows move. Pure, so it is tested without a page.
 */

export interface DraftOption {
  uid: string;
  value: string;
  ja: string;
  en: string;
}

export interface DraftQuestion {
  uid: string;
  key: string;
  /** The key is in the saved form: answers are keyed on it, so it no longer changes. */
  saved: boolean;
  kind: QuestionKind;
  ja: string;
  en: string;
  required: boolean;
  /** Kept while the kind is not a choice, so switching back does not lose what was typed. */
  options: DraftOption[];
}

let next = 0;
const uid = () => `d${++next}`;

export const isChoice = (kind: QuestionKind) => kind === 'single' || kind === 'multiple';

export function draftFrom(questions: readonly Question[]): DraftQuestion[] {
  return questions.map((q) => ({
    uid: uid(),
    key: q.key,
    saved: true,
    kind: q.kind,
    ja: q.label.ja,
    en: q.label.en,
    required: q.required,
    options: q.options.map((o) => ({ uid: uid(), value: o.value, ja: o.label.ja, en: o.label.en })),
  }));
}

export const blankOption = (): DraftOption => ({ uid: uid(), value: '', ja: '', en: '' });

export function blankQuestion(): DraftQuestion {
  return { uid: uid(), key: '', saved: false, kind: 'single', ja: '', en: '', required: false, options: [blankOption(), blankOption()] };
}

/** A choice question needs two options: switching to one starts with blanks to fill. */
export function withKind(q: DraftQuestion, kind: QuestionKind): DraftQuestion {
  const options = isChoice(kind) && q.options.length < 2 ? [...q.options, ...Array.from({ length: 2 - q.options.length }, blankOption)] : q.options;
  return { ...q, kind, options };
}

/** What forms.save is sent: exactly the contract's shape, options only on choice questions. */
export function toQuestions(draft: readonly DraftQuestion[]): Question[] {
  return draft.map((q) => ({
    key: q.key.trim(),
    kind: q.kind,
    label: { ja: q.ja, en: q.en },
    required: q.required,
    options: isChoice(q.kind) ? q.options.map((o) => ({ value: o.value.trim(), label: { ja: o.ja, en: o.en } })) : [],
  }));
}

/** One thing wrong, tied to the field to mark (`${uid}.key`, `${optionUid}.value`, …). */
export interface FieldProblem {
  field: string;
  question: number;
  option?: number;
  text: MessageKey;
}

/**
 * Zod issues (from the same schema here, or from the core's api.invalid_input details) as
 * problems a person can act on. Paths are relative to the question list; the core's start
 * with 'questions', which is dropped. The schema's own messages are English for logs: the
 * text shown is chosen from the path and the draft.
 */
export function problemsFrom(issues: readonly Issue[], draft: readonly DraftQuestion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (p: FieldProblem) => {
    const id = `${p.field}|${p.text}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push(p);
  };
  for (const issue of issues) {
    const path = issue.path[0] === 'questions' ? issue.path.slice(1) : issue.path;
    const [qi, part, oi, optionPart] = path;
    if (typeof qi !== 'number') {
      if (issue.code === 'too_big') add({ field: 'form', question: 0, text: 'form.error.too_many' });
      else for (const p of duplicateKeys(draft)) add(p);
      continue;
    }
    const q = draft[qi];
    if (!q) continue;
    const at = { question: qi + 1 };
    if (part === 'key') add({ ...at, field: `${q.uid}.key`, text: 'form.error.key' });
    else if (part === 'label') add({ ...at, field: `${q.uid}.${path[2] === 'en' ? 'en' : 'ja'}`, text: 'form.error.label' });
    else if (part === 'options' && typeof oi === 'number') {
      const o = q.options[oi];
      const field = o ? `${o.uid}.${optionPart === 'label' ? (path[4] === 'en' ? 'en' : 'ja') : 'value'}` : `${q.uid}.options`;
      add({ ...at, option: oi + 1, field, text: optionPart === 'label' ? 'form.error.option_label' : 'form.error.option_value' });
    } else if (part === 'options') {
      const text = optionsProblem(q, issue.code);
      if (text) add({ ...at, field: `${q.uid}.options`, text });
    }
    else add({ ...at, field: `${q.uid}.${String(part ?? 'key')}`, text: 'form.error.field' });
  }
  return problems;
}

/** Null when the fault is already shown on the option itself (two blank values are "the same" too). */
function optionsProblem(q: DraftQuestion, code: string | undefined): MessageKey | null {
  if (code === 'too_big') return 'form.error.options_many';
  if (isChoice(q.kind) && q.options.length < 2) return 'form.error.options_few';
  const values = q.options.map((o) => o.value.trim()).filter(Boolean);
  if (new Set(values).size !== values.length) return 'form.error.option_duplicate';
  return null;
}

function duplicateKeys(draft: readonly DraftQuestion[]): FieldProblem[] {
  const counts = new Map<string, number>();
  for (const q of draft) counts.set(q.key.trim(), (counts.get(q.key.trim()) ?? 0) + 1);
  return draft.flatMap((q, i) =>
    (counts.get(q.key.trim()) ?? 0) > 1 ? [{ field: `${q.uid}.key`, question: i + 1, text: 'form.error.key_duplicate' as const }] : [],
  );
}

/** The same check the core makes, before a round trip: problems, or none. */
export function checkDraft(draft: readonly DraftQuestion[]): FieldProblem[] {
  const result = FormQuestions.safeParse(toQuestions(draft));
  return result.success ? [] : problemsFrom(result.error.issues, draft);
}

/** Where a problem is, as words: "Question 3" or "Question 3, option 2"; null for the whole form. */
export function problemPlace(p: FieldProblem): { key: MessageKey; params: Params } | null {
  if (p.question === 0) return null;
  return p.option ? { key: 'form.where_option', params: { n: p.question, option: p.option } } : { key: 'form.question_n', params: { n: p.question } };
}
