import type { ConnectorStatus } from '../../../shared/delivery/api';

/** What a person needs to know about one connector, in one word. */
export type ConnectorState = 'off' | 'not_configured' | 'credentials_rejected' | 'online' | 'offline' | 'unknown';

/**
 * Off when the user has not turned it on; not configured when it is on but lacks a URL or
 * credentials; otherwise what the engine judged from real calls (never navigator.onLine).
 */
export function connectorState(
  status: Pick<ConnectorStatus, 'enabled' | 'usable' | 'reachability'> & Partial<Pick<ConnectorStatus, 'credentialsRejected'>>,
): ConnectorState {
  if (!status.enabled) return 'off';
  if (!status.usable) return 'not_configured';
  // Never "online" while the CRM refuses our credentials: it answers, but nothing can go.
  if (status.credentialsRejected) return 'credentials_rejected';
  return status.reachability;
}

export interface DeliverySummary {
  state: 'online' | 'offline' | 'unknown';
  attention: number;
}

/**
 * The top bar's one line about delivery, or null when nothing is set up to deliver. Offline
 * wins: one CRM out of reach is what the marketer must hear about, even if another answers.
 */
export function deliverySummary(statuses: readonly ConnectorStatus[]): DeliverySummary | null {
  const usable = statuses.filter((s) => s.enabled && s.usable);
  if (usable.length === 0) return null;
  const attention = statuses.reduce((sum, s) => sum + s.counts.attention, 0);
  // The top bar has three words; rejected credentials stop delivery as surely as being offline does.
  const state = usable.some((s) => s.reachability === 'offline' || s.credentialsRejected)
    ? 'offline'
    : usable.some((s) => s.reachability === 'online')
      ? 'online'
      : 'unknown';
  return { state, attention };
}

/** Records still to go: pending plus those in flight now. */
export const waiting = (status: Pick<ConnectorStatus, 'counts'>) => status.counts.pending + status.counts.inFlight;
