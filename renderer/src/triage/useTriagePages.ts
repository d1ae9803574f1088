import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lead } from '../../../shared/model';
import type { TriageFilter, TriageSort } from '../../../shared/triage/api';
import { call, errorCode } from '../api/client';
import { viewKey } from './triage-filter';

/** The first page only has to fill the screen, so it comes back fast; later pages are bigger. */
const FIRST_PAGE = 60;
const NEXT_PAGE = 300;

interface Pages {
  rows: Lead[];
  /** The keyset cursor of the next page; null once the last page is in. */
  next: string | null;
  total: number | null;
  totalExact: boolean;
  loading: boolean;
  problem: string | null;
}

const empty: Pages = { rows: [], next: null, total: null, totalExact: true, loading: true, problem: null };

/**
 * The leads matching a filter, in the sort's order, a keyset page at a time as the list is
 * scrolled towards its end. Never an offset: page n+1 starts after the last row of page n, so
 * the 1,000th page costs what the first does. The list reloads from the top exactly when the
 * filter or the sort changes (compared by value), or when `reload` is called.
 */
export function useTriagePages(filter: TriageFilter, sort: TriageSort) {
  const [pages, setPages] = useState<Pages>(empty);
  const latest = useRef(pages);
  latest.current = pages;
  // Each load belongs to one generation; an answer for an older filter is dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  const key = viewKey(filter, sort);
  const current = useRef({ filter, sort });
  current.current = { filter, sort };

  const fetchPage = useCallback((after: string | null, gen: number) => {
    busy.current = true;
    const { filter: f, sort: s } = current.current;
    call('triage.query', { filter: f, sort: s, after, limit: after === null ? FIRST_PAGE : NEXT_PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        setPages((p) => ({
          rows: after === null ? page.rows : [...p.rows, ...page.rows],
          next: page.next,
          // A later page may know more of the total than the first did; never show it shrink by paging.
          total: after === null ? page.total : Math.max(p.total ?? 0, page.total),
          totalExact: page.totalExact,
          loading: false,
          problem: null,
        }));
      })
      .catch((err: unknown) => {
        if (gen === generation.current) setPages((p) => ({ ...p, loading: false, problem: errorCode(err) }));
      })
      .finally(() => {
        if (gen === generation.current) busy.current = false;
      });
  }, []);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setPages((p) => ({ ...p, loading: true }));
    fetchPage(null, gen);
  }, [fetchPage]);

  useEffect(() => {
    const gen = ++generation.current;
    setPages(empty);
    fetchPage(null, gen);
  }, [key, fetchPage]);

  /** Asks for the next page when the rows on screen come near the end of what is loaded. */
  const nearRow = useCallback(
    (lastVisible: number) => {
      const p = latest.current;
      if (!busy.current && p.next !== null && p.problem === null && lastVisible >= p.rows.length - 20) {
        fetchPage(p.next, generation.current);
      }
    },
    [fetchPage],
  );

  /** One lead changed (the detail panel saved it): shown at once, without reloading the list. */
  const patch = useCallback((lead: Lead) => {
    setPages((p) => ({ ...p, rows: p.rows.map((row) => (row.id === lead.id ? lead : row)) }));
  }, []);

  return { ...pages, reload, nearRow, patch };
}
