import type Database from 'better-sqlite3';
import { classifyPair, type Verdict } from '../../../shared/dedupe/rules';
import { candidatePairs, type ScanLead } from '../../../shared/dedupe/scan';
import type { ScanResult } from '../../../shared/dedupe/api';
import { leadStore } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import { dedupeStore } from './store';

/**
 * What the rules' verdict on a pair does. Within an event: an automatic match is merged into
 * the lead captured first, as a device bundle does (so a later bundle of either converges on
 * the same survivor), but for a lead made in this very write (a capture, a manual entry at the
 * door): that one lives on, because the booth's card shows it and the staff's rating and
 * answers go to it next. A suggested match waits in duplicate_pairs for a person. Across events:
 * leads are never merged (a visitor of two shows is one lead per show); an automatic match
 * shares the person (the linker does that at write), a suggested one waits for a person.
 * A pair a person told apart is never merged or suggested again, and a merge a person undid
 * is never redone by itself.
 */
const NONE: ReadonlySet<string> = new Set();

export function dedupeRules(sqlite: Database.Database, writer: LeadWriter, clock: () => number) {
  const store = dedupeStore(sqlite);
  const leads = leadStore(sqlite);

  type Outcome = 'merged' | 'suggested' | 'linked' | null;

  function apply(x: ScanLead, y: ScanLead, verdict: Verdict, now: number, created: ReadonlySet<string> = NONE): Outcome {
    if (verdict.kind !== 'auto' && verdict.kind !== 'suggest') return null;
    const known = store.pair(x.id, y.id);
    if (known && known.state !== 'suggested') {
      // Decided already (dismissed, merged, linked), or undone: a person's word stands.
      return null;
    }
    const scope = x.eventId === y.eventId ? 'event' : 'person';
    if (scope === 'event' && verdict.kind === 'auto') {
      const a = leads.get(x.id);
      const b = leads.get(y.id);
      if (!a || !b || a.deletedAt !== null || b.deletedAt !== null) return null;
      const first = created.has(a.id) !== created.has(b.id)
        ? created.has(a.id)
        : a.capturedAt < b.capturedAt || (a.capturedAt === b.capturedAt && a.id < b.id);
      const [survivor, other] = first ? [a, b] : [b, a];
      writer.merge(survivor.id, other.id, { rule: verdict.rule, auto: true, actor: null }, now);
      store.setPair(x.id, y.id, { scope, rule: verdict.rule, state: 'merged', by: null, at: now, decided: false });
      return 'merged';
    }
    if (scope === 'person' && verdict.kind === 'auto') {
      if (x.personId === null || x.personId === y.personId) return null;
      // Found by a scan: two people the linker kept apart (stored before 名寄せ): one person now.
      const b = leads.get(y.id);
      if (!b) return null;
      linkPersons(x.personId, b.personId);
      return 'linked';
    }
    if (scope === 'person' && x.personId !== null && x.personId === y.personId) return null;
    if (known) return null;
    store.setPair(x.id, y.id, { scope, rule: verdict.rule, state: 'suggested', by: null, at: now, decided: false });
    return 'suggested';
  }

  /** Every live lead of `from` joins person `into`. */
  function linkPersons(into: string, from: string | null): void {
    if (from === null || from === into) return;
    for (const id of store.leadsOfPerson(from)) {
      const row = leads.get(id);
      if (row) writer.setPerson(row, into);
    }
    store.mergePerson(from, into);
  }

  /** After a write (the writer's afterWrites): each lead against the leads sharing its keys. */
  function afterWrites(ids: ReadonlySet<string>, created: ReadonlySet<string>): void {
    const now = clock();
    for (const id of ids) {
      const row = leads.get(id);
      if (!row || row.deletedAt !== null) continue;
      for (const other of store.candidates(row)) {
        const me = leads.get(id);
        if (!me || me.deletedAt !== null) break;
        const dismissed = store.pair(id, other.id)?.state === 'dismissed';
        apply(me, other, classifyPair(me, other, dismissed), now, created);
      }
    }
  }

  /** Every candidate pair of one event, or everywhere, found by blocking (shared/dedupe/scan.ts) and acted on. */
  function scan(eventId?: string): ScanResult {
    const now = clock();
    const rows = store.subjects(eventId);
    const apart = store.decidedApart();
    const pairs = candidatePairs(rows, (a, b) => apart.dismissed.has(`${a}\u0000${b}`));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const result: ScanResult = { pairs: pairs.length, merged: 0, suggested: 0, linked: 0 };
    for (const pair of pairs) {
      const outcome = apply(byId.get(pair.a)!, byId.get(pair.b)!, pair.verdict, now);
      if (outcome) result[outcome]++;
    }
    return result;
  }

  return { afterWrites, scan, linkPersons, store };
}
export type DedupeRules = ReturnType<typeof dedupeRules>;
