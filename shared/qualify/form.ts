import { z } from 'zod';

/**
 * An event's qualification form: the questions booth staff answer right after a scan. Pure
 * schemas and rules; the core stores forms versioned and answers with the words they were
 * given under (shared/qualify/answers.ts).
 */

export const QuestionKind = z.enum(['single', 'multiple', 'yesno', 'scale', 'number', 'text']);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** Every label the booth sees exists in both UI languages. */
export const Localized = z.object({
  ja: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});
export type Localized = z.infer<typeof Localized>;

/** Stable keys: answers, CSV columns and CRM mappings are keyed on them, across form versions. */
export const QuestionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/u, 'lowercase letters, digits and _');
export const OptionValue = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/u, 'lowercase letters, digits and _');

export const QuestionOption = z.object({ value: OptionValue, label: Localized });
export type QuestionOption = z.infer<typeof QuestionOption>;

export const Question = z
  .object({
    key: QuestionKey,
    kind: QuestionKind,
    label: Localized,
    required: z.boolean().default(false),
    /** The choices of a single or multiple choice question, in the order shown. */
    options: z.array(QuestionOption).max(20).default([]),
  })
  .superRefine((q, ctx) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (choice && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least two options' });
    if (!choice && q.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    const values = new Set(q.options.map((o) => o.value));
    if (values.size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
  });
export type Question = z.infer<typeof Question>;

export const FormQuestions = z
  .array(Question)
  .max(30)
  .superRefine((qs, ctx) => {
    const keys = new Set(qs.map((q) => q.key));
    if (keys.size !== qs.length) ctx.addIssue({ code: 'custom', message: 'question keys must be unique' });
  });

export const Form = z.object({
  eventId: z.string(),
  version: z.number().int().min(1),
  questions: FormQuestions,
  createdAt: z.iso.datetime(),
});
export type Form = z.infer<typeof Form>;

const opt = (value: string, ja: string, en: string): QuestionOption => ({ value, label: { ja, en } });

/** The form every new event starts from: it needs no editing to be useful at a Japanese B2B booth. */
export const DEFAULT_QUESTIONS: Question[] = [
  {
    key: 'interest', kind: 'multiple', required: false,
    label: { ja: '興味のある製品・サービス', en: 'Products or services of interest' },
    options: [opt('product_a', '製品A', 'Product A'), opt('product_b', '製品B', 'Product B'), opt('services', 'サービス', 'Services'), opt('other', 'その他', 'Other')],
  },
  {
    key: 'timeline', kind: 'single', required: false,
    label: { ja: '導入時期', en: 'Timeline' },
    options: [opt('within_3m', '3か月以内', 'Within 3 months'), opt('within_6m', '6か月以内', 'Within 6 months'), opt('within_1y', '1年以内', 'Within a year'), opt('undecided', '未定', 'Undecided')],
  },
  {
    key: 'budget', kind: 'single', required: false,
    label: { ja: '予算', en: 'Budget' },
    options: [opt('secured', '確保済み', 'Secured'), opt('requested', '申請中', 'Requested'), opt('undecided', '未定', 'Undecided')],
  },
  {
    key: 'role', kind: 'single', required: false,
    label: { ja: '決裁への関与', en: 'Role in the decision' },
    options: [opt('decision_maker', '決裁者', 'Decision maker'), opt('influencer', '推薦・選定', 'Recommends / selects'), opt('researcher', '情報収集', 'Gathering information')],
  },
  {
    key: 'follow_up', kind: 'multiple', required: false,
    label: { ja: '希望するフォロー', en: 'Follow-up wanted' },
    options: [opt('call', '電話', 'Phone call'), opt('demo', 'デモ', 'Demo'), opt('documents', '資料送付', 'Send documents'), opt('visit', '訪問', 'Visit'), opt('quote', '見積', 'Quote')],
  },
];
