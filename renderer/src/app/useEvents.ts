import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventSummary } from '../../../shared/model';
import { call, onConnection, subscribe } from '../api/client';

const CURRENT_EVENT_KEY = 'leadbooth.currentEventId';

/**
 * The events with their counts, kept fresh as leads are captured and rosters imported, and
 * the current event of this device (remembered across reloads).
 */
export function useEvents() {
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [storedId, setStoredId] = useState<string | null>(() => localStorage.getItem(CURRENT_EVENT_KEY));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setEvents(await call('events.list', {}));
    } catch {
      // The connection banner says why; the next event or reconnect refreshes.
    }
  }, []);

  useEffect(() => {
    void refresh();
    // Counts change with every capture; coalesce a burst of captures into one refresh.
    const soon = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void refresh(), 250);
    };
    const off = subscribe((message) => {
      if (message.topic === 'lead.captured') soon();
      if (message.topic === 'roster.progress' && message.data.done === message.data.total) soon();
    });
    const offConnection = onConnection((up) => up && soon());
    return () => {
      off();
      offConnection();
      clearTimeout(timer.current);
    };
  }, [refresh]);

  const setCurrentEventId = useCallback((id: string) => {
    localStorage.setItem(CURRENT_EVENT_KEY, id);
    setStoredId(id);
  }, []);

  // A remembered event that no longer exists gives way to the newest one.
  const current = events?.find((e) => e.id === storedId) ?? events?.[0] ?? null;

  return { events, current, setCurrentEventId, refresh };
}
