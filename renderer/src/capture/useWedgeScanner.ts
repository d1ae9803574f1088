import { useEffect, useRef } from 'react';
import { giveBack, restoreSnapshot, takeSnapshot, type FieldSnapshot } from './field-snapshot';
import { createWedgeDetector, DEFAULT_WEDGE_OPTIONS } from './wedge';

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

    const onIdle = () => {
      const released = detector.idle(lastStamp + (performance.now() - lastHandled));
      if (released) giveBack(snapshot, released);
    };

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
          if (step.startsSequence) snapshot = takeSnapshot(document.activeElement);
          break;
        case 'swallow':
        case 'scan':
          event.preventDefault();
          event.stopImmediatePropagation();
          if (step.burstStarted) restoreSnapshot(snapshot);
          if (step.kind === 'scan') {
            snapshot = null;
            onScanRef.current(step.payload);
          }
          break;
      }
      lastStamp = event.timeStamp;
      lastHandled = performance.now();
      clearTimeout(idleTimer);
      if (detector.inBurst) idleTimer = setTimeout(onIdle, DEFAULT_WEDGE_OPTIONS.releaseAfterMs + 20);
    };

    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(idleTimer);
    };
  }, [enabled]);
}
