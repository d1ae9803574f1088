import { useEffect, useRef, useState } from 'react';
import { subscribe } from '../api/client';

/**
 * A number that goes up when someone is captured at this event (a check-in, a walk-in), from
 * any device writing this database: the door's lists and counts re-read when it changes. A
 * burst of arrivals is one re-read.
 */
export function useArrivals(eventId: string): number {
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = subscribe((message) => {
      if (message.topic !== 'lead.captured' || message.data.lead.eventId !== eventId) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setTick((n) => n + 1), 100);
    });
    return () => {
      off();
      clearTimeout(timer.current);
    };
  }, [eventId]);
  return tick;
}
