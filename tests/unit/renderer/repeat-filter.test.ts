import { describe, expect, it } from 'vitest';
import { createRepeatFilter } from '../../../renderer/src/capture/repeat-filter';

describe('camera repeat filter', () => {
  it('takes a code the first time and ignores it while it stays in view', () => {
    const filter = createRepeatFilter(3000);
    expect(filter.accept('A', 0)).toBe(true);
    // Ten frames a second for ten seconds: still the one capture.
    for (let t = 100; t <= 10_000; t += 100) expect(filter.accept('A', t)).toBe(false);
  });

  it('takes the same code again once it has been out of view for the window', () => {
    const filter = createRepeatFilter(3000);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('A', 2900)).toBe(false);
    expect(filter.accept('A', 6000)).toBe(true);
  });

  it('takes a different code at once, and the first one again after it', () => {
    const filter = createRepeatFilter(3000);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('B', 100)).toBe(true);
    expect(filter.accept('A', 200)).toBe(true);
  });
});
