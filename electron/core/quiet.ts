import type Database from 'better-sqlite3';

/** A side index kept off the capture path (the search index, the Triage orders). */
export interface CatchUp {
  catchUp(): number;
}

/** How long after the last lead write the booth counts as quiet. */
export const QUIET_MS = 1000;

/**
 * Upkeep kept off the capture path, run once the booth has been quiet for a moment: the side
 * indexes (search, the Triage orders) catch up and the WAL is checkpointed. PASSIVE never
 * waits for a reader, so the timer cannot stall the app; SQLite's own checkpoint remains the
 * backstop during a long rush (db/open.ts).
 */
export function quietUpkeep(sqlite: Database.Database, indexes: readonly CatchUp[], delayMs = QUIET_MS) {
  let timer: NodeJS.Timeout | undefined;

  function run(): void {
    timer = undefined;
    for (const index of indexes) index.catchUp();
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  }

  return {
    /** A lead was written: run once nothing else has been written for `delayMs`. */
    poke(): void {
      if (timer) timer.refresh();
      else {
        timer = setTimeout(() => {
          try {
            run();
          } catch (err) {
            // Nothing is lost: the next poke tries again and a search catches up on its own.
            console.error('quiet upkeep failed:', err);
          }
        }, delayMs);
        timer.unref();
      }
    },
    /** Now, and cancel the pending run (start, the bench, tests). */
    runNow(): void {
      if (timer) clearTimeout(timer);
      run();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
export type QuietUpkeep = ReturnType<typeof quietUpkeep>;
