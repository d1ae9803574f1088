import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { mergeLeads, type LostValue } from '../../../shared/dedupe/merge';
import { rowFromState, stateFromRow } from './bundle-store';
import type { FullLeadRow, LeadValues } from './lead-store';
import { leadStore } from './lead-store';

/**
 * Merging two leads of one person at one event (名寄せ), and taking a merge back. Used by the
 * lead writer only (lead-writer.ts: `merge`, `unmerge`), which gives it its own primitives, so
 * the rows are written where every other lead write is and derived values stay in step.
 *
 * The merge keeps everything of both: the survivor takes each field from the newer edit and
 * every touch, status change and photo of the other; the other is soft-deleted with
 * merged_into set (delivery merges it in the CRM as well); the values that lost are in the
 * merge touch's detail. One `merges` row holds both rows as they were and the ids of what
 * moved, so undo puts back exactly that and nothing that happened since.
 */

export interface MergeCause {
  rule: string;
  auto: boolean;
  actor: string | null;
}

/**
 * Person links across events the merge brought about (core/dedupe/apply.ts `afterMerge`): the
 * survivor's new keys met leads of other events, whose persons joined the survivor's. Undo
 * puts back each lead still where the merge put it, and each person merge.
 */
export interface MergePersonLinks {
  leads: { id: string; from: string; to: string }[];
  persons: { from: string; into: string }[];
}

export interface MergeSnapshot {
  survivor: FullLeadRow;
  other: FullLeadRow;
  touches: string[];
  statuses: string[];
  photos: string[];
  /** Absent on merges that linked no other lead (and on merges recorded before links were). */
  personLinks?: MergePersonLinks;
}

export interface MergeRow {
  id: string;
  survivorId: string;
  mergedId: string;
  rule: string;
  auto: number;
  actor: string | null;
  at: number;
  undoneAt: number | null;
  snapshot: string;
}

/** What the lead writer lends: its writes, so this module never writes a lead row itself. */
export interface MergeWrites {
  newId: () => string;
  change: (current: FullLeadRow, values: LeadValues, touch: { kind: 'merge' | 'restore'; staff: string | null; detail: Record<string, unknown> } | null, at: number, cause?: { source: 'app'; actor: string | null } | null) => FullLeadRow;
  restore: (row: FullLeadRow, at: number, actor: string | null) => FullLeadRow;
}

