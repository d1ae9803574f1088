import { describe, expect, it } from 'vitest';
import { recountDelay, REFRESH_MS } from '../../../../renderer/src/dashboard/pace';

describe('recountDelay: live recounts take at most a tenth of the core that stores the scans', () => {
  it.each([
    ['no recount yet', 0, REFRESH_MS],
    ['an unmeasured one', Number.NaN, REFRESH_MS],
    ['one event of 2,000 leads (8 ms)', 8, REFRESH_MS],
    ['one event of 100,000 leads (100 ms): once a second', 100, REFRESH_MS],
    ['one event, on a loaded laptop (180 ms)', 180, 1800],
    ['every event over 100,000 leads (300 ms)', 300, 3000],
    ['every event over a million (7 s)', 7000, 70_000],
  ])('%s', (_, took, delay) => {
    expect(recountDelay(took)).toBe(delay);
  });
});
