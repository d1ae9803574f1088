import type Database from 'better-sqlite3';
import type { AttentionItem } from '../../shared/delivery/api';
import type { ConnectorName } from '../../shared/delivery/connectors';
import type { DeliveryLead } from '../../shared/delivery/fields';
import { planUnits, type DeliveryUnit, type PersonLead } from '../../shared/delivery/person';
import type { DeliveryScope } from '../../shared/delivery/policy';
import type { LeadStatus } from '../../shared/triage/status';
import type { Answers } from '../../shared/qualify/answers';
import { iso } from '../../shared/time';
import { LEAD_SELECT, toLead, type LeadRow } from '../core/store/lead-store';

type DeliveryRow = LeadRow & { eventName: string | null; crmOwnerSent: string | null };

/** Reads leads as they leave for a CRM: their state now, not when they were queued. */
export function leadReader(sqlite: Database.Database) {
  const byIds = sqlite.prepare(`
    SELECT ${LEAD_SELECT}, e.name AS eventName, r.owner_sent AS crmOwnerSent
    FROM leads l LEFT JOIN events e ON e.id = l.event_id
      LEFT JOIN crm_records r ON r.lead_id = l.id AND r.connector = @connector
    WHERE l.id IN (SELECT value FROM json_each(@ids))`);
  const attention = sqlite.prepare(`
    SELECT o.connector AS connector, o.last_error AS message, o.attempts AS attempts, o.updated_at AS at, ${LEAD_SELECT}
    FROM outbox o JOIN leads l ON l.id = o.lead_id
    WHERE o.state = 'attention' AND (@connector IS NULL OR o.connector = @connector)
      AND (@eventId IS NULL OR l.event_id = @eventId)
    ORDER BY o.updated_at DESC, o.id DESC LIMIT @limit`);

  // The claimed leads and every lead of their persons, with what this connector holds of each.
  const personLeadsStmt = sqlite.prepare(`
    WITH claimed AS (SELECT l.id, l.person_id FROM leads l WHERE l.id IN (SELECT value FROM json_each(@ids)))
    SELECT l.id, l.person_id AS personId, l.event_id AS eventId, e.name AS eventName, l.captured_at AS capturedAt,
      l.updated_at AS updatedAt, l.status, l.ready_at AS readyAt, l.deleted_at IS NOT NULL AS deleted,
      CASE WHEN r.lead_id IS NULL THEN NULL ELSE coalesce(r.contact_key, r.lead_id) END AS contactKey,
      r.delivered_at AS deliveredAt
    FROM leads l LEFT JOIN events e ON e.id = l.event_id
      LEFT JOIN crm_records r ON r.lead_id = l.id AND r.connector = @connector
    WHERE l.id IN (SELECT id FROM claimed)
      OR l.person_id IN (SELECT person_id FROM claimed WHERE person_id IS NOT NULL)`);

  const mergedIntoStmt = sqlite.prepare('SELECT merged_into FROM leads WHERE id = ?').pluck();
  const existingIds = sqlite.prepare('SELECT id FROM leads WHERE id IN (SELECT value FROM json_each(?))').pluck();
  // The form's current question keys, in its order (read-only: an event that never opened its
  // form has none, and its answers keep the order they were given in).
  const formKeys = sqlite
    .prepare(`SELECT j.value ->> '$.key' FROM forms f, json_each(f.questions) j
              WHERE f.event_id = ? AND f.version = (SELECT MAX(version) FROM forms WHERE event_id = f.event_id)
              ORDER BY j.key`)
    .pluck();
  const uiLanguage = sqlite.prepare("SELECT value FROM settings WHERE key = 'language'").pluck();

  /** The settings' UI language; Japanese when it follows the system (delivery has no system to ask). */
  function language(): DeliveryLead['language'] {
    const stored = uiLanguage.get() as string | undefined;
    return stored === '"en"' ? 'en' : 'ja';
  }

  /** Answers in the order of the event's form, then any others as they were. */
  function inFormOrder(answers: Answers, keys: readonly string[]): Answers {
    const order = new Map(keys.map((key, i) => [key, i]));
    const rank = (key: string) => order.get(key) ?? order.size;
    return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => rank(a) - rank(b)));
  }

  return {
    /**
     * The claimed rows grouped by person (shared/delivery/person.ts): one send per person, its
     * latest lead's values under the contact key the CRM knows it by.
     */
    units(ids: readonly string[], connector: ConnectorName, scope: DeliveryScope): DeliveryUnit[] {
      type Row = Omit<PersonLead, 'deleted' | 'status'> & { deleted: number; status: LeadStatus };
      const rows = personLeadsStmt.all({ ids: JSON.stringify(ids), connector }) as Row[];
      return planUnits(ids, rows.map((r) => ({ ...r, deleted: r.deleted === 1 })), scope);
    },
    /** Each unit's lead as it leaves for this connector, with the person's contact key and events. */
    deliveryOf(units: readonly DeliveryUnit[], connector: ConnectorName): DeliveryLead[] {
      const byId = new Map(units.map((u) => [u.leadId, u]));
      return this.delivery(units.map((u) => u.leadId), connector).map((lead) => {
        const unit = byId.get(lead.id)!;
        return { ...lead, contactKey: unit.contactKey, events: unit.events };
      });
    },
    /** The lead this one was merged into (名寄せ), or null (not merged, or the merge undone). */
    mergedInto: (leadId: string): string | null => (mergedIntoStmt.get(leadId) as string | null | undefined) ?? null,
    existing: (ids: readonly string[]): string[] => existingIds.all(JSON.stringify(ids)) as string[],
    /** In the order asked, as they leave for this connector; a lead that no longer exists is left out. */
    delivery(ids: readonly string[], connector: ConnectorName): DeliveryLead[] {
      const rows = new Map<string, DeliveryRow>();
      for (const row of byIds.all({ ids: JSON.stringify(ids), connector }) as DeliveryRow[]) rows.set(row.id, row);
      const out: DeliveryLead[] = [];
      const lang = language();
      const forms = new Map<string, string[]>();
      for (const id of ids) {
        const row = rows.get(id);
        if (!row) continue;
        const { eventName, crmOwnerSent, ...lead } = row;
        const parsed = toLead(lead);
        let keys = forms.get(parsed.eventId);
        if (!keys) forms.set(parsed.eventId, (keys = formKeys.all(parsed.eventId) as string[]));
        out.push({
          ...parsed,
          answers: inFormOrder(parsed.answers, keys),
          eventName,
          language: lang,
          crmOwnerSent,
        });
      }
      return out;
    },
    attention(connector: ConnectorName | null, eventId: string | null, limit: number): AttentionItem[] {
      type Row = LeadRow & { connector: ConnectorName; message: string | null; attempts: number; at: number };
      return (attention.all({ connector, eventId, limit }) as Row[]).map(({ connector: c, message, attempts, at, ...lead }) => ({
        connector: c,
        message: message ?? '',
        attempts,
        at: iso(at),
        lead: toLead(lead),
      }));
    },
  };
}
export type LeadReader = ReturnType<typeof leadReader>;
