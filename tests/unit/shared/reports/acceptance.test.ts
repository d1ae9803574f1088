import { describe, expect, it } from 'vitest';
import { acceptanceRate, ratePercent } from '../../../../shared/reports/acceptance';

describe('acceptance rate', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 0, 1],
    [0, 4, 0],
    [1, 3, 0.25],
    [2, 1, 2 / 3],
  ])('SAL %i, rejected %i → %s', (sal, rejected, rate) => {
    expect(acceptanceRate(sal, rejected)).toBe(rate);
  });

  it.each<[number | null, number | null]>([[null, null], [1, 100], [0.25, 25], [2 / 3, 66.7], [0, 0]])(
    '%s as a percentage is %s',
    (rate, percent) => {
      expect(ratePercent(rate)).toBe(percent);
    },
  );
});
