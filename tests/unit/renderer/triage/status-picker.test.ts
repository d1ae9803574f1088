import { describe, expect, it } from 'vitest';
import { reasonMissing, statusChange } from '../../../../renderer/src/triage/StatusPicker';

describe('a status change as the detail panel and the bulk bar send it', () => {
  it.each([
    ['rejected', 'budget', { to: 'rejected', reason: 'budget' }],
    ['rejected', '', { to: 'rejected' }],
    ['disqualified', 'competitor', { to: 'disqualified', reason: 'competitor' }],
    ['working', 'budget', { to: 'working' }],
    ['mql', '', { to: 'mql' }],
  ] as const)('to %s with reason %j sends %j', (to, reason, expected) => {
    expect(statusChange(to, reason)).toEqual(expected);
  });

  it('waits for a reason only where one is required', () => {
    expect(reasonMissing('rejected', '')).toBe(true);
    expect(reasonMissing('rejected', 'no_budget')).toBe(false);
    expect(reasonMissing('disqualified', '')).toBe(false);
    expect(reasonMissing('working', '')).toBe(false);
  });
});
