import type Database from 'better-sqlite3';
import { classifyPair, type Verdict } from '../../../shared/dedupe/rules';
import { candidatePairs, type ScanLead } from '../../../shared/dedupe/scan';
import type { ScanResult } from '../../../shared/dedupe/api';
import { leadStore } from '../store/lead-store';
import type { MergePersonLinks, MergeSnapshot } from '../store/lead-merge';
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
      const done = writer.merge(survivor.id, other.id, { rule: verdict.rule, auto: true, actor: null }, now);
      store.setPair(x.id, y.id, { scope, rule: verdict.rule, state: 'merged', by: null, at: now, decided: false });
      afterMerge(done.mergeId, survivor.id, now);
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

  /** While a merge's own links are made (afterMerge): each link, for its record. */
  let recording: MergePersonLinks | null = null;

  /** Every live lead of `from` joins person `into`. */
  function linkPersons(into: string, from: string | null): void {
    if (from === null || from === into) return;
    for (const id of store.leadsOfPerson(from)) {
      const row = leads.get(id);
      if (!row) continue;
      writer.setPerson(row, into);
      recording?.leads.push({ id, from, to: into });
    }
    store.mergePerson(from, into);
    recording?.persons.push({ from, into });
  }

  /**
   * Right after a merge: the survivor's new keys (an email the merged lead brought) may meet
   * leads of other events. They are linked now, not on the writer's next round, so the merge's
   * record holds the links it brought about and its undo can take them back. Another lead of
   * the same event is another merge with its own record: that is left to afterWrites.
   */
  function afterMerge(mergeId: string, survivorId: string, now: number): void {
    const survivor = leads.get(survivorId);
    if (!survivor || survivor.deletedAt !== null) return;
    const links: MergePersonLinks = { leads: [], persons: [] };
    recording = links;
    try {
      for (const other of store.candidates(survivor)) {
        if (other.eventId === survivor.eventId) continue;
        // Read again: a link just made may have changed its person.
        const me = leads.get(survivorId)!;
        const dismissed = store.pair(me.id, other.id)?.state === 'dismissed';
        apply(me, other, classifyPair(me, other, dismissed), now);
      }
    } finally {
      recording = null;
    }
    if (links.leads.length > 0 || links.persons.length > 0) store.notePersonLinks(mergeId, links);
  }

  /**
   * Undoing a merge: each lead its links moved goes back to the person it had, and each person
   * merge is taken back, unless something moved them since (a person's "not the same person").
   */
  function undoLinks(snapshot: MergeSnapshot): void {
    const links = snapshot.personLinks;
    if (!links) return;
    for (const move of [...links.leads].reverse()) {
      const row = leads.get(move.id);
      if (row && row.personId === move.to) writer.setPerson(row, move.from);
    }
    for (const person of links.persons) store.unmergePerson(person.from, person.into);
  }

  /** After a write (the writer's afterWrites): each lead against the leads sharing its keys. */
  function afterWrites(ids: ReadonlySet<string>, created: ReadonlySet<string>): void {
    const now = clock();
    for (const id of ids) {
      let me = leads.get(id);
      if (!me || me.deletedAt !== null) continue;
      for (const other of store.candidates(me)) {
        // A pair a person decided is left alone by apply itself, which reads its record only
        // for a match: the usual capture, with no match, reads no pair and no row again.
        const outcome = apply(me, other, classifyPair(me, other), now, created);
        if (outcome === null) continue;
        // A merge or link changed this lead (its values, its person, or merged it away).
        me = leads.get(id);
        if (!me || me.deletedAt !== null) break;
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

  return { afterWrites, afterMerge, undoLinks, scan, linkPersons, store };
}
export type DedupeRules = ReturnType<typeof dedupeRules>;
