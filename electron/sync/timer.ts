/**
 * Monotonic time and waiting, for pacing real network calls (rate limits, timeouts, slow-call
 * detection). Kept apart from the core's clock, which stamps data and may be a fixed value in
 * tests: a rate limiter must not stall because a test froze the wall clock.
 */
export interface Timer {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(handle);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const handle = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
