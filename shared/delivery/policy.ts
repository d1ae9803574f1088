import { z } from 'zod';
import { Id } from '../model';
import { LeadStatus } from '../triage/status';

/**
 * What a connector sends, chosen when it is set up, so nothing leaves before a person has looked:
 * - `ready`: only leads a person marked ready to send;
 * - `mql` (the default): MQL and later in sales' hands (mql, sal), plus leads marked ready;
 * - `all`: every lead that is not deleted.
 * An excluded event sends nothing, whatever the policy.
 */
export const SendPolicy = z.enum(['ready', 'mql', 'all']);
export type SendPolicy = z.infer<typeof SendPolicy>;
export const DEFAULT_SEND_POLICY: SendPolicy = 'mql';

/** The statuses `mql` selects by themselves: handed to sales, and accepted by them. */
export const MQL_AND_LATER: readonly LeadStatus[] = ['mql', 'sal'];

export const DeliveryScope = z.object({
  policy: SendPolicy.default(DEFAULT_SEND_POLICY),
  excludeEvents: z.array(Id).max(200).default([]),
});
export type DeliveryScope = z.infer<typeof DeliveryScope>;
export const DEFAULT_SCOPE: DeliveryScope = { policy: DEFAULT_SEND_POLICY, excludeEvents: [] };

export interface ScopedLead {
  eventId: string;
  status: LeadStatus;
  /** Marked ready to send by a person (ms), or null. */
  readyAt: number | null;
  deleted: boolean;
}

/** Whether the policy selects this lead for the connector, on its own merits. */
export function selected(lead: ScopedLead, scope: DeliveryScope): boolean {
  if (lead.deleted || scope.excludeEvents.includes(lead.eventId)) return false;
  switch (scope.policy) {
    case 'all':
      return true;
    case 'ready':
      return lead.readyAt !== null;
    case 'mql':
      return lead.readyAt !== null || MQL_AND_LATER.includes(lead.status);
  }
}

/**
 * What a change to a lead does to its place in a connector's queue:
 * - selected → queued (again), so a lead that becomes MQL or is marked ready goes then;
 * - no longer selected, but the CRM already holds it → still queued: sales must see it became
 *   rejected, nurture or disqualified (or lost its ready mark), or the CRM would keep showing an
 *   MQL marketing has given up on;
 * - never delivered and not selected → what still waits is withdrawn (it was queued while it was
 *   selected, e.g. MQL, then disqualified before the upload): nothing unreviewed leaves.
 * Deleted leads and excluded events are withdrawn even when delivered: a deletion is not a status
 * the CRM can show, and an excluded event is one the marketer chose to keep out of this CRM.
 */
export function queueAction(lead: ScopedLead, scope: DeliveryScope, deliveredBefore: () => boolean): 'queue' | 'withdraw' {
  if (selected(lead, scope)) return 'queue';
  if (lead.deleted || scope.excludeEvents.includes(lead.eventId)) return 'withdraw';
  // Asked only here: most writes (a capture under `mql`) never need the lookup.
  return deliveredBefore() ? 'queue' : 'withdraw';
}

/** `LEADBOOTH_<CONNECTOR>_SEND`: one of the policies, else null (the connector refuses to send rather than guess). */
export function parsePolicy(value: string | undefined): SendPolicy | null | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = SendPolicy.safeParse(value.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}
