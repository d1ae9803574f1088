import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useReducer, useRef, useState, type RefObject } from 'react';

const PAGE_SIZE = 200;

interface Pages<T> {
  loaded: Map<number, T[]>;
  loading: Set<number>;
  /** Loaded pages known to be out of date: shown until their fresh copy arrives. */
  stale: Set<number>;
}

const emptyPages = <T,>(): Pages<T> => ({ loaded: new Map(), loading: new Set(), stale: new Set() });

export type FetchPage<T> = (offset: number, limit: number) => Promise<{ total: number; rows: T[] }>;

/**
 * A long list fetched a page at a time as rows come into view: an event may hold 100,000
 * leads or roster entries, and only what is on screen (and a little around it) is loaded.
 * `fetchPage` must change identity (useCallback) exactly when what the list shows changes.
 */
export function usePagedRows<T>(fetchPage: FetchPage<T>) {
  const pages = useRef<Pages<T>>(emptyPages());
  const [total, setTotal] = useState<number | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const range = useRef({ first: 0, last: 0 });

  const load = useCallback(
    (page: number) => {
      const current = pages.current;
      if (current.loading.has(page) || (current.loaded.has(page) && !current.stale.has(page))) return;
      current.loading.add(page);
      fetchPage(page * PAGE_SIZE, PAGE_SIZE)
        .then((result) => {
          if (pages.current !== current) return; // what the list shows changed meanwhile
          current.loaded.set(page, result.rows);
          current.stale.delete(page);
          setTotal(result.total);
          rerender();
        })
        .catch(() => undefined)
        .finally(() => current.loading.delete(page));
    },
    [fetchPage],
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

  /** Rows arrived or changed: every loaded page may have shifted and is fetched again when next needed. */
  const invalidate = useCallback(() => {
    for (const page of pages.current.loaded.keys()) pages.current.stale.add(page);
  }, []);

  /** Invalidates and fetches again what is on screen now. */
  const refreshVisible = useCallback(() => {
    invalidate();
    ensure(range.current.first, range.current.last);
  }, [invalidate, ensure]);

  const rowAt = (index: number): T | undefined => pages.current.loaded.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  return { total, rowAt, ensure, refreshVisible };
}

/**
 * The rows of a paged list that are on screen: a virtualizer over `total` rows of one height,
 * asking `ensure` for the pages under what is visible as the list scrolls.
 */
export function useVisibleRows(
  scroller: RefObject<HTMLElement | null>,
  total: number | null,
  ensure: (first: number, last: number) => void,
  rowHeight: number,
) {
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total) ensure(first, last);
  }, [first, last, total, ensure]);
  return { virtualizer, items };
}
