import { useEffect, useRef } from 'react';
import { giveBack, restoreSnapshot, takeSnapshot, type FieldSnapshot } from './field-snapshot';
import { createWedgeDetector } from './wedge';
import { announceBurst } from './wedge-burst';

/**
 * Listens for a handheld scanner on the whole window, whatever has focus. Capture phase, so
 * the burst is seen (and swallowed) before any field or shortcut handler gets it. The first
 * keys of a burst cannot be told from typing yet and land where focus is; the moment the
 * burst is recognised the field is put back as it was before its first key.
 */
export function useWedgeScanner(enabled: boolean, onScan: (payload: string) => void): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector();
    let snapshot: FieldSnapshot | null = null;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    // Keys carry the time the device sent them, which can be well before a busy page gets to
    // them. Idle time is measured on that same clock: the last key's stamp plus how long ago
    // it was handled, so a late key is never mistaken for a pause.
    let lastStamp = 0;
    let lastHandled = 0;

    const schedule = (afterMs: number | undefined) => {
      clearTimeout(idleTimer);
      if (afterMs !== undefined) idleTimer = setTimeout(onIdle, afterMs + 1);
    };

    // The scan ends when the keys stop (or at a vCard's or MECARD's end marker), so a timer
    // has to tell the detector that time passed; a code with no Enter would wait forever.
    function onIdle() {
      const ended = detector.idle(lastStamp + (performance.now() - lastHandled));
      if (ended?.kind === 'release') giveBack(snapshot, ended.text);
      if (ended?.kind === 'scan') {
        snapshot = null;
        onScanRef.current(ended.payload);
      }
      // Fired a little early on the keys' clock: wait the rest.
      if (!ended && detector.idleAfterMs !== undefined) {
        const waited = performance.now() - lastHandled;
        schedule(Math.max(0, detector.idleAfterMs - waited));
      }
    }

    const onKeyDown = (event: KeyboardEvent) => {
      const step = detector.key({
        key: event.key,
        time: event.timeStamp,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        isComposing: event.isComposing,
        repeat: event.repeat,
      });
      switch (step.kind) {
        case 'pass':
          if (step.released) giveBack(snapshot, step.released);
          if (step.scanned !== undefined) onScanRef.current(step.scanned);
          if (step.startsSequence) snapshot = takeSnapshot(document.activeElement);
          break;
        case 'swallow':
          event.preventDefault();
          event.stopImmediatePropagation();
          if (step.burstStarted) {
            restoreSnapshot(snapshot);
            announceBurst();
          }
          break;
        case 'scan':
          event.preventDefault();
          event.stopImmediatePropagation();
          snapshot = null;
          onScanRef.current(step.payload);
          break;
      }
      lastStamp = event.timeStamp;
      lastHandled = performance.now();
      schedule(detector.idleAfterMs);
    };

    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(idleTimer);
    };
  }, [enabled]);
}
