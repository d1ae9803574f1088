/**
 * Whether a CRM is reachable, judged from the calls we really made rather than from the OS's
 * idea of being online (a captive portal, a hotel Wi-Fi that drops every other request). Like
 * pretixSCAN: go offline by yourself when calls keep failing or are slow; come back after a
 * probe succeeds.
 */

export type Reachability = 'unknown' | 'online' | 'offline';

export interface CallSample {
  /** The server answered (any status below 500). A 4xx is the server speaking, not the network failing. */
  answered: boolean;
  ms: number;
}

export interface ReachabilityPolicy {
  /** How many recent calls are looked at. */
  window: number;
  /** How many bad calls among them make the connector offline. */
  maxBad: number;
  /** A call slower than this counts as bad even when it succeeded. */
  slowMs: number;
}

export const DEFAULT_REACHABILITY: ReachabilityPolicy = { window: 5, maxBad: 2, slowMs: 10_000 };

export function isBad(sample: CallSample, policy: ReachabilityPolicy = DEFAULT_REACHABILITY): boolean {
  return !sample.answered || sample.ms > policy.slowMs;
}

/** The state after the latest calls (newest last). */
export function judge(samples: readonly CallSample[], policy: ReachabilityPolicy = DEFAULT_REACHABILITY): Reachability {
  if (samples.length === 0) return 'unknown';
  const recent = samples.slice(-policy.window);
  const bad = recent.filter((s) => isBad(s, policy)).length;
  return bad >= policy.maxBad ? 'offline' : 'online';
}
