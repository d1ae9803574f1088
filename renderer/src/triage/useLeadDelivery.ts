import { useEffect, useState } from 'react';
import type { LeadDelivery } from '../../../shared/delivery/api';
import type { Lead } from '../../../shared/model';
import { call } from '../api/client';

/**
 * Where a lead stands with each connector (turned on, or that has held it): read again whenever
 * the lead changes, since a status or owner change queues it anew.
 */
export function useLeadDelivery(lead: Lead | null): LeadDelivery[] | null {
  const [rows, setRows] = useState<LeadDelivery[] | null>(null);
  const leadId = lead?.id ?? null;
  const updatedAt = lead?.updatedAt ?? null;
  useEffect(() => {
    if (!leadId) return setRows(null);
    let live = true;
    call('sync.leadDelivery', { leadId })
      .then((delivery) => live && setRows(delivery))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [leadId, updatedAt]);
  return rows;
}
