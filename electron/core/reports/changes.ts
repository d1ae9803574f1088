import type { Emit, Handlers } from '../../../shared/api';

/** Writes within this window are told as one: a re-score of 100,000 leads is one message, not 100,000. */
const COALESCE_MS = 200;

/**
 * Tells the dashboard what it counts has changed (`dashboard.changed`): the lead writer reports
 * every lead it writes (captures, status changes, edits, merges, imports, re-scores, account
 * links), and the handlers of other counted data (the roster, the target list) report their
 * event or every event. The message goes out after the write's synchronous transaction has
 * ended, so a screen that reads on it sees the write.
 */
export function dashboardChanges(emit: Emit) {
  const events = new Set<string>();
  let everyEvent = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const eventIds = everyEvent ? null : [...events];
    events.clear();
    everyEvent = false;
    emit('dashboard.changed', { eventIds });
  };
  const soon = () => {
    if (timer !== undefined) return;
    timer = setTimeout(flush, COALESCE_MS);
    // A command-line run ends when its work does, not a fraction of a second later.
    timer.unref?.();
  };

  return {
    /** A lead of this event was written, or data of this event the dashboard counts. */
    eventChanged(eventId: string): void {
      events.add(eventId);
      soon();
    },
    /** Data every event's dashboard reads changed (the target list, the rejection reasons). */
    allChanged(): void {
      everyEvent = true;
      soon();
    },
  };
}
export type DashboardChanges = ReturnType<typeof dashboardChanges>;

/**
 * The handlers that write what the dashboard counts other than leads, wrapped to tell of it
 * after they succeed: a roster import (registered), a target list (target accounts reached).
 */
export function countedWrites(handlers: Partial<Handlers>, changes: DashboardChanges): Partial<Handlers> {
  const rosterImport = handlers['roster.import'];
  const targetsImport = handlers['targets.import'];
  return {
    ...(rosterImport && {
      'roster.import': async (input) => {
        const result = await rosterImport(input);
        changes.eventChanged(input.eventId);
        return result;
      },
    }),
    ...(targetsImport && {
      'targets.import': async (input) => {
        const result = await targetsImport(input);
        changes.allChanged();
        return result;
      },
    }),
  };
}

/** How often the open file is checked for another process's commits. */
export const OTHER_WRITERS_MS = 1000;

/**
 * Another process writing the same file (`npx leadbooth capture` or `bundle import` while the
 * app is open) does not pass through this core's writer, so nothing above tells of it. Its
 * commits move PRAGMA data_version (this connection's own do not), which costs microseconds
 * to read; what it changed is not known, so every event's dashboard reads again.
 */
export function watchOtherWriters(readVersion: () => unknown, changes: DashboardChanges, everyMs = OTHER_WRITERS_MS) {
  let last = readVersion();
  const timer = setInterval(() => {
    let now: unknown;
    try {
      now = readVersion();
    } catch {
      // The database was closed under the timer (shutdown): nothing left to watch.
      clearInterval(timer);
      return;
    }
    if (now !== last) {
      last = now;
      changes.allChanged();
    }
  }, everyMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
