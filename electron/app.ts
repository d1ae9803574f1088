import { openDatabase, type OpenDb, type OpenOptions } from '../db/open';
import type { Handlers } from '../shared/api';
import { createCore, type Core } from './core';
import { createBus, type Bus } from './core/bus';
import type { CoreDeps } from './core/deps';
import { mergeHandlers } from './core/handlers';
import { linkedFirst } from './core/late-links';
import { quietUpkeep, type QuietUpkeep } from './core/quiet';
import { searchIndex } from './core/search-index';
import { settingsStore } from './core/settings';
import { triageOrderIndex } from './core/triage/order-index';
import { uuidv7 } from './core/uuid7';
import { APP_VERSION } from './core/version';
import { createSync, type Sync, type SyncOptions } from './sync';

export interface AppOptions extends OpenOptions {
  dbFile: string;
  shell: CoreDeps['shell'];
  clock?: () => number;
  newId?: () => string;
  /** Delivery: the network, secrets, the environment the CLI and browser host read connectors from. */
  sync?: SyncOptions;
}

export interface App {
  handlers: Handlers;
  bus: Bus;
  deps: CoreDeps;
  database: OpenDb;
  sync: Sync;
  upkeep: QuietUpkeep;
  /** Sales' verdict from a CRM onto a lead, through the lead writer (delivery's pull-back). */
  applyVerdict: Core['applyVerdict'];
  close(): void;
}

/**
 * The composition root: opens the database, builds the core and delivery side by side and
 * wires the lead writer's hook to both. Dependencies point one way: doors → app → core and
 * sync → store → db; the core never imports delivery.
 */
export function createApp(options: AppOptions): App {
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
    onLeadWritten: (lead) => {
      sync.onLeadWritten(lead);
      upkeep.poke();
    },
  };
  const search = searchIndex(database.sqlite);
  const settings = settingsStore(deps);
  // Sales' verdict pulled back by delivery goes through the core (its transitions and writer);
  // `core` is built next, and the first pull happens long after.
  // Delivery links the leads still waiting before it reads what to send (one contact per person).
  const sync = createSync(
    { ...deps, applyVerdict: (...args) => core.applyVerdict(...args), beforeRun: () => void core.lateLinks.catchUp() },
    settings,
    options.sync,
  );
  const core = createCore(deps, settings, search);
  // Links first: a lead's account and person change its row, which the other two then copy.
  const upkeep = quietUpkeep(database.sqlite, [core.lateLinks, search, triageOrderIndex(database.sqlite)]);
  // Before anything reads scores: leads stored under other rules (or before triage) are brought up to date.
  core.rescoreIfRulesChanged();
  // Then every lead gets its account (a database from before accounts; a change of the linking rules).
  core.linkAccountsIfNeeded();
  // Then every lead gets its 名寄せ keys and person (the person rules read the account).
  core.linkPersonsIfNeeded();
  const handlers = linkedFirst(mergeHandlers(core.handlers, sync.handlers), core.lateLinks);
  // The CLI's commands other than `upload` must not reset rows another process has in flight.
  if (options.shell !== 'cli') sync.start();
  // Leads an earlier run wrote just before it stopped may still be waiting for the index.
  upkeep.poke();
  const otherWriters = core.watchOtherWriters();
  const close = () => {
    otherWriters.stop();
    void sync.stop();
    upkeep.stop();
    database.sqlite.close();
  };
  return { handlers, bus, deps, database, sync, upkeep, applyVerdict: core.applyVerdict, close };
}
