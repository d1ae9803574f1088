import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeKey, type WedgeStep } from '../../../renderer/src/capture/wedge';

/** Feeds keys `gap` ms apart, starting at `start`; returns every step and the time after. */
function feed(detector: ReturnType<typeof createWedgeDetector>, keys: (string | Partial<WedgeKey>)[], gap: number, start = 1000) {
  const steps: WedgeStep[] = [];
  let time = start;
  for (const k of keys) {
    const key = typeof k === 'string' ? { key: k } : k;
    steps.push(detector.key({ key: '', ...key, time }));
    time += gap;
  }
  return { steps, time };
}

const chars = (text: string) => [...text];
const scans = (steps: WedgeStep[]) => steps.flatMap((s) => (s.kind === 'scan' ? [s.payload] : []));

describe('keyboard-wedge scanner detection', () => {
  it('takes a fast burst ending in Enter for a scan', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('EXPO2026-000123'), 'Enter'], 5);
    expect(scans(steps)).toEqual(['EXPO2026-000123']);
    expect(steps.at(-1)).toMatchObject({ kind: 'scan' });
  });

  it('accepts Tab as the terminator too', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('A1234'), 'Tab'], 8);
    expect(scans(steps)).toEqual(['A1234']);
  });

  it('lets a person typing at human speed through, Enter included', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('Suzuki Ichiro'), 'Enter'], 120);
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('does not take a fast typist rolling over two or three keys for a scanner', () => {
    const detector = createWedgeDetector();
    // "the" with a 20 ms roll-over between t-h and h-e, then a normal pause, then Enter.
    const steps = [
      detector.key({ key: 't', time: 0 }),
      detector.key({ key: 'h', time: 20 }),
      detector.key({ key: 'e', time: 40 }),
      detector.key({ key: 'Enter', time: 200 }),
    ];
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('does not take a fast typist for a scanner, even ending in a quick Enter', () => {
    const detector = createWedgeDetector();
    const gaps = [70, 60, 90, 65, 80, 75, 60];
    let time = 0;
    const steps = [...'sato@ex'].map((key, i) => detector.key({ key, time: (time += gaps[i]!) }));
    steps.push(detector.key({ key: 'Enter', time: time + 40 }));
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('keeps a scan whole when the scanner stutters once', () => {
    const detector = createWedgeDetector();
    const gaps = [0, 8, 6, 9, 70, 7, 5, 8, 6];
    let time = 1000;
    const steps = [...'EXPO-0001'].map((key, i) => detector.key({ key, time: (time += gaps[i]!) }));
    steps.push(detector.key({ key: 'Enter', time: time + 10 }));
    expect(scans(steps)).toEqual(['EXPO-0001']);
  });

  it('swallows the burst from the key that proves it, and says when it began', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('ABCDEF'), 'Enter'], 5);
    expect(steps.map((s) => s.kind)).toEqual(['pass', 'pass', 'pass', 'swallow', 'swallow', 'swallow', 'scan']);
    expect(steps[0]).toEqual({ kind: 'pass', startsSequence: true });
    expect(steps[3]).toEqual({ kind: 'swallow', burstStarted: true });
    expect(steps[4]).toEqual({ kind: 'swallow', burstStarted: false });
  });

  it('ignores Shift between the characters of a burst', () => {
    const keys = ['Shift', 'A', 'Shift', 'B', '1', '2', 'Shift', 'C', 'Enter'];
    const { steps } = feed(createWedgeDetector(), keys, 4);
    expect(scans(steps)).toEqual(['AB12C']);
  });

  it('finds the scan in mixed input: slow typing, then a burst, then slow typing again', () => {
    const detector = createWedgeDetector();
    const before = feed(detector, chars('memo'), 150, 0);
    const burst = feed(detector, [...chars('BADGE-42'), 'Enter'], 6, before.time + 500);
    const after = feed(detector, [...chars('ok'), 'Enter'], 150, burst.time + 500);
    expect(scans(before.steps)).toEqual([]);
    expect(scans(burst.steps)).toEqual(['BADGE-42']);
    expect(scans(after.steps)).toEqual([]);
    expect(after.steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('reads two scans back to back', () => {
    const detector = createWedgeDetector();
    const first = feed(detector, [...chars('AAAA1'), 'Enter'], 5, 0);
    const second = feed(detector, [...chars('BBBB2'), 'Enter'], 5, first.time + 40);
    expect([...scans(first.steps), ...scans(second.steps)]).toEqual(['AAAA1', 'BBBB2']);
  });

  it('does not count a code shorter than the minimum', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('AB1'), 'Enter'], 5);
    expect(scans(steps)).toEqual([]);
  });

  it('gives back a burst that never ends in a terminator, once time passes', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, chars('QWERTY'), 5);
    expect(detector.inBurst).toBe(true);
    expect(detector.idle(time + 10)).toBeUndefined();
    expect(detector.inBurst).toBe(true);
    expect(detector.idle(time + 1000)).toBe('QWERTY');
    expect(detector.inBurst).toBe(false);
  });

  it('does not let a pause cut a run that is not yet a burst: the next key\'s own time decides', () => {
    const detector = createWedgeDetector();
    detector.key({ key: 'E', time: 0 });
    expect(detector.idle(5000)).toBeUndefined();
    const { steps } = feed(detector, [...chars('XPO-42'), 'Enter'], 5, 5);
    expect(scans(steps)).toEqual(['EXPO-42']);
  });

  it('gives back a burst broken by a slow key, and lets that key start afresh', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, chars('ZXCVB'), 5);
    expect(detector.key({ key: 'n', time: time + 300 })).toEqual({ kind: 'pass', startsSequence: true, released: 'ZXCVB' });
  });

  it('gives back a burst broken by a non-character key', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, chars('ZXCVB'), 5);
    expect(detector.key({ key: 'Backspace', time: time + 1 })).toEqual({ kind: 'pass', startsSequence: false, released: 'ZXCVB' });
  });

  it('does not take a held-down key (auto-repeat) for a scan', () => {
    const keys = ['x', ...Array.from({ length: 10 }, () => ({ key: 'x', repeat: true })), 'Enter'];
    const { steps } = feed(createWedgeDetector(), keys, 30);
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('leaves shortcuts with Ctrl, Alt or Meta and IME composition alone', () => {
    const detector = createWedgeDetector();
    const steps = feed(detector, [
      { key: 'c', ctrlKey: true }, { key: 'v', ctrlKey: true }, { key: 'a', metaKey: true }, { key: 'x', altKey: true },
      { key: 'Process', isComposing: true }, 'Enter',
    ], 3).steps;
    expect(scans(steps)).toEqual([]);
  });
});
