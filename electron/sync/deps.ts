import type Database from 'better-sqlite3';
import type { Emit } from '../../shared/api';

/** What delivery needs from outside: the database (read through the store), time, ids, the UI's event bus. */
export interface SyncDeps {
  sqlite: Database.Database;
  clock: () => number;
  newId: () => string;
  emit: Emit;
  shell: 'electron' | 'browser' | 'cli';
}
