/**
 * The dashboard's score bands: 20 points wide, the top one 80–100 so a perfect score is not a
 * band of its own. 60 starts a band because it is the default MQL score threshold
 * (shared/triage/status.ts), so "60 and up" reads straight off the chart. The SQL that groups
 * leads by band is built from this list (electron/core/reports), never written out twice.
 */
export interface ScoreBand {
  from: number;
  to: number;
}

export const SCORE_BANDS: readonly ScoreBand[] = [
  { from: 0, to: 19 },
  { from: 20, to: 39 },
  { from: 40, to: 59 },
  { from: 60, to: 79 },
  { from: 80, to: 100 },
];

/** The index of the band a score (0–100) falls in; out-of-range scores fall in the nearest band. */
export function scoreBand(score: number): number {
  for (let i = SCORE_BANDS.length - 1; i > 0; i--) {
    if (score >= SCORE_BANDS[i]!.from) return i;
  }
  return 0;
}

/** "60–79": the same in both languages. */
export function bandLabel(band: number): string {
  const b = SCORE_BANDS[band];
  return b ? `${b.from}–${b.to}` : String(band);
}
