import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeDetector, type WedgeKey, type WedgeStep } from '../../../renderer/src/capture/wedge';

/** Feeds keys `gap` ms apart, starting at `start`; returns every step and the time after. */
function feed(detector: WedgeDetector, keys: (string | Partial<WedgeKey>)[], gap: number, start = 1000) {
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
const scans = (steps: WedgeStep[]) =>
  steps.flatMap((s) => (s.kind === 'scan' ? [s.payload] : s.kind === 'pass' && s.scanned !== undefined ? [s.scanned] : []));

/** A deterministic jitter, so a failing table row fails the same way every run. */
function jitter(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

type LineBreak = 'CR' | 'LF' | 'CRLF as two Enters' | 'CRLF as one Enter' | 'LF as Ctrl+J' | 'Tab';

/** The keys a wedge scanner sends for `payload`, its "\n" typed the way `lineBreak` says. */
function scannerKeys(payload: string, lineBreak: LineBreak): Partial<WedgeKey>[] {
  const breakKeys: Record<LineBreak, Partial<WedgeKey>[]> = {
    CR: [{ key: 'Enter' }],
    LF: [{ key: 'Enter' }],
    'CRLF as two Enters': [{ key: 'Enter' }, { key: 'Enter' }],
    'CRLF as one Enter': [{ key: 'Enter' }],
    'LF as Ctrl+J': [{ key: 'j', ctrlKey: true }],
    Tab: [{ key: 'Tab' }],
  };
  return [...payload].flatMap((c) => (c === '\n' ? breakKeys[lineBreak] : c === c.toLowerCase() ? [{ key: c }] : [{ key: 'Shift' }, { key: c }]));
}

/**
 * Drives the detector as the page does: keys at their times, with the hook's idle timer
 * firing whenever the gap before the next key is longer than the detector would wait.
 * `stalls` adds a pause before the key at that index. Returns every payload captured.
 */
function drive(keys: Partial<WedgeKey>[], options: { seed: number; minGap?: number; maxGap?: number; stalls?: Record<number, number> }) {
  const detector = createWedgeDetector();
  const random = jitter(options.seed);
  const { minGap = 2, maxGap = 15, stalls = {} } = options;
  const captured: string[] = [];
  const released: string[] = [];
  let last = 1000;
  let time = 1000;
  const timer = (until: number) => {
    const after = detector.idleAfterMs;
    if (after === undefined || until <= last + after) return;
    const ended = detector.idle(last + after + 1);
    if (ended?.kind === 'scan') captured.push(ended.payload);
    if (ended?.kind === 'release') released.push(ended.text);
  };
  keys.forEach((k, i) => {
    time += minGap + random() * (maxGap - minGap) + (stalls[i] ?? 0);
    timer(time);
    const step = detector.key({ key: '', ...k, time });
    captured.push(...scans([step]));
    if (step.kind === 'pass' && step.released) released.push(step.released);
    last = time;
  });
  timer(Infinity);
  return { captured, released, detector };
}

const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Yamada;Taro;;;',
  'FN:Taro Yamada',
  'ORG:Acme Trading;Sales',
  'TITLE:Manager',
  'EMAIL;TYPE=work:taro.yamada@acme.example',
  'TEL;TYPE=work:03-1234-5678',
  'URL:https://acme.example',
  'END:VCARD',
].join('\n');

const MECARD = 'MECARD:N:Yamada,Taro;ORG:Acme Trading;EMAIL:taro.yamada@acme.example;;';

describe('keyboard-wedge scanner: one burst is one scan', () => {
  const lineBreaks: LineBreak[] = ['CR', 'LF', 'CRLF as two Enters', 'CRLF as one Enter', 'LF as Ctrl+J'];

  describe.each(lineBreaks)('a multi-line vCard with line breaks sent as %s', (lineBreak) => {
    it.each([
      { ending: 'a line break after END:VCARD', suffix: '\n' },
      { ending: 'nothing after END:VCARD (the gap)', suffix: '' },
    ])('is one scan, ending with $ending, at hardware key gaps', ({ suffix }) => {
      for (const seed of [1, 2, 3]) {
        const { captured, released } = drive(scannerKeys(VCARD + suffix, lineBreak), { seed });
        expect(captured).toEqual([VCARD]);
        expect(released).toEqual([]);
      }
    });
  });

  it('keeps Tabs inside the payload', () => {
    const { captured } = drive(scannerKeys('ID:A-1234\nROOM:B', 'Tab'), { seed: 4 });
    expect(captured).toEqual(['ID:A-1234\tROOM:B']);
  });

  it.each([
    { where: 'in the middle of a line', at: VCARD.indexOf('acme.example') },
    { where: 'right after a line break', at: VCARD.indexOf('TEL;') },
    { where: 'early, before the payload shows it is a vCard', at: 5 },
  ])('a 300 ms stall $where does not split a vCard', ({ at }) => {
    const keys = scannerKeys(VCARD, 'CR');
    // Index in keys, not characters: capitals come with a Shift before them.
    const keyIndex = scannerKeys(VCARD.slice(0, at), 'CR').length;
    const { captured } = drive([...keys, { key: 'Enter' }], { seed: 5, stalls: { [keyIndex]: 300 } });
    expect(captured).toEqual([VCARD]);
  });

  it('the tail of an open vCard that arrives after a stall is not a scan of its own', () => {
    const head = 'BEGIN:VCARD\nVERSION:3.0\nN:Yamada;Taro;;;\nEMAIL:taro@ex';
    const tail = 'ample;TEL:03-1234\nEND:VCARD\n';
    const keys = scannerKeys(head + tail, 'CR');
    const { captured } = drive(keys, { seed: 6, stalls: { [scannerKeys(head, 'CR').length]: 350 } });
    expect(captured).toEqual([(head + tail).trimEnd()]);
    expect(captured.some((payload) => payload.startsWith('ample'))).toBe(false);
  });

  it('a MECARD ends at its ;; even with a stall inside, and the Enter after it does not reach the page', () => {
    const keys = [...scannerKeys(MECARD, 'CR'), { key: 'Enter' }];
    const detector = createWedgeDetector();
    let time = 1000;
    const steps = keys.map((k, i) => detector.key({ key: '', ...k, time: (time += i === 20 ? 300 : 6) }));
    expect(scans(steps)).toEqual([MECARD]);
    expect(steps.at(-2)).toEqual({ kind: 'scan', payload: MECARD });
    expect(steps.at(-1)).toEqual({ kind: 'swallow', burstStarted: false });
    expect(detector.inBurst).toBe(false);
  });

  it('does not take an escaped ;; for the end of a MECARD', () => {
    const mecard = 'MECARD:N:Yamada,Taro;ORG:A\\;;EMAIL:t@ex.example;;';
    const { captured } = drive(scannerKeys(mecard, 'CR'), { seed: 7 });
    expect(captured).toEqual([mecard]);
  });

  it('the LF of a CRLF after END:VCARD is swallowed, not sent to the page', () => {
    const detector = createWedgeDetector();
    const { steps } = feed(detector, [...scannerKeys(VCARD, 'CR'), 'Enter', 'Enter'], 4);
    expect(scans(steps)).toEqual([VCARD]);
    expect(steps.at(-2)).toEqual({ kind: 'scan', payload: VCARD });
    expect(steps.at(-1)).toEqual({ kind: 'swallow', burstStarted: false });
  });

  it.each([
    { ending: 'Enter', keys: [...chars('EXPO2026-000123'), 'Enter'] },
    { ending: 'CRLF as two Enters', keys: [...chars('EXPO2026-000123'), 'Enter', 'Enter'] },
    { ending: 'Tab', keys: [...chars('EXPO2026-000123'), 'Tab'] },
    { ending: 'nothing (the gap)', keys: chars('EXPO2026-000123') },
  ])('a plain id ending with $ending is one scan, without its terminator', ({ keys }) => {
    const { captured, detector } = drive(keys.map((key) => ({ key })), { seed: 8 });
    expect(captured).toEqual(['EXPO2026-000123']);
    expect(detector.inBurst).toBe(false);
  });

  it('a plain id ends a scanner\'s gap after its Enter, and waits no longer', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, [...chars('EXPO-0001'), 'Enter'], 5);
    const last = time - 5;
    expect(detector.idleAfterMs).toBe(30);
    expect(detector.idle(last + 25)).toBeUndefined();
    expect(detector.idle(last + 31)).toEqual({ kind: 'scan', payload: 'EXPO-0001' });
  });

  it('reads a plain multi-line payload as one scan, ended by the gap', () => {
    const { captured } = drive(scannerKeys('{"id":"A-1",\n"name":"Taro"}\n', 'CRLF as two Enters'), { seed: 9 });
    expect(captured).toEqual(['{"id":"A-1",\n"name":"Taro"}']);
  });

  it('reads two scans back to back, the second starting before the first one\'s timer fired', () => {
    const detector = createWedgeDetector();
    const first = feed(detector, [...chars('AAAA1'), 'Enter'], 5, 0);
    const second = feed(detector, [...chars('BBBB2'), 'Enter'], 5, first.time + 60);
    expect(scans([...first.steps, ...second.steps])).toEqual(['AAAA1']);
    expect(detector.idle(second.time + 200)).toEqual({ kind: 'scan', payload: 'BBBB2' });
  });

  it('reads a vCard and a plain id back to back', () => {
    const { captured } = drive([...scannerKeys(`${VCARD}\n`, 'CR'), ...scannerKeys('EXPO-0002\n', 'CR')], {
      seed: 10,
      stalls: { [scannerKeys(`${VCARD}\n`, 'CR').length]: 500 },
    });
    expect(captured).toEqual([VCARD, 'EXPO-0002']);
  });
});

