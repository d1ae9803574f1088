import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { DoorList, DoorPerson } from '../../../shared/door/api';
import { call } from '../api/client';

export const PAGE_SIZE = 200;

interface Pages {
  loaded: Map<number, DoorPerson[]>;
  loading: Set<number>;
  /** Loaded pages known to be out of date: shown until their fresh copy arrives. */
  stale: Set<number>;
}

const emptyPages = (): Pages => ({ loaded: new Map(), loading: new Set(), stale: new Set() });

/**
 * One door list, a page at a time as rows scroll into view (a roster may hold 100,000
 * people). `live` changes when someone arrives: what is loaded is refreshed in place.
 */
export function useDoorPages(eventId: string, list: DoorList, query: string, live: number) {
  const pages = useRef<Pages>(emptyPages());
  const [total, setTotal] = useState<number | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const range = useRef({ first: 0, last: 0 });

  const load = useCallback(
    (page: number) => {
      const current = pages.current;
      if (current.loading.has(page) || (current.loaded.has(page) && !current.stale.has(page))) return;
      current.loading.add(page);
      call('door.list', { eventId, list, ...(query ? { query } : {}), offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (pages.current !== current) return; // the list or the filter changed meanwhile
          current.loaded.set(page, result.rows);
          current.stale.delete(page);
          setTotal(result.total);
          rerender();
        })
        .catch(() => undefined)
        .finally(() => current.loading.delete(page));
    },
    [eventId, list, query],
  );

  /** Makes sure the rows first..last (indexes) are loaded or on their way. */
  const ensure = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) load(page);
    },
    [load],
  );

  useEffect(() => {
    pages.current = emptyPages();
    setTotal(null);
    load(0);
  }, [load]);

  useEffect(() => {
    if (live === 0) return;
    for (const page of pages.current.loaded.keys()) pages.current.stale.add(page);
    ensure(range.current.first, range.current.last);
  }, [live, ensure]);

  const rowAt = (index: number): DoorPerson | undefined =>
    pages.current.loaded.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  return { total, rowAt, ensure };
}
