import { call, type CallResult, type Fetch, type Request } from './http';
import type { RateLimit } from '../../../shared/delivery/connectors';
import type { Timer } from '../timer';

/**
 * A client-side sliding-window limiter: at most `requests` calls in any `windowMs`, so we pace
 * ourselves instead of finding the limit with 429s. Calls are stamped when their answer
 * arrives, which is never earlier than when the server counted them: a window computed from
 * our stamps therefore frees no sooner than the server's does.
 *
 * What the server reports (HubSpot's X-HubSpot-RateLimit-* headers) corrects our view: when it
 * counts more calls than we made — another process, or this one before a restart — the
 * difference is taken as spent now. A 429's Retry-After pauses everything until it passes.
 */
export interface Limiter {
  /** Milliseconds until the next call may go. */
  readyIn(): number;
  /** A call was answered (or failed) just now. */
  record(): void;
  /** The server's count: how many calls its window allows, how many remain, how long the window is. */
  observe(server: { max: number | null; remaining: number | null; intervalMs: number | null }): void;
  pause(ms: number): void;
}

export function slidingWindow(limit: RateLimit | null, timer: Timer): Limiter {
  /** Our calls, oldest first, kept a little past the window (see observe). */
  const stamps: number[] = [];
  let pausedUntil = 0;
  let max = limit?.requests ?? Infinity;
  let windowMs = limit?.windowMs ?? 0;
  // The server counts a call from its arrival, we from its answer: near the window's edge the
  // two views differ by a call or so. Our older stamps are kept this much longer, so that noise
  // is never mistaken for someone else spending the quota (which would cost a whole window).
  const grace = () => windowMs / 10;

  const prune = (now: number) => {
    while (stamps.length && stamps[0]! <= now - windowMs - grace()) stamps.shift();
  };
  /** The calls inside the window now, oldest first. */
  const live = (now: number) => {
    let i = 0;
    while (i < stamps.length && stamps[i]! <= now - windowMs) i++;
    return stamps.slice(i);
  };

  return {
    readyIn() {
      const now = timer.now();
      let wait = Math.max(0, pausedUntil - now);
      if (Number.isFinite(max)) {
        prune(now);
        const inWindow = live(now);
        if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now + 1);
      }
      return Math.ceil(wait);
    },
    record() {
      if (Number.isFinite(max)) stamps.push(timer.now());
    },
    observe(server) {
      if (server.intervalMs !== null && server.intervalMs > 0) windowMs = Math.max(windowMs, server.intervalMs);
      if (server.max !== null && server.max > 0) max = Math.min(max, server.max);
      if (!Number.isFinite(max) || server.remaining === null) return;
      const now = timer.now();
      prune(now);
      const serverUsed = max - server.remaining;
      for (let i = stamps.length; i < serverUsed; i++) stamps.push(now);
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, timer.now() + ms);
    },
  };
}

/** Sends through the limiter: waits for a free slot, calls, and counts the call. */
export function limitedCall(limiter: Limiter, ctx: { fetch: Fetch; timer: Timer }) {
  return async (req: Request, signal?: AbortSignal): Promise<CallResult> => {
    const wait = limiter.readyIn();
    if (wait > 0) await ctx.timer.sleep(wait, signal);
    const result = await call(ctx.fetch, ctx.timer, req, signal);
    limiter.record();
    return result;
  };
}