describe('keyboard-wedge scanner: a person typing is not a scanner', () => {
  it('takes a fast burst for a scan', () => {
    const detector = createWedgeDetector();
    const { steps, time } = feed(detector, [...chars('EXPO2026-000123'), 'Enter'], 5);
    expect(steps.at(-1)).toEqual({ kind: 'swallow', burstStarted: false });
    expect(detector.idle(time + 200)).toEqual({ kind: 'scan', payload: 'EXPO2026-000123' });
  });

  it('lets a person typing at human speed through, Enter included', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('Suzuki Ichiro'), 'Enter'], 120);
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('lets a person type a line break and Tab between fields', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('Sato'), 'Tab', ...chars('Sales'), 'Enter'], 150);
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
    expect(detector.idleAfterMs).toBeUndefined();
  });

  it('keeps a scan whole when the scanner stutters once', () => {
    const detector = createWedgeDetector();
    const gaps = [0, 8, 6, 9, 70, 7, 5, 8, 6];
    let time = 1000;
    const steps = [...'EXPO-0001'].map((key, i) => detector.key({ key, time: (time += gaps[i]!) }));
    steps.push(detector.key({ key: 'Enter', time: time + 10 }));
    expect(detector.idle(time + 500)).toEqual({ kind: 'scan', payload: 'EXPO-0001' });
  });

  it('swallows the burst from the key that proves it, and says when it began', () => {
    const { steps } = feed(createWedgeDetector(), [...chars('ABCDEF'), 'Enter'], 5);
    expect(steps.map((s) => s.kind)).toEqual(['pass', 'pass', 'pass', 'swallow', 'swallow', 'swallow', 'swallow']);
    expect(steps[0]).toEqual({ kind: 'pass', startsSequence: true });
    expect(steps[3]).toEqual({ kind: 'swallow', burstStarted: true });
    expect(steps[4]).toEqual({ kind: 'swallow', burstStarted: false });
  });

  it('ignores Shift between the characters of a burst', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, ['Shift', 'A', 'Shift', 'B', '1', '2', 'Shift', 'C', 'Enter'], 4);
    expect(detector.idle(time + 200)).toEqual({ kind: 'scan', payload: 'AB12C' });
  });

  it('finds the scan in mixed input: slow typing, then a burst, then slow typing again', () => {
    const detector = createWedgeDetector();
    const before = feed(detector, chars('memo'), 150, 0);
    const burst = feed(detector, [...chars('BADGE-42'), 'Enter'], 6, before.time + 500);
    const after = feed(detector, [...chars('ok'), 'Enter'], 150, burst.time + 500);
    expect(scans(before.steps)).toEqual([]);
    expect(scans(after.steps)).toEqual(['BADGE-42']);
    expect(after.steps[0]).toEqual({ kind: 'pass', startsSequence: true, scanned: 'BADGE-42' });
    expect(after.steps.every((s) => s.kind === 'pass')).toBe(true);
  });

  it('does not count a code shorter than the minimum', () => {
    const detector = createWedgeDetector();
    const { steps, time } = feed(detector, [...chars('AB1'), 'Enter'], 5);
    expect(scans(steps)).toEqual([]);
    expect(detector.idle(time + 1000)).toBeUndefined();
  });

  it('does not let a pause cut a run that is not yet a burst: the next key\'s own time decides', () => {
    const detector = createWedgeDetector();
    detector.key({ key: 'E', time: 0 });
    expect(detector.idle(5000)).toBeUndefined();
    const { time } = feed(detector, [...chars('XPO-42'), 'Enter'], 5, 5);
    expect(detector.idle(time + 200)).toEqual({ kind: 'scan', payload: 'EXPO-42' });
  });

  it('gives back a burst broken by a non-character key', () => {
    const detector = createWedgeDetector();
    const { time } = feed(detector, chars('ZXCVB'), 5);
    expect(detector.key({ key: 'Backspace', time: time + 1 })).toEqual({ kind: 'pass', startsSequence: false, released: 'ZXCVB' });
  });

  it('does not take a held-down key (auto-repeat) for a scan', () => {
    const detector = createWedgeDetector();
    const keys = ['x', ...Array.from({ length: 10 }, () => ({ key: 'x', repeat: true })), 'Enter'];
    const { steps, time } = feed(detector, keys, 30);
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
    expect(detector.idle(time + 1000)).toBeUndefined();
  });

  it('leaves shortcuts with Ctrl, Alt or Meta and IME composition alone', () => {
    const detector = createWedgeDetector();
    const steps = feed(detector, [
      { key: 'c', ctrlKey: true }, { key: 'j', ctrlKey: true }, { key: 'v', ctrlKey: true }, { key: 'a', metaKey: true },
      { key: 'x', altKey: true }, { key: 'Process', isComposing: true }, 'Enter',
    ], 3).steps;
    expect(scans(steps)).toEqual([]);
    expect(steps.every((s) => s.kind === 'pass')).toBe(true);
  });
});
