import { applyAnswers, type AnswersInput } from '../../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS } from '../../../../shared/qualify/form';
import type { ScoringSubject, TriageSubject } from '../../../../shared/triage/condition';

/** Answers as the booth card stores them, under the default form. */
export function answered(input: AnswersInput): ScoringSubject['answers'] {
  const result = applyAnswers(DEFAULT_QUESTIONS, 1, {}, input);
  if (!result.ok) throw new Error(`bad test answers: ${JSON.stringify(result.problem)}`);
  return result.answers;
}

type Overrides = Partial<Omit<ScoringSubject, 'answers'>> & { answers?: AnswersInput };

/** A freshly scanned lead with nothing but what the overrides say. */
export function subject(overrides: Overrides = {}): ScoringSubject {
  const { answers = {}, ...rest } = overrides;
  return {
    badgeId: null, fullName: null, familyName: null, givenName: null, familyNameKana: null, givenNameKana: null,
    company: null, department: null, title: null, email: null, phone: null, url: null,
    eventId: 'ev-tokyo-2025', rating: null, answers: answered(answers), consentVersion: null,
    status: 'new', touchCount: 1, isTarget: false,
    ...rest,
  };
}

export function triaged(overrides: Overrides & Partial<Pick<TriageSubject, 'grade' | 'score'>> = {}): TriageSubject {
  const { grade = 'D', score = 0, ...rest } = overrides;
  return { ...subject(rest), grade, score };
}
