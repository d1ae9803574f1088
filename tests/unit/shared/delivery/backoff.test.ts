import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from '../../../../shared/delivery/backoff';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoff', () => {
  it('doubles the window each attempt and draws uniformly inside it (full jitter)', () => {
    expect(backoffDelay(1, () => 0.999, policy)).toBe(999);
    expect(backoffDelay(2, () => 0.5, policy)).toBe(1000);
    expect(backoffDelay(4, () => 0.5, policy)).toBe(4000);
    expect(backoffDelay(3, () => 0, policy)).toBe(0);
  });

  it('never grows past the cap, however many attempts', () => {
    expect(backoffDelay(7, () => 0.999, policy)).toBeLessThan(60_000);
    expect(backoffDelay(1000, () => 0.5, policy)).toBe(30_000);
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2025-06-04T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 04 Jun 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 04 Jun 2025 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable Retry-After', () => {
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('', 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter('-5', 0)).toBeNull();
  });

  it('never retries before the server said, but may wait longer', () => {
    expect(retryDelay(1, 30_000, () => 0.5, policy)).toBe(30_000);
    expect(retryDelay(6, 1_000, () => 0.5, policy)).toBe(16_000);
    expect(retryDelay(2, null, () => 0.5, policy)).toBe(1000);
  });
});
