/**
 * A lead merged away (名寄せ) after it was delivered: what its contact becomes in the CRM.
 * A contact is known by the CRM's record id when the CRM gave one, and by the key it holds in
 * the connector's id property (the webhook's receiver knows only that).
 */
export interface ContactRef {
  remoteId: string | null;
  key: string;
}

export type MergePlan =
  /** Nothing to do in the CRM: the merged lead never reached it, or both leads are one contact already. */
  | { kind: 'nothing'; reason: 'not_delivered' | 'same_contact' }
  /** The survivor has no contact in this CRM yet: it takes the merged lead's, and its next send updates it. */
  | { kind: 'adopt'; contact: ContactRef }
  /** Two contacts: the merged lead's goes into the survivor's. */
  | { kind: 'merge'; merged: ContactRef; into: ContactRef };

export const sameContact = (a: ContactRef, b: ContactRef): boolean =>
  a.remoteId !== null && b.remoteId !== null ? a.remoteId === b.remoteId : a.key === b.key;

export function planMerge(merged: ContactRef | null, survivor: ContactRef | null): MergePlan {
  if (!merged) return { kind: 'nothing', reason: 'not_delivered' };
  if (!survivor) return { kind: 'adopt', contact: merged };
  if (sameContact(merged, survivor)) return { kind: 'nothing', reason: 'same_contact' };
  return { kind: 'merge', merged, into: survivor };
}
