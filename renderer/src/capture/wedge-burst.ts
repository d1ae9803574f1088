/**
 * The first keys of a scanner's burst reach the page before the burst is recognised, and the
 * rest are swallowed, so a shortcut waiting to see whether another key follows never sees one.
 * The wedge listener announces the moment it recognises a burst; a waiting shortcut drops.
 */
const listeners = new Set<() => void>();

export function announceBurst(): void {
  for (const listener of listeners) listener();
}

export function onBurst(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
