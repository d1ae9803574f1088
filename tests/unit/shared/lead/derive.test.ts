import { describe, expect, it } from 'vitest';
import { deriveLead, leadDeriver, type DerivableLead, type DeriveRules } from '../../../../shared/lead/derive';
import { compileRules, DEFAULT_RULES } from '../../../../shared/triage/rules';
import { subject } from '../triage/subject';

const HOUR = 3_600_000;
const rules: DeriveRules = {
  score: compileRules(DEFAULT_RULES),
  followUpHours: { A: 24, B: 48 },
  isTarget: (key, domain) => key === 'サンプル' || domain === 'target.co.jp',
};

const lead = (overrides: Parameters<typeof subject>[0]): DerivableLead => {
  const { isTarget: _, ...rest } = subject(overrides);
  return { ...rest, capturedAt: Date.parse('2026-12-01T09:00:00Z') };
};

describe('leadDeriver (many leads, one set of rules)', () => {
  const leads = [
    lead({}),
    lead({ company: '株式会社サンプル', title: '部長', email: 'a@sample.co.jp', rating: 'hot', answers: { role: 'decision_maker' } }),
    lead({ company: '(株)サンプル', title: '代表取締役社長', email: 'b@gmail.com' }),
    lead({ company: 'Target KK', title: 'Intern', email: 'c@target.co.jp', consentVersion: 'v1', touchCount: 3 }),
    lead({ company: '株式会社サンプル', title: 'Staff', email: null, answers: { timeline: 'within_3m', follow_up: ['visit'] } }),
  ];

  it('derives what deriveLead derives, lead by lead, the same company seen again included', () => {
    const derive = leadDeriver(rules);
    for (const one of [...leads, ...leads]) expect(derive(one, one.answers)).toEqual(deriveLead(one, rules));
  });

  it('reads the target list by the company key and the email domain', () => {
    const derive = leadDeriver(rules);
    const [, sample, kabu, target] = leads;
    expect(derive(sample!, sample!.answers).companyKey).toBe('サンプル');
    expect(derive(kabu!, kabu!.answers).companyKey).toBe('サンプル');
    // The target account's 20 fit points: a 部長 (25) with a company address (20) and a decider (25) is A.
    expect(derive(sample!, sample!.answers)).toMatchObject({ grade: 'A', followUpDue: sample!.capturedAt + 24 * HOUR });
    expect(derive(target!, target!.answers).grade).toBe(deriveLead(target!, rules).grade);
  });
});
