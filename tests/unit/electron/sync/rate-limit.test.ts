import { describe, expect, it } from 'vitest';
import { slidingWindow } from '../../../../electron/sync/connectors/rate-limit';
import { fakeTimer } from './fake-timer';

describe('the client-side rate limiter', () => {
  it('lets a full burst through, then waits for the oldest call to leave the window', () => {
    const timer = fakeTimer();
    const limiter = slidingWindow({ requests: 3, windowMs: 1000 }, timer);
    for (let i = 0; i < 3; i++) {
      expect(limiter.readyIn()).toBe(0);
      limiter.record();
      timer.advance(100);
    }
    expect(limiter.readyIn()).toBe(701); // the first call (t=0) leaves at t=1000
    timer.advance(701);
    expect(limiter.readyIn()).toBe(0);
  });

  it('does nothing without a limit until the server states one', () => {
    const timer = fakeTimer();
    const limiter = slidingWindow(null, timer);
    for (let i = 0; i < 50; i++) limiter.record();
    expect(limiter.readyIn()).toBe(0);
    limiter.record();
    limiter.observe({ max: 2, remaining: 0, intervalMs: 1000 });
    expect(limiter.readyIn()).toBeGreaterThan(0);
  });

  it('takes calls the server counted but we did not make (another process) as spent now', () => {
    const timer = fakeTimer();
    const limiter = slidingWindow({ requests: 10, windowMs: 10_000 }, timer);
    limiter.record();
    limiter.observe({ max: 10, remaining: 0, intervalMs: 10_000 }); // someone else used 9
    expect(limiter.readyIn()).toBe(10_001);
  });

  it('does not mistake the edge-of-window difference between server and client for someone else’s spending', () => {
    const timer = fakeTimer();
    const limiter = slidingWindow({ requests: 3, windowMs: 1000 }, timer);
    limiter.record(); // our stamp for the first call: t=0 (the server saw it a little earlier)
    timer.advance(1001);
    limiter.record();
    // The server still counted the first call when it answered the second.
    limiter.observe({ max: 3, remaining: 1, intervalMs: 1000 });
    expect(limiter.readyIn()).toBe(0);
  });

  it('a 429’s pause holds everything until it passes', () => {
    const timer = fakeTimer();
    const limiter = slidingWindow(null, timer);
    limiter.pause(2500);
    expect(limiter.readyIn()).toBe(2500);
    timer.advance(2500);
    expect(limiter.readyIn()).toBe(0);
  });
});
