import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCode, errorDetails } from '../api/client';

/** What a keyset-paged procedure answers: a page of rows, the cursor after its last, the total. */
export interface KeysetPage<Row> {
  rows: Row[];
  /** The keyset cursor of the next page; null once the last page is in. */
  next: string | null;
  total: number;
}

interface Pages<Row, P> {
  rows: Row[];
  next: string | null;
  total: number | null;
  /** The latest page as it came (for what a procedure answers beside its rows). */
  last: P | null;
  loading: boolean;
  problem: { code: string; details: unknown } | null;
}

const emptyPages = <Row, P>(): Pages<Row, P> => ({ rows: [], next: null, total: null, last: null, loading: true, problem: null });

/**
 * A list read a keyset page at a time as it is scrolled towards its end. Never an offset:
 * page n+1 starts after the last row of page n, so the thousandth page costs what the first
 * does and nothing is repeated or skipped when rows arrive meanwhile. Starts again from the
 * top exactly when `key` changes (what the list shows, compared by value) or on `reload`.
 * `load` is read when a page is asked for, so it need not keep its identity.
 */
export function useKeysetPages<Row, P extends KeysetPage<Row>>(
  key: string,
  load: (after: string | null, limit: number) => Promise<P>,
  sizes: { first: number; next: number },
) {
  const [pages, setPages] = useState<Pages<Row, P>>(emptyPages);
  const latest = useRef(pages);
  latest.current = pages;
  // Each load belongs to one generation; an answer for an older key is dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  const current = useRef({ load, sizes });
  current.current = { load, sizes };

  const fetchPage = useCallback((after: string | null, gen: number) => {
    busy.current = true;
    const { load: read, sizes: size } = current.current;
    read(after, after === null ? size.first : size.next)
      .then((page) => {
        if (gen !== generation.current) return;
        setPages((p) => ({
          rows: after === null ? page.rows : [...p.rows, ...page.rows],
          next: page.next,
          // A later page may know more of the total than the first did, and an empty last page
          // knows nothing of it: never show it shrink by paging.
          total: after === null ? page.total : Math.max(p.total ?? 0, page.total),
          last: page,
          loading: false,
          problem: null,
        }));
      })
      .catch((err: unknown) => {
        if (gen === generation.current) setPages((p) => ({ ...p, loading: false, problem: { code: errorCode(err), details: errorDetails(err) } }));
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
    setPages(emptyPages());
    fetchPage(null, gen);
  }, [key, fetchPage]);

  /** The next page, unless one is on its way, none is left or the last one failed. */
  const more = useCallback(() => {
    const p = latest.current;
    if (!busy.current && p.next !== null && p.problem === null) fetchPage(p.next, generation.current);
  }, [fetchPage]);

  /** Rows changed in place (a lead saved in the detail panel): shown at once, without a reload. */
  const patchRows = useCallback((change: (rows: Row[]) => Row[]) => {
    setPages((p) => ({ ...p, rows: change(p.rows) }));
  }, []);

  return { ...pages, reload, more, patchRows };
}
