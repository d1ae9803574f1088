import type { Db } from '../../db/open';
import type Database from 'better-sqlite3';
import type { Emit } from '../../shared/api';
import type { WrittenLead } from './store/lead-writer';

/** Everything the core needs from outside, injected so tests control time, ids and the network. */
export interface CoreDeps {
  db: Db;
  sqlite: Database.Database;
  clock: () => number;
  /** UUIDv7: time-ordered, made on the device, the idempotency key everywhere. */
  newId: () => string;
  emit: Emit;
  shell: 'electron' | 'browser' | 'cli';
  version: string;
  /**
   * Called by the lead writer inside the transaction that changed a lead, so the outbox rows
   * commit with the change or not at all. A deleted lead leaves the outbox; the status and
   * the ready mark say whether a connector's policy sends it.
   */
  onLeadWritten: (lead: WrittenLead) => void;
}
