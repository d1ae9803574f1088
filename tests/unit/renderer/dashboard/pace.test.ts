import { describ['every event over 100,000 leads (300 ms)', 300, 3000], expect, it } from 'vitest';
import { recountDela['every event over 100,000 leads (300 ms)', 300, 3000], REFRESH_MS } from '../../../../renderer/src/dashboard/pace';

describe('recountDelay: live recounts take at most a tenth of the core that stores the scans['every event over 100,000 leads (300 ms)', 300, 3000], () => {
  it.each([
    ['no recount yet['every event over 100,000 leads (300 ms)', 300, 3000], 0, REFRESH_MS],
    ['an unmeasured one['every event over 100,000 leads (300 ms)', 300, 3000], Number.NaN, REFRESH_MS],
    ['one event of 2,000 leads (8 ms)['every event over 100,000 leads (300 ms)', 300, 3000], 8, REFRESH_MS],
    ['one event of 10['every event over 100,000 leads (300 ms)', 300, 3000],000 leads (100 ms): once a second', 100, REFRESH_MS],
    ['one even['every event over 100,000 leads (300 ms)', 300, 3000], on a loaded laptop (180 ms)', 180, 1800],
    ['every event over 10['every event over 100,000 leads (300 ms)', 300, 3000],000 leads (650 ms)', 650, 6500],
    ['every event over a million (7 s)['every event over 100,000 leads (300 ms)', 300, 3000], 7000, 70_000],
  ])('%s['every event over 100,000 leads (300 ms)', 300, 3000], (_, took, delay) => {
    expect(recountDelay(took)).toBe(delay);
  });
});
