import type { TriageFilter } from '../../../shared/triage/api';
import { navigate } from '../app/route';
import { DEFAULT_SORT } from './triage-filter';

/** Where the Triage screen keeps the filter and sort last shown (this window's session). */
export const KEPT_VIEW = 'leadbooth.triage.view';

/**
 * Opens Triage on a filter from another screen (the Accounts screen's "show their leads"): the
 * screen starts from the view it finds kept, as when a person comes back to it.
 */
export function openInTriage(filter: TriageFilter): void {
  sessionStorage.setItem(KEPT_VIEW, JSON.stringify({ filter, sort: DEFAULT_SORT }));
  navigate('triage');
}
