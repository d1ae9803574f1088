import { classifyPair, type DedupeSubject, type Verdict } from './rules';

/**
 * Every candidate pair among many leads without comparing every lead with every other (100,000
 * leads are 5·10⁹ pairs). Leads are blocked by the keys a rule needs to be equal — the email;
 * the name with the company; the name with the phone — and inside a block every lead is
 * compared with the block's first lead only: the rules that put two leads in one block hold
 * for each with the first, and merging or linking is transitive, so a star finds what the full
 * block would at a cost linear in the number of leads.
 */

export interface ScanLead extends DedupeSubject {
  eventId: string;
  personId: string | null;
}

export interface CandidatePair {
  a: string;
  b: string;
  /** Same event: a merge; different events: a link to one person. */
  scope: 'event' | 'person';
  verdict: Extract<Verdict, { kind: 'auto' | 'suggest' }>;
}

/** A pair's key, smaller id first (duplicate_pairs keeps lead_a < lead_b). */
export const pairKey = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * The blocks, keyed by the keys as stored (flat strings whose hashes V8 keeps) rather than by
 * built strings, and holding a lone lead itself until a second one comes: building 300,000
 * key strings and as many block objects was most of a scan's time, most of it collecting them.
 */
type Slot = ScanLead | Block;
const isBlock = (slot: Slot): slot is Block => (slot as Block).byEvent !== undefined;

class Blocks {
  private readonly byEmail = new Map<string, Slot>();
  private readonly byName = new Map<string, { company: Map<string, Slot>; phone: Map<string, Slot> }>();

  /** Calls `meet` with the block of each key this lead shares with a lead seen before. */
  visit(lead: ScanLead, meet: (block: Block) => void): void {
    if (lead.emailKey) take(this.byEmail, lead.emailKey, lead, meet);
    if (!lead.nameKey) return;
    let name = this.byName.get(lead.nameKey);
    if (!name) this.byName.set(lead.nameKey, (name = { company: new Map(), phone: new Map() }));
    // An account and a company name can both stand for one company (one lead linked, one not yet).
    if (lead.accountId) take(name.company, lead.accountId, lead, meet);
    if (lead.companyKey) take(name.company, `c:${lead.companyKey}`, lead, meet);
    if (lead.phoneKey) take(name.phone, lead.phoneKey, lead, meet);
  }
}

function take(map: Map<string, Slot>, key: string, lead: ScanLead, meet: (block: Block) => void): void {
  const slot = map.get(key);
  if (slot === undefined) {
    map.set(key, lead);
    return;
  }
  let block: Block;
  if (isBlock(slot)) block = slot;
  else map.set(key, (block = { first: slot, byEvent: null }));
  meet(block);
}

/**
 * Candidate pairs, in input order; the first lead of a block is the one the others are
 * compared with. `isDismissed` says whether a person told a pair apart.
 */
export function candidatePairs(leads: readonly ScanLead[], isDismissed: (a: string, b: string) => boolean = () => false): CandidatePair[] {
  // One entry per block: its first lead, and (made when a second event shows up) the first
  // lead of each other event. Most blocks hold one lead, so most entries stay this small.
  const blocks = new Blocks();
  const seen = new Set<string>();
  const out: CandidatePair[] = [];

  function consider(first: ScanLead, lead: ScanLead) {
    const scope = first.eventId === lead.eventId ? 'event' : 'person';
    // Leads already linked to one person need no link suggestion.
    if (scope === 'person' && first.personId !== null && first.personId === lead.personId) return;
    const [a, b] = pairKey(first.id, lead.id);
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) return;
    seen.add(key);
    const verdict = classifyPair(first, lead, isDismissed(a, b));
    if (verdict.kind === 'auto' || verdict.kind === 'suggest') out.push({ a, b, scope, verdict });
  }

  for (const lead of leads) {
    blocks.visit(lead, (block) => {
      // Within the event: against its first lead there. Across events: an event's first lead
      // against the block's first, so a person met at four shows makes three links, not six.
      const { first } = block;
      if (first.eventId === lead.eventId) {
        consider(first, lead);
        return;
      }
      block.byEvent ??= new Map();
      const firstHere = block.byEvent.get(lead.eventId);
      if (firstHere) consider(firstHere, lead);
      else {
        block.byEvent.set(lead.eventId, lead);
        consider(first, lead);
      }
    });
  }
  return out;
}

interface Block {
  first: ScanLead;
  /** The first lead of each other event in the block; null until a second event shows up. */
  byEvent: Map<string, ScanLead> | null;
}
