import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Focus to give back after a row moved, appeared or went: moving a row re-inserts its DOM node,
 * which drops focus. `focusLater(ids)` asks for the first of these fields (as `idOf` names them)
 * that can take it, once the change is on screen.
 */
export function useFocusLater(idOf: (field: string) => string): (ids: string[]) => void {
  const wish = useRef<string[] | null>(null);
  useEffect(() => {
    const ids = wish.current;
    if (!ids) return;
    wish.current = null;
    for (const id of ids) {
      const el = document.getElementById(idOf(id)) as HTMLButtonElement | HTMLInputElement | null;
      if (el && !el.disabled) {
        el.focus();
        return;
      }
    }
  });
  // A bump re-renders the hook's owner, whose effect then moves the focus, even when only a child's state changed.
  const [, setTick] = useState(0);
  return useCallback((ids: string[]) => {
    wish.current = ids;
    setTick((n) => n + 1);
  }, []);
}
