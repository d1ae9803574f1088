import type { Handlers } from '../../shared/api';

/**
 * Merges the domains' handler maps into one. A name defined twice is a programming error
 * caught at start, not a silent override.
 */
export function mergeHandlers(...maps: Partial<Handlers>[]): Handlers {
  const merged: Partial<Handlers> = {};
  for (const map of maps) {
    for (const name of Object.keys(map) as (keyof Handlers)[]) {
      if (Object.hasOwn(merged, name)) throw new Error(`Handler ${name} is defined twice`);
      (merged as Record<string, unknown>)[name] = map[name];
    }
  }
  return merged as Handlers;
}
