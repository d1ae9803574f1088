import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Lead } from '../../../shared/model';
import { call } from '../api/client';

export const PAGE_SIZE = 200;

interface Pages {
  loaded: Map<number, Lead[]>;
  loading: Set<number>;
  /** Loaded pages known to be out of date: shown until their fresh copy arrives. */
  stale: Set<number>;
}

const emptyPages = (): Pages => ({ loaded: new Map(), loading: new Set(), stale: new Set() });

/**
 * An event's leads, fetched a page at a time as rows come into view: the list may hold
 * 100,000 leads and only what is on screen (and a little around it) is ever loaded.
 */
export function useLeadPages(eventId: string, query: string) {
  const pages = useRef<Pages>(emptyPages());
  const [total, setTotal] = useState<number | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const load = useCallback(
    (page: number) => {
      const current = pages.current;
      if (current.loading.has(page) || (current.loaded.has(page) && !current.stale.has(page))) return;
      current.loading.add(page);
      call('leads.list', { eventId, ...(query ? { query } : {}), offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (pages.current !== current) return; // the event or the search changed meanwhile
          current.loaded.set(page, result.rows);
          current.stale.delete(page);
          setTotal(result.total);
          rerender();
        })
        .catch(() => undefined)
        .finally(() => current.loading.delete(page));
    },
    [eventId, query],
  );

  /** Makes sure the rows first..last (indexes) are loaded or on their way. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) load(page);
    },
    [load],
  );

  useEffect(() => {
    pages.current = emptyPages();
    setTotal(null);
    load(0);
  }, [load]);

  /** New leads arrived: every loaded page may have shifted. */
  const invalidate = useCallback(() => {
    for (const page of pages.current.loaded.keys()) pages.current.stale.add(page);
  }, []);

  const rowAt = (index: number): Lead | undefined => pages.current.loaded.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  return { total, rowAt, ensure, invalidate };
}
