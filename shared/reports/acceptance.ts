/**
 * Which leads sales accepts: SAL / (SAL + rejected), over the leads sales has given a verdict
 * on. Leads still waiting at MQL are left out: counting them as "not accepted" would make the
 * newest show look worst only because sales has not called yet. Null when there is no verdict
 * yet, which a chart shows as no bar rather than as 0 %.
 */
export function acceptanceRate(sal: number, rejected: number): number | null {
  const verdicts = sal + rejected;
  return verdicts === 0 ? null : sal / verdicts;
}

/** The rate as a whole percentage for charts and CSV (67, not 0.6666…); null stays null. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
