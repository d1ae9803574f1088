import { useCallback } from 'react';
import type { Lead } from '../../../shared/model';
import type { TriageFilter, TriagePage, TriageSort } from '../../../shared/triage/api';
import { call } from '../api/client';
import { useKeysetPages } from '../ui/useKeysetPages';
import { viewKey } from './triage-filter';

/** The first page only has to fill the screen, so it comes back fast; later pages are bigger. */
const SIZES = { first: 60, next: 300 };

/**
 * The leads matching a filter, in the sort's order, a keyset page at a time as the list is
 * scrolled towards its end (ui/useKeysetPages.ts): the 1,000th page costs what the first does.
 * The list reloads from the top exactly when the filter or the sort changes (compared by
 * value), or when `reload` is called.
 */
export function useTriagePages(filter: TriageFilter, sort: TriageSort) {
  const pages = useKeysetPages<Lead, TriagePage>(
    viewKey(filter, sort),
    (after, limit) => call('triage.query', { filter, sort, after, limit }),
    SIZES,
  );
  const { more, patchRows } = pages;

  /** Asks for the next page when the rows on screen come near the end of what is loaded. */
  const nearRow = useCallback(
    (lastVisible: number) => {
      if (lastVisible >= pages.rows.length - 20) more();
    },
    [more, pages.rows.length],
  );

  /** One lead changed (the detail panel saved it): shown at once, without reloading the list. */
  const patch = useCallback((lead: Lead) => patchRows((rows) => rows.map((row) => (row.id === lead.id ? lead : row))), [patchRows]);

  return {
    rows: pages.rows,
    next: pages.next,
    total: pages.total,
    totalExact: pages.last?.totalExact ?? true,
    loading: pages.loading,
    problem: pages.problem?.code ?? null,
    reload: pages.reload,
    nearRow,
    patch,
  };
}
