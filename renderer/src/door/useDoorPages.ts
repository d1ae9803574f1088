import { useCallback, useEffect } from 'react';
import type { DoorList, DoorPerson } from '../../../shared/door/api';
import { call } from '../api/client';
import { usePagedRows } from '../ui/usePagedRows';

/**
 * One door list, a page at a time as rows scroll into view (a roster may hold 100,000
 * people). `live` changes when someone arrives: what is on screen is refreshed in place.
 */
export function useDoorPages(eventId: string, list: DoorList, query: string, live: number) {
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('door.list', { eventId, list, ...(query ? { query } : {}), offset, limit }),
    [eventId, list, query],
  );
  const { total, rowAt, ensure, refreshVisible } = usePagedRows<DoorPerson>(fetchPage);
  useEffect(() => {
    if (live !== 0) refreshVisible();
  }, [live, refreshVisible]);
  return { total, rowAt, ensure };
}
