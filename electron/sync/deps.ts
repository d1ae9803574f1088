import type Database from 'better-sqlite3';
import type { Emit } from '../../shared/api';
import type { StatusSource } from '../../shared/triage/status';
import type { VerdictTarget } from '../../shared/delivery/verdicts';

/** The CRMs a verdict can come from (the webhook reads none back). */
export type CrmSource = Extract<StatusSource, `crm:${string}`>;

/** What the core did with a verdict read from a CRM: applied it, found the lead there already, or refused the transition. */
export type VerdictOutcome = 'applied' | 'unchanged' | 'refused';

/**
 * Sales' verdict applied to a lead by the core (its status code and writer), never by delivery:
 * sync reads leads through the store and writes none (DESIGN.md: the lead writer is the spine).
 */
export type ApplyVerdict = (
  leadId: string,
  to: VerdictTarget,
  reason: string | null,
  source: CrmSource,
) => VerdictOutcome | Promise<VerdictOutcome>;

/** What delivery needs from outside: the database (read through the store), time, ids, the UI's event bus. */
export interface SyncDeps {
  sqlite: Database.Database;
  clock: () => number;
  newId: () => string;
  emit: Emit;
  shell: 'electron' | 'browser' | 'cli';
  /** Wired by the composition root to the core's applyVerdict (electron/core/triage/status.ts). */
  applyVerdict: ApplyVerdict;
  /**
   * Before a run reads what to send: the core links new leads to their persons after their
   * captures commit (electron/core/late-links.ts), and a contact is sent once per person.
   */
  beforeRun: () => void;
}
