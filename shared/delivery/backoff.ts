/**
 * When to try a record again. Exponential backoff with "full jitter" (a uniformly random delay
 * between 0 and the exponential cap), so a hundred booth laptops that lost the same Wi-Fi do
 * not come back in step; a server's Retry-After is a floor we never go under.
 */

export interface BackoffPolicy {
  /** The cap of the first retry's window. */
  baseMs: number;
  /** The window never grows past this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60 * 1000 };

/** attempt counts from 1 (the first retry). random returns [0, 1), injected so tests pin it. */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * window);
}

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds
 * from now, or null when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the day's name; without that check Date.parse reads "-5" as a year.
  if (!/^[A-Za-z]{3}/u.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** The delay before the next try: the server's word if it gave one, never less than that. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const jittered = backoffDelay(attempt, random, policy);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}
