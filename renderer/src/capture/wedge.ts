/**
 * Tells a handheld barcode scanner in keyboard-wedge mode from a person typing. A scanner
 * "types" a whole code a few milliseconds per key and ends it with Enter (or Tab); a person,
 * even a fast one, averages 100 ms or more per key. Pure: the caller passes each key with the
 * time it happened and acts on the answer (let the key through, swallow it, give back what
 * was swallowed, or capture a payload).
 *
 * The test is the mean gap of a run of keys, not each gap: scanners (and Bluetooth or busy
 * USB hubs even more) stutter now and then, and a single 60 ms hiccup must not cut a badge id
 * in two. A run ends at any gap a person would leave.
 */

export interface WedgeOptions {
  /** A run whose keys come this fast on average is a scanner. */
  meanGapMs: number;
  /** Any longer gap ends a run. */
  breakGapMs: number;
  /** Shortest code that counts as a scan. */
  minLength: number;
  /**
   * Keys in a run after which, if they came at scanner speed, the run is taken for a
   * scanner and the rest of it is swallowed. A person rolls over two or three keys at
   * scanner speed now and then; not four and an Enter.
   */
  burstAfter: number;
  /** The terminator may come a little later than the keys (some scanners pause before it). */
  terminatorGapMs: number;
  /**
   * A swallowed burst with no key for this long never got its terminator: it is given back.
   * Generous, because a busy page can take a while to get to keys that are already sent.
   */
  releaseAfterMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  meanGapMs: 35,
  breakGapMs: 100,
  minLength: 4,
  burstAfter: 4,
  terminatorGapMs: 100,
  releaseAfterMs: 750,
};

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** When the key went down, in ms on any monotonic clock (KeyboardEvent.timeStamp). */
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  /** A key held down repeats at scanner speed; it is a person, not a scan. */
  repeat?: boolean;
}

export type WedgeStep =
  /**
   * Not (yet) known to be a scan: the key goes where it was going. `startsSequence` says it
   * may be the first key of a burst, so the caller remembers the focused field as it is now.
   * `released` is text swallowed for a burst that turned out not to be a scan, to be given
   * back to the field it was meant for.
   */
  | { kind: 'pass'; startsSequence: boolean; released?: string }
  /** Part of a burst: do not let it reach the page. `burstStarted` on the key that proved it. */
  | { kind: 'swallow'; burstStarted: boolean }
  /** The terminator of a burst: swallow it and capture the payload. */
  | { kind: 'scan'; payload: string; burstStarted: boolean };

const MODIFIER_KEYS = new Set([
  'Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock', 'Hyper', 'Super', 'OS',
]);

function isPrintable(key: string): boolean {
  // One code point: "a", "-", "漢"; named keys ("Enter", "ArrowLeft", "Process") are longer.
  return key.length > 0 && [...key].length === 1;
}

export interface WedgeDetector {
  key(event: WedgeKey): WedgeStep;
  /**
   * Time passes with no key: a swallowed burst that did not end in a terminator is not a
   * scan, and its text is given back. Returns that text, or undefined when nothing was held.
   * A run not (yet) taken for a burst is left alone: the next key's own time decides.
   */
  idle(time: number): string | undefined;
  /** Whether a burst is being swallowed right now. */
  readonly inBurst: boolean;
}

export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const opts = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  let chars = '';
  let keys = 0;
  let firstTime = -Infinity;
  let lastTime = -Infinity;
  let inBurst = false;

  function reset(): string | undefined {
    const released = inBurst ? chars : undefined;
    chars = '';
    keys = 0;
    firstTime = -Infinity;
    lastTime = -Infinity;
    inBurst = false;
    return released;
  }

  /** Enough keys, at scanner speed on average. */
  function scannerPace(): boolean {
    return keys >= opts.burstAfter && (lastTime - firstTime) / (keys - 1) <= opts.meanGapMs;
  }

  function pass(startsSequence: boolean, released: string | undefined): WedgeStep {
    return released === undefined ? { kind: 'pass', startsSequence } : { kind: 'pass', startsSequence, released };
  }

  return {
    get inBurst() {
      return inBurst;
    },

    key(event) {
      const { key, time } = event;
      // Scanners send Shift around capitals; it is not a character and not a gap.
      if (MODIFIER_KEYS.has(key)) return inBurst ? { kind: 'swallow', burstStarted: false } : pass(false, undefined);

      const chord = event.ctrlKey === true || event.altKey === true || event.metaKey === true;
      if (chord || event.isComposing === true || event.repeat === true) return pass(false, reset());

      if (key === 'Enter' || key === 'Tab') {
        const prompt = keys > 0 && time - lastTime <= opts.terminatorGapMs;
        if (prompt && (inBurst || scannerPace()) && keys >= opts.minLength) {
          const step: WedgeStep = { kind: 'scan', payload: chars, burstStarted: !inBurst };
          inBurst = false; // the payload is captured, not released
          reset();
          return step;
        }
        return pass(false, reset());
      }

      if (!isPrintable(key)) return pass(false, reset());

      if (keys > 0 && time - lastTime <= opts.breakGapMs) {
        chars += key;
        keys += 1;
        lastTime = time;
        if (inBurst) return { kind: 'swallow', burstStarted: false };
        if (scannerPace()) {
          inBurst = true;
          return { kind: 'swallow', burstStarted: true };
        }
        return pass(false, undefined);
      }

      // Too slow to belong to what came before: this key may start a new burst.
      const released = reset();
      chars = key;
      keys = 1;
      firstTime = time;
      lastTime = time;
      return pass(true, released);
    },

    idle(time) {
      if (!inBurst || time - lastTime <= opts.releaseAfterMs) return undefined;
      return reset();
    },
  };
}
