import { describe, expect, it } from 'vitest';
import { bandLabel, SCORE_BANDS, scoreBand } from '../../../../shared/reports/bands';

describe('score bands', () => {
  it.each([
    [0, 0], [19, 0], [20, 1], [39, 1], [40, 2], [59, 2], [60, 3], [79, 3], [80, 4], [100, 4],
  ])('score %i falls in band %i', (score, band) => {
    expect(scoreBand(score)).toBe(band);
  });

  it('covers 0–100 without gaps or overlaps', () => {
    for (let i = 1; i < SCORE_BANDS.length; i++) expect(SCORE_BANDS[i]!.from).toBe(SCORE_BANDS[i - 1]!.to + 1);
    expect(SCORE_BANDS[0]!.from).toBe(0);
    expect(SCORE_BANDS.at(-1)!.to).toBe(100);
  });

  it('starts a band at the default MQL score (60)', () => {
    expect(SCORE_BANDS.some((b) => b.from === 60)).toBe(true);
  });

  it.each([[0, '0–19'], [3, '60–79'], [4, '80–100']])('band %i reads %s', (band, label) => {
    expect(bandLabel(band)).toBe(label);
  });
});
