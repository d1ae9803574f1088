/**
 * Tells a handheld barcode scanner in keyboard-wedge mode from a person typing, and puts one
 * scan together from one burst of keys. A scanner "types" a whole code a few milliseconds per
 * key; a person, even a fast one, averages 100 ms or more per key. Pure: the caller passes each
 * key with the time it happened, calls `idle()` when time passes with no key, and acts on the
 * answer (let the key through, swallow it, give back what was swallowed, or capture a payload).
 *
 * The test is the mean gap of a run of keys, not each gap: scanners (and Bluetooth or busy
 * USB hubs even more) stutter now and then, and a single 60 ms hiccup must not cut a badge id
 * in two.
 *
 * A scanner types every line break of a code as Enter (CR, LF, or both) and often a Tab, so a
 * line break does not end a scan: a multi-line vCard would become one scan per line. Inside a
 * burst a line break is part of the payload, and the burst ends where its format says it ends
 * (`END:VCARD`, a MECARD's `;;`) or, for anything else, when the keys stop.
 */

export interface WedgeOptions {
  /** A run whose keys come this fast on average is a scanner. */
  meanGapMs: number;
  /** Any longer gap ends a run that is not (yet) a burst: a person leaves gaps like this. */
  breakGapMs: number;
  /**
   * Any longer gap ends a burst whose payload looks complete (it ends in a line break, or a
   * vCard got its END line). Scanners send keys 2–15 ms apart, so this is the longest wait
   * added to every scan that ends with Enter: keep it short, the card is due within 100 ms.
   */
  scannerGapMs: number;
  /**
   * A burst with no line break yet waits longer before it ends: most scanners end a code with
   * Enter, and a busy machine can stall a few hundred ms in the middle of one.
   */
  openGapMs: number;
  /**
   * A vCard or MECARD that has not reached its end marker waits longer still: its end is
   * certain to come, and cutting it leaves a nameless head and a junk tail (`ample;TEL:03-…`).
   */
  structuredGapMs: number;
  /** Shortest code that counts as a scan. */
  minLength: number;
  /**
   * Keys in a run after which, if they came at scanner speed, the run is taken for a
   * scanner and the rest of it is swallowed. A person rolls over two or three keys at
   * scanner speed now and then; not four.
   */
  burstAfter: number;
  /**
   * A line break this soon after a scan that ended on its own marker is the rest of the
   * scanner's suffix (the LF of a CRLF, an Enter after `;;`): swallowed, not sent to the page.
   */
  terminatorGapMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  meanGapMs: 35,
  breakGapMs: 100,
  scannerGapMs: 30,
  openGapMs: 400,
  structuredGapMs: 1000,
  minLength: 4,
  burstAfter: 4,
  terminatorGapMs: 100,
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
   * back to the field it was meant for. `scanned` is the payload of a burst that had already
   * ended before this key (its idle timer came late).
   */
  | { kind: 'pass'; startsSequence: boolean; released?: string; scanned?: string }
  /** Part of a burst: do not let it reach the page. `burstStarted` on the key that proved it. */
  | { kind: 'swallow'; burstStarted: boolean }
  /** The key that ended a burst: swallow it and capture the payload. */
  | { kind: 'scan'; payload: string };

/** What time passing with no key did to a burst. */
export type WedgeIdle = { kind: 'scan'; payload: string } | { kind: 'release'; text: string };

const MODIFIER_KEYS = new Set([
  'Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock', 'Hyper', 'Super', 'OS',
]);

function isPrintable(key: string): boolean {
  // One code point: "a", "-", "漢"; named keys ("Enter", "ArrowLeft", "Process") are longer.
  return key.length > 0 && [...key].length === 1;
}

const VCARD_START = 'BEGIN:VCARD';
const VCARD_END = 'END:VCARD';
const MECARD_START = 'MECARD:';

type Shape = 'vcard' | 'mecard' | 'plain';

/** A payload that starts (or may yet start) like a vCard or MECARD is read as one. */
function shapeOf(chars: string): Shape {
  const head = chars.trimStart().slice(0, VCARD_START.length).toUpperCase();
  const begins = (prefix: string) => head.startsWith(prefix) || (head.length < prefix.length && prefix.startsWith(head));
  if (head === '') return 'plain';
  if (begins(VCARD_START)) return 'vcard';
  if (begins(MECARD_START)) return 'mecard';
  return 'plain';
}

const TRAILING_BREAKS = /[\n\t]+$/u;

function vcardEnded(chars: string): boolean {
  const body = chars.replace(TRAILING_BREAKS, '');
  const lastLine = body.slice(Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\t')) + 1);
  return lastLine.trim().toUpperCase() === VCARD_END;
}

/** `;;` ends a MECARD, unless its first `;` is escaped (`ORG:A\;;` is a value ending in `;`). */
function mecardEnded(chars: string): boolean {
  if (!chars.endsWith(';;')) return false;
  let backslashes = 0;
  for (let i = chars.length - 3; i >= 0 && chars[i] === '\\'; i--) backslashes += 1;
  return backslashes % 2 === 0;
}

/** Enter or Tab, and Ctrl+M / Ctrl+J from scanners set to send control codes as chords. */
function lineBreakOf(event: WedgeKey, inBurst: boolean): '\n' | '\t' | undefined {
  if (event.altKey === true || event.metaKey === true) return undefined;
  if (event.ctrlKey === true) return inBurst && (event.key === 'm' || event.key === 'j') ? '\n' : undefined;
  if (event.key === 'Enter') return '\n';
  if (event.key === 'Tab') return '\t';
  return undefined;
}

export interface WedgeDetector {
  key(event: WedgeKey): WedgeStep;
  /**
   * Time passes with no key (the caller's timer, `idleAfterMs` after the last key): a burst
   * whose keys stopped is a scan, or, if too short to be one, its text is given back.
   * A run not (yet) taken for a burst is left alone: the next key's own time decides.
   */
  idle(time: number): WedgeIdle | undefined;
  /** Whether a burst is being swallowed right now. */
  readonly inBurst: boolean;
  /** How long after the last key `idle()` would end the burst; undefined when none is held. */
  readonly idleAfterMs: number | undefined;
}

export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const opts = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  let chars = '';
  let keys = 0;
  let firstTime = -Infinity;
  let lastTime = -Infinity;
  let inBurst = false;
  /** When the last scan that ended on its own marker did, for the suffix that follows it. */
  let markerEndedAt = -Infinity;

  function reset(): void {
    chars = '';
    keys = 0;
    firstTime = -Infinity;
    lastTime = -Infinity;
    inBurst = false;
  }

  /** Gives back a burst that will not be a scan; undefined when nothing was swallowed. */
  function release(): string | undefined {
    const released = inBurst ? chars : undefined;
    reset();
    return released;
  }

  /** The burst is over: the payload, without the scanner's trailing Enter/Tab. */
  function end(): WedgeIdle | undefined {
    if (!inBurst) {
      reset();
      return undefined;
    }
    const payload = chars.replace(TRAILING_BREAKS, '');
    const ended: WedgeIdle = payload.length >= opts.minLength ? { kind: 'scan', payload } : { kind: 'release', text: chars };
    reset();
    return ended;
  }

  function endOnMarker(time: number): WedgeStep {
    const payload = chars.replace(TRAILING_BREAKS, '');
    reset();
    markerEndedAt = time;
    return { kind: 'scan', payload };
  }

  /** The longest gap the run as it stands may have before its next key. */
  function allowedGap(): number {
    if (!inBurst) return opts.breakGapMs;
    switch (shapeOf(chars)) {
      case 'vcard':
        return vcardEnded(chars) ? opts.scannerGapMs : opts.structuredGapMs;
      case 'mecard':
        return opts.structuredGapMs;
      case 'plain':
        return TRAILING_BREAKS.test(chars) ? opts.scannerGapMs : opts.openGapMs;
    }
  }

  /** Enough keys, at scanner speed on average. */
  function scannerPace(): boolean {
    return keys >= opts.burstAfter && (lastTime - firstTime) / (keys - 1) <= opts.meanGapMs;
  }

  function pass(startsSequence: boolean, released: string | undefined, ended?: WedgeIdle): WedgeStep {
    const step: Extract<WedgeStep, { kind: 'pass' }> = { kind: 'pass', startsSequence };
    if (ended?.kind === 'scan') step.scanned = ended.payload;
    const give = ended?.kind === 'release' ? ended.text + (released ?? '') : released;
    if (give !== undefined) step.released = give;
    return step;
  }

  function append(text: string, time: number): void {
    // CRLF typed as Enter, Enter is one line break. A blank line carries nothing in any
    // badge format, so collapsing every run of Enters loses nothing.
    if (!(text === '\n' && chars.endsWith('\n'))) chars += text;
    keys += 1;
    lastTime = time;
  }

  return {
    get inBurst() {
      return inBurst;
    },

    get idleAfterMs() {
      return inBurst ? allowedGap() : undefined;
    },

    key(event) {
      const { key, time } = event;
      // A burst whose keys stopped before this one is already over (its idle timer was late).
      const ended = inBurst && time - lastTime > allowedGap() ? end() : undefined;

      // Scanners send Shift around capitals: not a character, but a sign the burst goes on.
      if (MODIFIER_KEYS.has(key)) {
        if (!inBurst) return pass(false, undefined, ended);
        lastTime = Math.max(lastTime, time);
        return { kind: 'swallow', burstStarted: false };
      }

      const lineBreak = lineBreakOf(event, inBurst || time - markerEndedAt <= opts.terminatorGapMs);
      if (lineBreak !== undefined) {
        if (!inBurst) {
          if (keys === 0 && ended === undefined && time - markerEndedAt <= opts.terminatorGapMs) {
            markerEndedAt = time;
            return { kind: 'swallow', burstStarted: false };
          }
          reset();
          return pass(false, undefined, ended);
        }
        append(lineBreak, time);
        if (shapeOf(chars) === 'vcard' && vcardEnded(chars)) return endOnMarker(time);
        return { kind: 'swallow', burstStarted: false };
      }

      const chord = event.ctrlKey === true || event.altKey === true || event.metaKey === true;
      if (chord || event.isComposing === true || event.repeat === true || !isPrintable(key)) {
        return pass(false, release(), ended);
      }

      if (keys > 0 && time - lastTime <= allowedGap()) {
        append(key, time);
        if (inBurst) {
          if (shapeOf(chars) === 'mecard' && mecardEnded(chars)) return endOnMarker(time);
          return { kind: 'swallow', burstStarted: false };
        }
        if (scannerPace()) {
          inBurst = true;
          return { kind: 'swallow', burstStarted: true };
        }
        return pass(false, undefined, ended);
      }

      // Too slow to belong to what came before: this key may start a new burst.
      const released = release();
      chars = key;
      keys = 1;
      firstTime = time;
      lastTime = time;
      return pass(true, released, ended);
    },

    idle(time) {
      if (!inBurst || time - lastTime <= allowedGap()) return undefined;
      return end();
    },
  };
}
