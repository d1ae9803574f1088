import type { Timer } from '../../../../electron/sync/timer';

/** Time that moves only when someone sleeps (or the test says so). */
export function fakeTimer(start = 0): Timer & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
