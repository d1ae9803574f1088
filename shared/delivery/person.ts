import { z } from 'zod';
import { selected, type DeliveryScope, type ScopedLead } from './policy';

/**
 * One contact per person (名寄せ). CRMs keep email unique, so the same human met at two shows
 * must reach them as one contact: a batch's outbox rows (one per lead) are grouped by person,
 * each group sends its person's latest lead under one contact key, and every row of the group
 * takes that send's answer. Each lead keeps its own bookkeeping (crm_records) all the same.
 */

/** One event the person was met at: a lead of theirs, as the CRM records it (a note, a list, the webhook's list). */
export const DeliveryEvent = z.object({
  leadId: z.string(),
  eventId: z.string(),
  eventName: z.string().nullable(),
  capturedAt: z.iso.datetime(),
  status: z.string(),
});
export type DeliveryEvent = z.infer<typeof DeliveryEvent>;

/** A lead of a person, as the planner needs it (times in ms). */
export interface PersonLead extends ScopedLead {
  id: string;
  personId: string | null;
  eventName: string | null;
  capturedAt: number;
  updatedAt: number;
  /**
   * The value this lead's contact holds in the connector's id property when the lead was
   * delivered to it (null: never delivered). Rows from before persons hold the lead id.
   */
  contactKey: string | null;
  /** When it was delivered to this connector (ms), or null. */
  deliveredAt: number | null;
}

/** One send: the person's latest lead under its contact key, answering for the claimed rows. */
export interface DeliveryUnit {
  /** The lead whose values go: the person's most recently captured live lead the scope covers. */
  leadId: string;
  /** The claimed outbox rows (lead ids) this send answers for. */
  leadIds: string[];
  contactKey: string;
  /** The person's events the scope covers, oldest first. */
  events: DeliveryEvent[];
}

/** The person a lead belongs to; a lead not linked yet (old rows before the backfill) is its own person. */
export const personOf = (lead: { id: string; personId: string | null }): string => lead.personId ?? lead.id;

/** Newest capture first; the later edit, then the id, break ties so the choice never wavers. */
const newer = (a: PersonLead, b: PersonLead) => b.capturedAt - a.capturedAt || b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The contact key a person's send goes under. A key the CRM already holds wins — the rep's own,
 * else the most recently delivered one — so a person formed after a delivery (or linked by name
 * and phone, with another email) keeps updating the contact it has instead of making a second.
 * Otherwise the person's id.
 */
export function contactKeyOf(person: readonly PersonLead[], rep: PersonLead): string {
  if (rep.contactKey) return rep.contactKey;
  const known = person.filter((l) => l.contactKey !== null).sort((a, b) => (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0));
  return known[0]?.contactKey ?? personOf(rep);
}

/**
 * Groups claimed rows by person. `leads` holds the claimed leads and every other lead of their
 * persons (deleted and merged ones too: their contact keys count). The lead that goes is the
 * latest live one the scope covers (selected by the policy, or delivered already, or claimed
 * now): a lead of an excluded event never lends its values to another event's send.
 */
export function planUnits(claimed: readonly string[], leads: readonly PersonLead[], scope: DeliveryScope): DeliveryUnit[] {
  const byId = new Map(leads.map((l) => [l.id, l]));
  const byPerson = new Map<string, PersonLead[]>();
  for (const l of leads) {
    const key = personOf(l);
    const list = byPerson.get(key);
    if (list) list.push(l);
    else byPerson.set(key, [l]);
  }
  const claimedSet = new Set(claimed);
  const units = new Map<string, DeliveryUnit>();
  for (const id of claimed) {
    const lead = byId.get(id);
    if (!lead) continue;
    const personKey = personOf(lead);
    const found = units.get(personKey);
    if (found) {
      found.leadIds.push(id);
      continue;
    }
    const person = byPerson.get(personKey) ?? [lead];
    const covered = person
      .filter((l) => !l.deleted && !scope.excludeEvents.includes(l.eventId)
        && (claimedSet.has(l.id) || l.deliveredAt !== null || selected(l, scope)))
      .sort(newer);
    const rep = covered[0] ?? lead;
    units.set(personKey, {
      leadId: rep.id,
      leadIds: [id],
      contactKey: contactKeyOf(person, rep),
      events: [...covered].reverse().map((l) => ({
        leadId: l.id,
        eventId: l.eventId,
        eventName: l.eventName,
        capturedAt: new Date(l.capturedAt).toISOString(),
        status: l.status,
      })),
    });
  }
  return [...units.values()];
}

/**
 * The events each contact a batch delivered met its person at: (CRM record id, event) for
 * every lead the CRM answered done with an id. What each connector records per event (a
 * HubSpot list, a Salesforce campaign) differs; which pairs to record does not.
 */
export function deliveredEvents(
  leads: readonly { id: string; events?: readonly DeliveryEvent[] }[],
  results: readonly { leadId: string; outcome: string; remoteId?: string | null }[],
): { remoteId: string; event: DeliveryEvent }[] {
  const remoteOf = new Map(results.flatMap((r) => (r.outcome === 'done' && r.remoteId ? [[r.leadId, r.remoteId] as const] : [])));
  return leads.flatMap((lead) => {
    const remoteId = remoteOf.get(lead.id);
    return remoteId ? (lead.events ?? []).map((event) => ({ remoteId, event })) : [];
  });
}
