import { useCallback, useEffect, useState } from 'react';
import type { TopicData } from '../../../shared/api';
import type { ConnectorStatus } from '../../../shared/delivery/api';
import type { ConnectorName } from '../../../shared/delivery/connectors';
import { call, onConnection, subscribe } from '../api/client';

export type SyncProgress = TopicData<'sync.progress'>;

export interface SyncState {
  /** Every connector, in the core's order; null until the first answer. */
  statuses: ConnectorStatus[] | null;
  /** The latest progress of each connector's current or last run. */
  progress: Partial<Record<ConnectorName, SyncProgress>>;
  refresh(): Promise<void>;
}

/**
 * The delivery state, kept fresh by the core's `sync.state` pushes (online/offline, counts after
 * each batch, a run starting or ending) and `sync.progress` during a run.
 */
export function useSyncStatus(): SyncState {
  const [statuses, setStatuses] = useState<ConnectorStatus[] | null>(null);
  const [progress, setProgress] = useState<SyncState['progress']>({});

  const refresh = useCallback(async () => {
    try {
      setStatuses((await call('sync.status', {})).connectors);
    } catch {
      // The connection banner says why; the next push or reconnect refreshes.
    }
  }, []);

  useEffect(() => {
    void refresh();
    const off = subscribe((message) => {
      if (message.topic === 'sync.state') {
        const next = message.data;
        setStatuses((list) => list?.map((s) => (s.connector === next.connector ? next : s)) ?? list);
      } else if (message.topic === 'sync.progress') {
        const next = message.data;
        setProgress((p) => ({ ...p, [next.connector]: next }));
      }
    });
    const offConnection = onConnection((up) => {
      if (up) void refresh();
    });
    return () => {
      off();
      offConnection();
    };
  }, [refresh]);

  return { statuses, progress, refresh };
}
