import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../../shared/reports/api';
import { call, errorCode, onConnection, subscribe } from '../api/client';
import { recountDelay } from './pace';

/**
 * The dashboard's data for an event (null: every event), counted again after anything it counts
 * is written (the `dashboard.changed` topic: captures, status changes, edits, merges, imports,
 * re-scores), paced so a busy booth does not recount on every scan and a slow recount does not
 * take the core from the scans (pace.ts).
 */
export function useDashboard(eventId: string | null) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef(0);
  const lastTook = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++asked.current;
    try {
      const started = performance.now();
      const next = await call('dashboard.data', { eventId, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      lastTook.current = performance.now() - started;
      // An answer for an event no longer shown is dropped.
      if (ticket === asked.current) {
        setData(next);
        setFailure(null);
      }
    } catch (err) {
      if (ticket === asked.current) setFailure(errorCode(err));
    }
  }, [eventId]);

  useEffect(() => {
    setData(null);
    void load();
    const soon = () => {
      if (timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void load();
      }, recountDelay(lastTook.current));
    };
    const off = subscribe((message) => {
      if (message.topic !== 'dashboard.changed') return;
      const { eventIds } = message.data;
      if (eventId === null || eventIds === null || eventIds.includes(eventId)) soon();
    });
    const offConnection = onConnection((up) => up && soon());
    return () => {
      off();
      offConnection();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [eventId, load]);

  return { data, failure };
}
