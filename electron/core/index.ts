import { uuidv7 } from './uuid7';
import { openDatabase, type OpenDb, type OpenOptions } from '../../db/open';
import type { Handlers } from '../../shared/api';
import { createSync, type Sync, type SyncOptions } from '../sync';
import { createBus, type Bus } from './bus';
import { bundleHandlers } from './bundle';
import { captureService } from './capture';
import type { CoreDeps } from './deps';
import { eventHandlers, eventStore } from './events';
import { exportHandlers } from './export';
import { mergeHandlers } from './handlers';
import { quietUpkeep, type QuietUpkeep } from './quiet';
import { searchIndex } from './search-index';
import { leadHandlers } from './leads';
import { rosterHandlers } from './roster';
import { settingsHandlers, settingsStore } from './settings';
import { APP_VERSION } from './version';

export interface CoreOptions extends OpenOptions {
  dbFile: string;
  shell: CoreDeps['shell'];
  clock?: () => number;
  newId?: () => string;
  /** Delivery: the network, secrets, the environment the CLI and browser host read connectors from. */
  sync?: SyncOptions;
}

export interface Core {
  handlers: Handlers;
  bus: Bus;
  deps: CoreDeps;
  database: OpenDb;
  sync: Sync;
  upkeep: QuietUpkeep;
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
    onLeadWritten: (leadId) => {
      sync.onLeadWritten(leadId);
      upkeep.poke();
    },
  };
  const search = searchIndex(database.sqlite);
  const upkeep = quietUpkeep(database.sqlite, search);
  const settings = settingsStore(deps);
  const sync = createSync(deps, settings, options.sync);
  const events = eventStore(deps);
  const capture = captureService(deps, events, settings);
  const handlers = mergeHandlers(
    { 'app.info': () => ({ version: deps.version, shell: deps.shell }) },
    settingsHandlers(settings),
    eventHandlers(deps, events),
    capture.handlers,
    rosterHandlers(deps, events),
    leadHandlers(deps, settings, search),
    exportHandlers(deps, events, search),
    bundleHandlers(deps, events, settings),
    sync.handlers,
  );
  // The CLI's commands other than `upload` must not reset rows another process has in flight.
  if (options.shell !== 'cli') sync.start();
  // Leads an earlier run wrote just before it stopped may still be waiting for the index.
  upkeep.poke();
  const close = () => {
    void sync.stop();
    upkeep.stop();
    database.sqlite.close();
  };
  return { handlers, bus, deps, database, sync, upkeep, close };
}
