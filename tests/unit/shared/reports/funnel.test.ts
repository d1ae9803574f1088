import { describe, expect, it } from 'vitest';
import { funnelStages, isQualified, type FunnelSubject } from '../../../../shared/reports/funnel';

const lead = (fields: Partial<FunnelSubject>): FunnelSubject => ({ rating: null, answered: false, status: 'new', ...fields });

describe('the funnel', () => {
  it.each<[string, Partial<FunnelSubject>, string[]]>([
    ['a bare scan', {}, ['captured']],
    ['rated', { rating: 'hot' }, ['captured', 'qualified']],
    ['answered', { answered: true }, ['captured', 'qualified']],
    ['working but neither rated nor answered', { status: 'working' }, ['captured']],
    ['MQL by the rules, never rated', { status: 'mql' }, ['captured', 'qualified', 'mql']],
    ['SAL', { status: 'sal', rating: 'warm' }, ['captured', 'qualified', 'mql', 'sal']],
    ['rejected by sales: handed over, not accepted', { status: 'rejected', answered: true }, ['captured', 'qualified', 'mql']],
    ['rejected, then back to nurture: out of the funnel', { status: 'nurture', rating: 'cold' }, ['captured', 'qualified']],
    ['disqualified', { status: 'disqualified' }, ['captured']],
  ])('%s', (_, fields, stages) => {
    expect(funnelStages(lead(fields))).toEqual(stages);
  });

  it('nests: every lead handed to sales is qualified', () => {
    for (const status of ['mql', 'sal', 'rejected'] as const) expect(isQualified(lead({ status }))).toBe(true);
  });
});
