import { uuidv7 } from './uuid7';
import { openDatabase, type OpenDb, type OpenOptions } from '../../db/open';
import type { Handlers } from '../../shared/api';
import { createBus, type Bus } from './bus';
import { bundleHandlers } from './bundle';
import { captureService } from './capture';
import type { CoreDeps } from './deps';
import { eventHandlers, eventStore } from './events';
import { exportHandlers } from './export';
import { mergeHandlers } from './handlers';
import { leadHandlers } from './leads';
import { rosterHandlers } from './roster';
import { settingsHandlers, settingsStore } from './settings';
import { APP_VERSION } from './version';

export interface CoreOptions extends OpenOptions {
  dbFile: string;
  shell: CoreDeps['shell'];
  clock?: () => number;
  newId?: () => string;
}

export interface Core {
  handlers: Handlers;
  bus: Bus;
  deps: CoreDeps;
  database: OpenDb;
  close(): void;
}

/** Opens the database and builds every domain's handlers over it: the one core all doors share. */
export function createCore(options: CoreOptions): Core {
  const database = openDatabase(options.dbFile, options);
  const bus = createBus();
  const deps: CoreDeps = {
    db: database.db,
    sqlite: database.sqlite,
    clock: options.clock ?? Date.now,
    newId: options.newId ?? (() => uuidv7()),
    emit: bus.emit,
    shell: options.shell,
    version: APP_VERSION,
    onLeadWritten: () => {},
  };
  const settings = settingsStore(deps);
  const events = eventStore(deps);
  const capture = captureService(deps, events, settings);
  const handlers = mergeHandlers(
    { 'app.info': () => ({ version: deps.version, shell: deps.shell }) },
    settingsHandlers(settings),
    eventHandlers(deps, events),
    capture.handlers,
    rosterHandlers(deps, events),
    leadHandlers(deps, settings),
    exportHandlers(deps, events),
    bundleHandlers(deps, events, settings),
  );
  return { handlers, bus, deps, database, close: () => database.sqlite.close() };
}
