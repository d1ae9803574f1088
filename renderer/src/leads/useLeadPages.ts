import { useCallback } from 'react';
import type { Lead } from '../../../shared/model';
import { call } from '../api/client';
import { usePagedRows } from '../ui/usePagedRows';

/** An event's leads, newest first, a page at a time as rows come into view. */
export function useLeadPages(eventId: string, query: string) {
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('leads.list', { eventId, ...(query ? { query } : {}), offset, limit }),
    [eventId, query],
  );
  const { total, rowAt, ensure, refreshVisible } = usePagedRows<Lead>(fetchPage);
  return { total, rowAt, ensure, refreshVisible };
}
