import type { Handlers } from '../../../shared/api';
import { AUTO_RULES } from '../../../shared/dedupe/rules';
import type { DuplicatePair, PairState } from '../../../shared/dedupe/api';
import { AppError } from '../../../shared/errors';
import { iso } from '../../../shared/time';
import type { CoreDeps } from '../deps';
import type { SettingsStore } from '../settings';
import { FULL_SELECT, leadStore, toLead, type FullLeadRow, type LeadRow } from '../store/lead-store';
import type { MergeSnapshot } from '../store/lead-merge';
import type { LeadWriter } from '../store/lead-writer';
import type { DedupeRules } from './apply';

type DedupeHandlers = Pick<
  Handlers,
  'duplicates.list' | 'duplicates.merge' | 'duplicates.dismiss' | 'duplicates.scan' | 'leads.merge' | 'leads.unmerge' | 'person.leads'
>;

const STATES: Record<'open' | 'done' | 'all', PairState[]> = {
  open: ['suggested', 'undone'],
  done: ['merged', 'linked'],
  all: ['suggested', 'undone', 'merged', 'linked', 'dismissed'],
};

const AUTO: ReadonlySet<string> = new Set(AUTO_RULES);

export function dedupeHandlers(deps: CoreDeps, settings: SettingsStore, writer: LeadWriter, rules: DedupeRules): DedupeHandlers {
  const { sqlite } = deps;
  const leads = leadStore(sqlite);
  const store = rules.store;
  const actorOf = (staff: string | undefined) => staff ?? settings.get().staffName;

  // Both leads of a pair in one row; a merged-away lead is still there (soft-deleted).
  const pairColumns = (alias: string) => FULL_SELECT.replaceAll('l.', `${alias}.`).replace(/ AS (\w+)/gu, ` AS ${alias}_$1`);
  const pairFrom = (withEvent: boolean, states: PairState[]) => `
    FROM duplicate_pairs p JOIN leads a ON a.id = p.lead_a JOIN leads b ON b.id = p.lead_b
    WHERE p.state IN (${states.map((s) => `'${s}'`).join(', ')})${withEvent ? ' AND (a.event_id = @eventId OR b.event_id = @eventId)' : ''}`;
  const listSql = (withEvent: boolean, states: PairState[]) => `
    SELECT p.scope, p.rule, p.state, p.created_at AS createdAt,
      (SELECT m.id FROM merges m WHERE m.undone_at IS NULL AND ((m.survivor_id = p.lead_a AND m.merged_id = p.lead_b)
        OR (m.survivor_id = p.lead_b AND m.merged_id = p.lead_a)) ORDER BY m.at DESC LIMIT 1) AS mergeId,
      (SELECT m.auto FROM merges m WHERE m.undone_at IS NULL AND ((m.survivor_id = p.lead_a AND m.merged_id = p.lead_b)
        OR (m.survivor_id = p.lead_b AND m.merged_id = p.lead_a)) ORDER BY m.at DESC LIMIT 1) AS mergeAuto,
      ${pairColumns('a')}, ${pairColumns('b')}
    ${pairFrom(withEvent, states)} ORDER BY p.created_at DESC, p.lead_a, p.lead_b LIMIT @limit OFFSET @offset`;
  const statements = new Map<string, { rows: ReturnType<typeof sqlite.prepare>; count: ReturnType<typeof sqlite.prepare> }>();
  function listStatements(withEvent: boolean, state: keyof typeof STATES) {
    const key = `${withEvent}:${state}`;
    let s = statements.get(key);
    if (!s) {
      s = {
        rows: sqlite.prepare(listSql(withEvent, STATES[state])),
        count: sqlite.prepare(`SELECT count(*) ${pairFrom(withEvent, STATES[state])}`).pluck(),
      };
      statements.set(key, s);
    }
    return s;
  }

  function split(row: Record<string, unknown>, alias: 'a' | 'b'): LeadRow {
    const out: Record<string, unknown> = {};
    const prefix = `${alias}_`;
    for (const [key, value] of Object.entries(row)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
    const { fieldTimes: _f, payloadKey: _p, emailKey: _e, nameKey: _n, phoneKey: _k, mergedInto: _m, ...lead } = out;
    return lead as unknown as LeadRow;
  }

  function live(id: string): FullLeadRow {
    const row = leads.get(id);
    if (!row || row.deletedAt !== null) throw new AppError('dedupe.not_found', `No live lead ${id}`);
    return row;
  }

  const confirm = writer.transaction((a: string, b: string, survivorId: string, actor: string | null, now: number) => {
    if (a === b) throw new AppError('dedupe.same_lead', 'A lead is not its own duplicate');
    if (survivorId !== a && survivorId !== b) throw new AppError('dedupe.not_in_pair', `${survivorId} is neither lead of the pair`);
    const otherId = survivorId === a ? b : a;
    const survivor = live(survivorId);
    const other = live(otherId);
    const rule = store.pair(a, b)?.rule ?? 'manual';
    if (survivor.eventId === other.eventId) {
      const done = writer.merge(survivor.id, other.id, { rule, auto: false, actor }, now);
      store.setPair(a, b, { scope: 'event', rule, state: 'merged', by: actor, at: now, decided: true });
      rules.afterMerge(done.mergeId, survivor.id, now);
      return { mergeId: done.mergeId, survivor: toLead(live(survivor.id)), other: toLead(done.other) };
    }
    // Two events: one person with a lead at each, linked, never merged.
    if (survivor.personId !== null) rules.linkPersons(survivor.personId, other.personId);
    store.setPair(a, b, { scope: 'person', rule, state: 'linked', by: actor, at: now, decided: true });
    return { mergeId: null, survivor: toLead(live(survivorId)), other: toLead(live(otherId)) };
  });

  const dismiss = writer.transaction((a: string, b: string, actor: string | null, now: number) => {
    if (a === b) throw new AppError('dedupe.same_lead', 'A lead is not its own duplicate');
    const x = leads.get(a);
    const y = leads.get(b);
    if (!x || !y) throw new AppError('dedupe.not_found', `No lead ${!x ? a : b}`);
    const scope = x.eventId === y.eventId ? 'event' : 'person';
    store.setPair(a, b, { scope, rule: store.pair(a, b)?.rule ?? 'manual', state: 'dismissed', by: actor, at: now, decided: true });
    // Linked to one person by the rules: told apart now, the later lead becomes a person of its own.
    if (x.personId !== null && x.personId === y.personId) {
      const later = x.capturedAt <= y.capturedAt ? y : x;
      writer.setPerson(later, store.newPerson(deps.newId(), now));
    }
    return { state: 'dismissed' as const };
  });

  const merge = writer.transaction((survivorId: string, otherId: string, actor: string | null, now: number) => {
    const rule = store.pair(survivorId, otherId)?.rule ?? 'manual';
    const done = writer.merge(survivorId, otherId, { rule, auto: false, actor }, now);
    store.setPair(survivorId, otherId, { scope: 'event', rule, state: 'merged', by: actor, at: now, decided: true });
    rules.afterMerge(done.mergeId, survivorId, now);
    return { mergeId: done.mergeId, survivor: toLead(live(survivorId)), other: toLead(done.other) };
  });

  const unmerge = writer.transaction((mergeId: string, actor: string | null, now: number) => {
    const done = writer.unmerge(mergeId, actor, now);
    rules.undoLinks(JSON.parse(done.row.snapshot) as MergeSnapshot);
    // Undone: shown to a person again, and never merged again by itself.
    store.setPair(done.row.survivorId, done.row.mergedId, { scope: 'event', rule: done.row.rule, state: 'undone', by: actor, at: now, decided: true });
    return { survivor: toLead(done.survivor), restored: toLead(done.restored) };
  });

  const scan = writer.transaction((eventId: string | undefined) => rules.scan(eventId));

  const personLeads = sqlite.prepare(`
    SELECT ${FULL_SELECT}, e.name AS eventName, e.starts_on AS eventStartsOn FROM leads l JOIN events e ON e.id = l.event_id
    WHERE l.person_id = ? AND l.event_id <> ? AND l.deleted_at IS NULL ORDER BY l.captured_at DESC LIMIT 100`);

  return {
    'duplicates.list': ({ eventId, state, offset, limit }) => {
      const s = listStatements(eventId !== undefined, state);
      const params = { eventId, offset, limit };
      const rows = (s.rows.all(params) as Record<string, unknown>[]).map((row): DuplicatePair => {
        const pairState = row.state as PairState;
        return {
          a: toLead(split(row, 'a')),
          b: toLead(split(row, 'b')),
          scope: row.scope as DuplicatePair['scope'],
          rule: row.rule as DuplicatePair['rule'],
          auto: pairState === 'merged' ? row.mergeAuto === 1 : pairState === 'linked' ? false : AUTO.has(row.rule as string) && pairState !== 'undone',
          state: pairState,
          mergeId: (row.mergeId as string | null) ?? null,
          createdAt: iso(row.createdAt as number),
        };
      });
      return { total: s.count.get(params) as number, rows };
    },
    'duplicates.merge': ({ a, b, survivorId, staff }) => confirm(a, b, survivorId, actorOf(staff), deps.clock()),
    'duplicates.dismiss': ({ a, b, staff }) => dismiss(a, b, actorOf(staff), deps.clock()),
    'duplicates.scan': ({ eventId }) => scan(eventId),
    'leads.merge': ({ survivorId, otherId, staff }) => merge(survivorId, otherId, actorOf(staff), deps.clock()),
    'leads.unmerge': ({ mergeId, staff }) => unmerge(mergeId, actorOf(staff), deps.clock()),
    'person.leads': ({ leadId }) => {
      const row = leads.get(leadId);
      if (!row) throw new AppError('dedupe.not_found', `No lead ${leadId}`);
      if (row.personId === null) return [];
      return (personLeads.all(row.personId, row.eventId) as (FullLeadRow & { eventName: string; eventStartsOn: string | null })[]).map(
        ({ eventName, eventStartsOn, ...lead }) => ({ lead: toLead(lead), event: { id: lead.eventId, name: eventName, startsOn: eventStartsOn } }),
      );
    },
  };
}
