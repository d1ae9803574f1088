/** At most one recount a second while scanning: a burst of captures is one recount. */
export const REFRESH_MS = 1000;

/**
 * Of the core's time, the most live recounts may take. The recount runs in the process that
 * also stores each scan: "every event" over 100,000 leads takes ~0.3 s, and recounting it every
 * second would hold up scan after scan at the booth.
 */
export const RECOUNT_SHARE = 0.1;

/** The pause before the next live recount, given how long the last one took (ms). */
export function recountDelay(lastRecountMs: number): number {
  if (!Number.isFinite(lastRecountMs) || lastRecountMs <= 0) return REFRESH_MS;
  return Math.max(REFRESH_MS, Math.round(lastRecountMs / RECOUNT_SHARE));
}
