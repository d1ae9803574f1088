/**
 * What the side indexes kept off the capture path share (search-index.ts, the search index;
 * triage/order-index.ts, the Triage orders): the leads edited since they were copied are
 * copied again, then the new leads above the copy's highest rowid are copied, a batch per
 * IMMEDIATE transaction, so a scan arriving meanwhile barely waits.
 */
export interface SideIndexSteps {
  /** Any edited lead waiting (a read). */
  anyEdited(): boolean;
  /** One batch of edited leads copied again, in its own IMMEDIATE transaction; how many. */
  editBatch(): number;
  /** Any lead above the copy's highest rowid (a read). */
  anyNew(): boolean;
  /** One batch of new leads copied, in its own IMMEDIATE transaction; how many. */
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

export function sideIndex(steps: SideIndexSteps): CatchUp {
  return {
    catchUp(deadline = Infinity): number {
      let total = 0;
      while (performance.now() < deadline && steps.anyEdited()) {
        const done = steps.editBatch();
        if (done === 0) break;
        total += done;
      }
      while (performance.now() < deadline && steps.anyNew()) {
        const added = steps.newBatch();
        if (added === 0) break;
        total += added;
      }
      return total;
    },
    caughtUp: () => !steps.anyEdited() && !steps.anyNew(),
  };
}
