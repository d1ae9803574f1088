import type Database from 'better-sqlite3';
import type { CatchUp } from './side-index';

/** How long after the last lead write the booth counts as quiet. */
export const QUIET_MS = 1000;

/**
 * The most one quiet run works before the app answers again. A burst of 2,000 scans takes a
 * slice or two; filling the side indexes of a big database opened for the first time after an
 * upgrade (a minute and more at a million leads) goes on in such slices, the screens and scans
 * answered between them, instead of freezing the app.
 */
export const SLICE_MS = 50;
/** The pause between two slices of a long catch-up. */
const BETWEEN_SLICES_MS = 20;

/**
 * Upkeep kept off the capture path, run once the booth has been quiet for a moment: the side
 * indexes (search, the Triage orders) catch up and the WAL is checkpointed. PASSIVE never
 * waits for a reader, so the timer cannot stall the app; SQLite's own checkpoint remains the
 * backstop during a long rush (db/open.ts).
 */
export function quietUpkeep(sqlite: Database.Database, indexes: readonly CatchUp[], delayMs = QUIET_MS, sliceMs = SLICE_MS) {
  let timer: NodeJS.Timeout | undefined;

  /** Catches up until `deadline`; true when everything is, and the WAL was checkpointed. */
  function run(deadline: number): boolean {
    timer = undefined;
    for (const index of indexes) index.catchUp(deadline);
    if (!indexes.every((index) => index.caughtUp())) return false;
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    return true;
  }

  function schedule(after: number): void {
    timer = setTimeout(() => {
      try {
        // The rest in another slice, unless a write comes first (poke waits for quiet again).
        if (!run(performance.now() + sliceMs)) schedule(BETWEEN_SLICES_MS);
      } catch (err) {
        // Nothing is lost: the next poke tries again and a search catches up on its own.
        console.error('quiet upkeep failed:', err);
      }
    }, after);
    timer.unref();
  }

  return {
    /** A lead was written: run once nothing else has been written for `delayMs`. */
    poke(): void {
      if (timer) timer.refresh();
      else schedule(delayMs);
    },
    /** Now, to the end, and cancel the pending run (the bench, tests). */
    runNow(): void {
      if (timer) clearTimeout(timer);
      run(Infinity);
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
export type QuietUpkeep = ReturnType<typeof quietUpkeep>;
