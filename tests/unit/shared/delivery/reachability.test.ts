import { describe, expect, it } from 'vitest';
import { judge, type CallSample } from '../../../../shared/delivery/reachability';

const ok: CallSample = { answered: true, ms: 200 };
const failed: CallSample = { answered: false, ms: 50 };
const slow: CallSample = { answered: true, ms: 15_000 };

describe('reachability', () => {
  it('knows nothing before the first call', () => {
    expect(judge([])).toBe('unknown');
  });

  it('stays online through one failure among the last five calls', () => {
    expect(judge([ok, failed, ok, ok])).toBe('online');
  });

  it('goes offline when two of the last five calls failed or were slow', () => {
    expect(judge([ok, failed, ok, failed])).toBe('offline');
    expect(judge([slow, ok, slow])).toBe('offline');
    expect(judge([failed, ok, ok, ok, ok, ok, failed])).toBe('online'); // the first failure is out of the window
  });

  it('takes the threshold and window from the policy', () => {
    const policy = { window: 3, maxBad: 3, slowMs: 100 };
    expect(judge([ok, ok], policy)).toBe('online'); // 200 ms is slow under this policy, but only 2 of 3 needed
    expect(judge([ok, ok, ok], policy)).toBe('offline');
    expect(judge([failed, failed], { ...policy, slowMs: 1000 })).toBe('online');
  });
});
