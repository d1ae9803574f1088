import type { Lang, MessageKey, Params } from '../../../../shared/i18n';
import type { PersonFields } from '../../../../shared/model';
import type { Question, QuestionKind, QuestionOption } from '../../../../shared/qualify/form';
import type { Condition } from '../../../../shared/triage/condition';

/**
 * Conditions in words, for the rule lists ("Job title contains 部長", "Timeline is Within 3
 * months"), and the questions conditions may ask about. Pure: the translator is passed in.
 */

export interface CatalogQuestion {
  key: string;
  kind: QuestionKind;
  label: Question['label'];
  options: QuestionOption[];
}

/**
 * Every question a rule may test: the default form's and each event's, by key. Options are merged,
 * so a rule scoped to several events can pick any of their options; the first form's label wins.
 */
export function questionCatalog(forms: readonly (readonly Question[])[]): CatalogQuestion[] {
  const byKey = new Map<string, CatalogQuestion>();
  for (const questions of forms) {
    for (const q of questions) {
      const known = byKey.get(q.key);
      if (!known) {
        byKey.set(q.key, { key: q.key, kind: q.kind, label: q.label, options: [...q.options] });
        continue;
      }
      for (const o of q.options) if (!known.options.some((k) => k.value === o.value)) known.options.push(o);
    }
  }
  return [...byKey.values()];
}

/** What an answer condition offers to pick for a question: its options, yes/no, or nothing (typed). */
export function answerChoices(q: CatalogQuestion | undefined, lang: Lang, yes: string, no: string): { value: string; label: string }[] {
  if (!q) return [];
  if (q.kind === 'yesno') return [{ value: 'yes', label: yes }, { value: 'no', label: no }];
  return q.options.map((o) => ({ value: o.value, label: o.label[lang] }));
}

export const PERSON_FIELD_LABEL: Record<keyof PersonFields, MessageKey> = {
  badgeId: 'leadfield.badgeId',
  fullName: 'leadfield.fullName',
  familyName: 'leadfield.lastName',
  givenName: 'leadfield.firstName',
  familyNameKana: 'leadfield.familyNameKana',
  givenNameKana: 'leadfield.givenNameKana',
  company: 'leadfield.company',
  department: 'leadfield.department',
  title: 'leadfield.title',
  email: 'leadfield.email',
  phone: 'leadfield.phone',
  url: 'leadfield.url',
};

export interface TextContext {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  questions: readonly CatalogQuestion[];
  events: readonly { id: string; name: string }[];
}

/** A range as words: "60 or more", "below 40", "20 to below 40". */
function range(ctx: TextContext, atLeast: number | undefined, below: number | undefined): string {
  if (atLeast !== undefined && below !== undefined) return ctx.t('rules.text.between', { from: atLeast, to: below });
  if (atLeast !== undefined) return ctx.t('rules.text.at_least', { n: atLeast });
  return ctx.t('rules.text.below', { n: below ?? 0 });
}

export function conditionText(c: Condition, ctx: TextContext): string {
  const { t } = ctx;
  const list = (values: readonly string[]) => values.join(t('rules.text.or'));
  const question = (key: string) => ctx.questions.find((q) => q.key === key);
  const questionLabel = (key: string) => question(key)?.label[ctx.lang] ?? key;
  switch (c.kind) {
    case 'seniority':
      return t('rules.text.seniority', { values: list(c.in.map((s) => t(`rule.seniority.${s}`))) });
    case 'rating':
      return t('rules.text.rating', { values: list(c.in.map((r) => t(`rating.${r}`))) });
    case 'status':
      return t('rules.text.status', { values: list(c.in.map((s) => t(`status.${s}`))) });
    case 'grade':
      return t('rules.text.grade', { values: list(c.in) });
    case 'event':
      return t('rules.text.event', { values: list(c.in.map((id) => ctx.events.find((e) => e.id === id)?.name ?? id)) });
    case 'answer': {
      const q = question(c.question);
      const label = (v: string) =>
        q?.kind === 'yesno' ? t(v === 'no' || v === 'false' ? 'rules.text.no' : 'rules.text.yes') : (q?.options.find((o) => o.value === v)?.label[ctx.lang] ?? v);
      return t('rules.text.answer', { question: questionLabel(c.question), values: list(c.anyOf.map(label)) });
    }
    case 'answer_number':
      return t('rules.text.answer_number', { question: questionLabel(c.question), range: range(ctx, c.atLeast, c.below) });
    case 'answered':
      return t('rules.text.answered', { question: questionLabel(c.question) });
    case 'field': {
      const field = t(PERSON_FIELD_LABEL[c.field]);
      return t(`rules.text.field_${c.op}`, { field, value: c.value ?? '' });
    }
    case 'free_mail':
      return t(c.is ? 'rules.text.free_mail' : 'rules.text.corporate_mail');
    case 'target_account':
      return t(c.is ? 'rules.text.target' : 'rules.text.not_target');
    case 'consent':
      return t(c.given ? 'rules.text.consent' : 'rules.text.no_consent');
    case 'touches':
      return t('rules.text.touches', { n: c.atLeast });
    case 'score':
      return t('rules.text.score', { range: range(ctx, c.atLeast, c.below) });
  }
}

/** A rule's conditions as one line; none at all matches every lead. */
export function conditionsText(conditions: readonly Condition[], ctx: TextContext): string {
  return conditions.length === 0 ? ctx.t('rules.text.always') : conditions.map((c) => conditionText(c, ctx)).join(ctx.t('rules.text.and'));
}
