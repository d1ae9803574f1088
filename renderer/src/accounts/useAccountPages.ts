import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountListInput, AccountSummary } from '../../../shared/accounts/api';
import { call, errorCode, errorDetails } from '../api/client';

/** The first page fills a screen; the pages after it come as the list is scrolled to its end. */
const FIRST_PAGE = 100;
const NEXT_PAGE = 200;

export type AccountQuery = Omit<AccountListInput, 'after' | 'offset' | 'limit'>;

interface Pages {
  rows: AccountSummary[];
  /** The keyset cursor of the next page; null once the last page is in. */
  next: string | null;
  total: number | null;
  problem: { code: string; details: unknown } | null;
}

const empty: Pages = { rows: [], next: null, total: null, problem: null };

/**
 * The accounts a filter and sort keep, a keyset page at a time: page n+1 starts after the last
 * account of page n, so scrolling through thousands of accounts neither repeats nor skips one.
 * Starts again from the top when the query changes (compared by value) or `reload` is called.
 */
export function useAccountPages(query: AccountQuery) {
  const [pages, setPages] = useState<Pages>(empty);
  const latest = useRef(pages);
  latest.current = pages;
  // Each load belongs to one generation; an answer for an older query is dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  const key = JSON.stringify(query);
  const current = useRef(query);
  current.current = query;

  const fetchPage = useCallback((after: string | null, gen: number) => {
    busy.current = true;
    call('accounts.list', { ...current.current, ...(after ? { after } : {}), limit: after === null ? FIRST_PAGE : NEXT_PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        setPages((p) => ({
          rows: after === null ? page.rows : [...p.rows, ...page.rows],
          next: page.next,
          total: after === null || page.rows.length > 0 ? page.total : p.total,
          problem: null,
        }));
      })
      .catch((err: unknown) => {
        if (gen === generation.current) setPages((p) => ({ ...p, problem: { code: errorCode(err), details: errorDetails(err) } }));
      })
      .finally(() => {
        if (gen === generation.current) busy.current = false;
      });
  }, []);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    fetchPage(null, gen);
  }, [fetchPage]);

  useEffect(() => {
    const gen = ++generation.current;
    setPages(empty);
    fetchPage(null, gen);
  }, [key, fetchPage]);

  /** The end of the list came into view: the next page, unless one is on its way or none is left. */
  const more = useCallback(() => {
    const p = latest.current;
    if (!busy.current && p.next !== null && p.problem === null) fetchPage(p.next, generation.current);
  }, [fetchPage]);

  return { ...pages, reload, more };
}