export function leadMerge(sqlite: Database.Database, writes: MergeWrites) {
  const leads = leadStore(sqlite);
  const ids = (table: string) => sqlite.prepare(`SELECT id FROM ${table} WHERE lead_id = ? ORDER BY rowid`).pluck();
  const touchIds = ids('touches');
  const statusIds = ids('status_changes');
  const photoIds = sqlite.prepare('SELECT id FROM lead_photos WHERE lead_id = ? ORDER BY rowid').pluck();
  const moveTouch = sqlite.prepare('UPDATE touches SET lead_id = ? WHERE id = ?');
  const moveStatus = sqlite.prepare('UPDATE status_changes SET lead_id = ? WHERE id = ?');
  // OR IGNORE: a picture the survivor already has (same bytes) stays with the merged lead.
  const movePhoto = sqlite.prepare('UPDATE OR IGNORE lead_photos SET lead_id = ? WHERE id = ?');
  const insertMerge = sqlite.prepare(`
    INSERT INTO merges (id, survivor_id, merged_id, rule, auto, actor, at, undone_at, snapshot)
    VALUES (@id, @survivorId, @mergedId, @rule, @auto, @actor, @at, NULL, @snapshot)`);
  const getMerge = sqlite.prepare(`
    SELECT id, survivor_id AS survivorId, merged_id AS mergedId, rule, auto, actor, at, undone_at AS undoneAt, snapshot
    FROM merges WHERE id = ?`);
  const markUndone = sqlite.prepare('UPDATE merges SET undone_at = ? WHERE id = ?');

  function moveAll(list: readonly string[], stmt: Database.Statement, to: string): string[] {
    return list.filter((id) => stmt.run(to, id).changes === 1);
  }

  function live(id: string): FullLeadRow {
    const row = leads.get(id);
    if (!row || row.deletedAt !== null) throw new AppError('dedupe.not_found', `No live lead ${id}`);
    return row;
  }

  /** Folds `otherId` into `survivorId`; answers the merge's id and both rows as written. */
  function merge(survivorId: string, otherId: string, cause: MergeCause, at: number) {
    if (survivorId === otherId) throw new AppError('dedupe.same_lead', 'A lead cannot be merged with itself');
    const survivor = live(survivorId);
    const other = live(otherId);
    if (survivor.eventId !== other.eventId) {
      throw new AppError('dedupe.other_event', 'Leads of two events are one person, never one lead: link them instead');
    }
    const mergeId = writes.newId();
    const snapshot: MergeSnapshot = {
      survivor, other,
      touches: touchIds.all(other.id) as string[],
      statuses: statusIds.all(other.id) as string[],
      photos: photoIds.all(other.id) as string[],
    };
    const { state, lost } = mergeLeads(stateFromRow(survivor), stateFromRow(other), at);

    // The other lead first: its badge id is free for the survivor once it is gone.
    const gone = writes.change(other, { deletedAt: at, mergedInto: survivor.id }, null, at);
    snapshot.touches = moveAll(snapshot.touches, moveTouch, survivor.id);
    snapshot.statuses = moveAll(snapshot.statuses, moveStatus, survivor.id);
    snapshot.photos = moveAll(snapshot.photos, movePhoto, survivor.id);

    const merged = rowFromState(state);
    const values: LeadValues = { touchCount: survivor.touchCount + other.touchCount };
    for (const [key, value] of Object.entries(merged) as [keyof LeadValues, unknown][]) {
      if (key === 'id' || key === 'eventId' || key === 'statusAt' || key === 'updatedAt') continue;
      if (value !== survivor[key as keyof FullLeadRow]) (values as Record<string, unknown>)[key] = value;
    }
    const detail: Record<string, unknown> = { mergedLeadId: other.id, mergeId, rule: cause.rule, auto: cause.auto, lost: lost satisfies LostValue[] };
    const kept = writes.change(survivor, values, { kind: 'merge', staff: cause.actor, detail }, at, { source: 'app', actor: cause.actor });
    insertMerge.run({
      id: mergeId, survivorId: survivor.id, mergedId: other.id, rule: cause.rule, auto: cause.auto ? 1 : 0,
      actor: cause.actor, at, snapshot: JSON.stringify(snapshot),
    });
    return { mergeId, survivor: kept, other: gone };
  }

  /** Both leads as they were before the merge, with every touch, status change and photo moved back. */
  function unmerge(mergeId: string, actor: string | null, at: number) {
    const row = getMerge.get(mergeId) as MergeRow | undefined;
    if (!row) throw new AppError('dedupe.not_found', `No merge ${mergeId}`);
    if (row.undoneAt !== null) throw new AppError('dedupe.already_undone', `Merge ${mergeId} was undone already`);
    const snapshot = JSON.parse(row.snapshot) as MergeSnapshot;
    const other = leads.get(row.mergedId);
    if (!other || other.mergedInto !== row.survivorId) {
      throw new AppError('dedupe.cannot_undo', `Lead ${row.mergedId} is no longer merged into ${row.survivorId}`);
    }
    live(row.survivorId);
    // The survivor first: it gives back the other's badge id before the other comes back.
    const survivor = writes.restore(snapshot.survivor, at, actor);
    for (const id of snapshot.touches) moveTouch.run(row.mergedId, id);
    for (const id of snapshot.statuses) moveStatus.run(row.mergedId, id);
    for (const id of snapshot.photos) movePhoto.run(row.mergedId, id);
    const restored = writes.restore({ ...snapshot.other, deletedAt: null, mergedInto: null }, at, actor);
    markUndone.run(at, mergeId);
    const kept = writes.change(survivor, {}, { kind: 'merge', staff: actor, detail: { undoneMergeId: mergeId, restoredLeadId: row.mergedId } }, at);
    const back = writes.change(restored, {}, { kind: 'restore', staff: actor, detail: { undoneMergeId: mergeId } }, at);
    return { survivor: kept, restored: back, row };
  }

  return { merge, unmerge, get: (id: string) => getMerge.get(id) as MergeRow | undefined };
}
export type LeadMerge = ReturnType<typeof leadMerge>;
