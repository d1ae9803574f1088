import { events } from '../../db/schema';
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Event, EventSummary } from '../../shared/model';
import { iso } from '../../shared/time';
import type { CoreDeps } from './deps';

type EventHandlers = Pick<Handlers, 'events.create' | 'events.list' | 'events.get'>;

function toEvent(row: typeof events.$inferSelect): Event {
  return { ...row, createdAt: iso(row.createdAt) };
}

export function eventStore(deps: Pick<CoreDeps, 'db' | 'sqlite'>) {
  const counts = deps.sqlite.prepare(`
    SELECT
      (SELECT count(*) FROM roster_entries r WHERE r.event_id = @id) AS registered,
      (SELECT count(*) FROM roster_entries r WHERE r.event_id = @id AND r.checked_in_at IS NOT NULL) AS checkedIn,
      (SELECT count(*) FROM leads l WHERE l.event_id = @id AND l.walk_in = 1 AND l.deleted_at IS NULL) AS walkIns,
      (SELECT count(*) FROM leads l WHERE l.event_id = @id AND l.deleted_at IS NULL) AS leads`);
  // Prepared once: every capture checks its event.
  const byId = deps.sqlite.prepare(
    'SELECT id, name, kind, venue, starts_on AS startsOn, ends_on AS endsOn, created_at AS createdAt FROM events WHERE id = ?',
  );
  const get = (id: string): Event => {
    const row = byId.get(id) as typeof events.$inferSelect | undefined;
    if (!row) throw new AppError('event.not_found', `No event with id ${id}`);
    return toEvent(row);
  };
  const summary = (event: Event): EventSummary => ({
    ...event,
    ...(counts.get({ id: event.id }) as Pick<EventSummary, 'registered' | 'checkedIn' | 'walkIns' | 'leads'>),
  });
  return { get, summary };
}
export type EventStore = ReturnType<typeof eventStore>;

export function eventHandlers(deps: CoreDeps, store: EventStore): EventHandlers {
  return {
    'events.create': (input) => {
      const row = {
        id: deps.newId(),
        name: input.name,
        kind: input.kind,
        venue: input.venue ?? null,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        createdAt: deps.clock(),
      };
      deps.db.insert(events).values(row).run();
      return toEvent(row);
    },
    'events.list': () =>
      deps.db.select().from(events).orderBy(events.createdAt).all().reverse().map((row) => store.summary(toEvent(row))),
    'events.get': ({ id }) => store.summary(store.get(id)),
  };
}
