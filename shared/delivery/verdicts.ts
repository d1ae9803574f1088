import { z } from 'zod';
import { DEFAULT_REJECTION_REASONS, type RejectionReason } from '../triage/status';
import type { ConnectorName } from './connectors';

/**
 * Sales' verdict as a CRM holds it (HubSpot's contact property hs_lead_status, Salesforce's Lead
 * Status), read back onto the lead: SAL (accepted) or rejected with a reason. The mapping from
 * the CRM's values is data, with defaults for each CRM's standard picklist; a value it does not
 * name (NEW, OPEN, "Open - Not Contacted") says nothing yet and changes nothing.
 */

export const VerdictTarget = z.enum(['sal', 'rejected']);
export type VerdictTarget = z.infer<typeof VerdictTarget>;

const Property = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.]+$/u);

export const VerdictRule = z.object({
  to: VerdictTarget,
  /** A rejection reason's key used when the CRM's reason property is empty. */
  reason: z.string().max(100).optional(),
});
export type VerdictRule = z.infer<typeof VerdictRule>;

export const VerdictMapping = z.object({
  /** Off: nothing is read back. */
  enabled: z.boolean().default(true),
  /** The CRM property sales set: hs_lead_status, Status. */
  statusProperty: Property,
  /** A text property where sales may write why they rejected; null: none. */
  reasonProperty: Property.nullable(),
  /** CRM value (exactly as the CRM stores it) → verdict. */
  values: z.record(z.string().min(1).max(200), VerdictRule),
});
export type VerdictMapping = z.infer<typeof VerdictMapping>;

/** The CRM's standard values; a marketer adds their own (custom picklist entries) in Settings. */
export const DEFAULT_VERDICTS: Partial<Record<ConnectorName, VerdictMapping>> = {
  hubspot: {
    enabled: true,
    statusProperty: 'hs_lead_status',
    reasonProperty: 'leadbooth_rejection_reason',
    values: {
      // Sales took it on: they are working it, it has a deal, or they reached the person.
      IN_PROGRESS: { to: 'sal' },
      OPEN_DEAL: { to: 'sal' },
      CONNECTED: { to: 'sal' },
      UNQUALIFIED: { to: 'rejected' },
      BAD_TIMING: { to: 'rejected', reason: 'too_early' },
    },
  },
  salesforce: {
    enabled: true,
    statusProperty: 'Status',
    reasonProperty: 'LeadBooth_Rejection_Reason__c',
    values: {
      'Working - Contacted': { to: 'sal' },
      'Closed - Converted': { to: 'sal' },
      'Closed - Not Converted': { to: 'rejected' },
    },
  },
};

/**
 * The mapping in force: the user's (null: they turned reading back off), else the CRM's default;
 * null for a connector whose CRM holds no verdict here.
 */
export function effectiveVerdicts(name: ConnectorName, edits: VerdictMapping | null | undefined): VerdictMapping | null {
  if (edits === null) return null;
  const mapping = edits ?? DEFAULT_VERDICTS[name] ?? null;
  return mapping && mapping.enabled ? mapping : null;
}

export interface CrmVerdict {
  to: VerdictTarget;
  /** A rejection reason's key for rejected; null for sal. */
  reason: string | null;
}

/**
 * What sales wrote in the reason property, as a reason key: a key or a label (either language)
 * of the list; anything else goes through trimmed, for the core to accept or refuse against the
 * list in force (it may hold keys this default list lacks).
 */
export function reasonKey(text: string, reasons: readonly RejectionReason[] = DEFAULT_REJECTION_REASONS): string {
  const wanted = text.trim().normalize('NFKC').toLowerCase();
  for (const r of reasons) {
    if (r.key.toLowerCase() === wanted) return r.key;
    if (r.label.ja.normalize('NFKC').toLowerCase() === wanted || r.label.en.toLowerCase() === wanted) return r.key;
  }
  return text.trim().slice(0, 100);
}

/** The verdict a CRM value stands for, or null when it stands for none. */
export function readVerdict(value: string | null, reasonText: string | null, mapping: VerdictMapping): CrmVerdict | null {
  if (value === null || value === '') return null;
  const rule = Object.hasOwn(mapping.values, value) ? mapping.values[value]! : null;
  if (!rule) return null;
  if (rule.to === 'sal') return { to: 'sal', reason: null };
  const given = reasonText?.trim() ? reasonKey(reasonText) : null;
  return { to: 'rejected', reason: given ?? rule.reason ?? 'other' };
}

/** One CRM record's verdict fields as read. */
export interface StatusValue {
  remoteId: string;
  value: string | null;
  reason: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** HubSpot's batch read answer (200, or 207 with errors for ids it could not read). */
export function hubspotStatusValues(body: unknown, mapping: VerdictMapping): StatusValue[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { results?: unknown }).results)) return [];
  const out: StatusValue[] = [];
  for (const r of (body as { results: unknown[] }).results) {
    if (typeof r !== 'object' || r === null) continue;
    const { id, properties } = r as { id?: unknown; properties?: Record<string, unknown> };
    const remoteId = str(id) ?? (typeof id === 'number' ? String(id) : null);
    if (!remoteId) continue;
    out.push({
      remoteId,
      value: str(properties?.[mapping.statusProperty]),
      reason: mapping.reasonProperty ? str(properties?.[mapping.reasonProperty]) : null,
    });
  }
  return out;
}

/** Salesforce's sObject Collections retrieve answer: an array of records, null where an id could not be read. */
export function salesforceStatusValues(body: unknown, mapping: VerdictMapping): StatusValue[] {
  if (!Array.isArray(body)) return [];
  const out: StatusValue[] = [];
  for (const r of body) {
    if (typeof r !== 'object' || r === null) continue;
    const record = r as Record<string, unknown>;
    const remoteId = str(record.Id);
    if (!remoteId) continue;
    out.push({
      remoteId,
      value: str(record[mapping.statusProperty]),
      reason: mapping.reasonProperty ? str(record[mapping.reasonProperty]) : null,
    });
  }
  return out;
}
