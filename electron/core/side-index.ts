import type Database from 'better-sqlite3';

/**
 * What the side indexes kept off the capture path share (search-index.ts, the search index;
 * triage/order-index.ts, the Triage orders): the leads edited since they were copied are
 * copied again, then the new leads above the copy's highest rowid are copied, a batch per
 * transaction, so a scan arriving meanwhile barely waits.
 */
export interface SideIndexSteps {
  /** Any edited lead waiting (a read). */
  anyEdited(): boolean;
  /** Copies one batch of edited leads again; how many. */
  editBatch(): number;
  /** Any lead above the copy's highest rowid (a read). */
  anyNew(): boolean;
  /** Copies one batch of new leads (above the copy's highest rowid, read in the batch); how many. */
  newBatch(): number;
}

/** A side index kept off the capture path, as the quiet upkeep and the queries use it. */
export interface CatchUp {
  /**
   * Copies every lead still waiting, stopping between batches once `deadline` (a
   * performance.now() time) has passed; returns how many. Nothing waiting costs two reads and
   * no write lock, so a query never queues behind another process's write for nothing.
   */
  catchUp(deadline?: number): number;
  /** Nothing left to copy (two reads, no lock). */
  caughtUp(): boolean;
}

export function sideIndex(sqlite: Database.Database, steps: SideIndexSteps): CatchUp {
  // IMMEDIATE: the mark is read under the write lock, so two processes catching up at once
  // copy each lead once, and the insert cannot fail with SQLITE_BUSY on a snapshot another
  // process's capture has moved past (a deferred read-then-write would, without waiting).
  const editBatch = sqlite.transaction(steps.editBatch);
  const newBatch = sqlite.transaction(steps.newBatch);
  return {
    catchUp(deadline = Infinity): number {
      let total = 0;
      while (performance.now() < deadline && steps.anyEdited()) {
        const done = editBatch.immediate();
        if (done === 0) break;
        total += done;
      }
      while (performance.now() < deadline && steps.anyNew()) {
        const added = newBatch.immediate();
        if (added === 0) break;
        total += added;
      }
      return total;
    },
    caughtUp: () => !steps.anyEdited() && !steps.anyNew(),
  };
}
