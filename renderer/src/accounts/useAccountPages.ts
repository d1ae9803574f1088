import type { AccountListInput, AccountSummary } from '../../../shared/accounts/api';
import type { Output } from '../../../shared/api';
import { call } from '../api/client';
import { useKeysetPages } from '../ui/useKeysetPages';

/** The first page fills a screen; the pages after it come as the list is scrolled to its end. */
const SIZES = { first: 100, next: 200 };

export type AccountQuery = Omit<AccountListInput, 'after' | 'offset' | 'limit'>;

/**
 * The accounts a filter and sort keep, a keyset page at a time (ui/useKeysetPages.ts): scrolling
 * through thousands of accounts neither repeats nor skips one. Starts again from the top when
 * the query changes (compared by value) or `reload` is called.
 */
export function useAccountPages(query: AccountQuery) {
  const { rows, next, total, problem, reload, more } = useKeysetPages<AccountSummary, Output<'accounts.list'>>(
    JSON.stringify(query),
    (after, limit) => call('accounts.list', { ...query, ...(after ? { after } : {}), limit }),
    SIZES,
  );
  return { rows, next, total, problem, reload, more };
}
