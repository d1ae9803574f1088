import type Database from 'better-sqlite3';
import type { Handlers, ProcName } from '../../shared/api';
import { storageFailure } from '../../shared/errors';
import { sideIndex, type CatchUp } from './side-index';
import { leadStore } from './store/lead-store';
import type { LeadWriter } from './store/lead-writer';

/**
 * Leads linked per transaction. Each costs a few index probes and, now and then, a merge: a
 * batch holds the write lock for some milliseconds, so a scan arriving meanwhile barely waits.
 */
const BATCH = 100;

/**
 * A new lead's account, person and 名寄せ, decided after its capture commits (migration 0012):
 * linking inside the capture's transaction wrote about seven more pages and doubled a scan's
 * cost. Leads are linked in rowid order through the lead writer (linkLate), and late_links
 * keeps how far that has come. Called when the booth goes quiet, before any call off the scan
 * path (linkedFirst), before a rescan changes a lead still waiting, and before delivery reads
 * the outbox.
 */
export function lateLinks(sqlite: Database.Database, writer: LeadWriter): CatchUp {
  const leads = leadStore(sqlite);
  const mark = lateLinksMark(sqlite);
  const anyAfter = sqlite.prepare('SELECT 1 FROM leads WHERE rowid > ? LIMIT 1').pluck();
  const highest = sqlite.prepare('SELECT max(rowid) FROM leads').pluck();
  const advance = sqlite.prepare(
    'INSERT INTO late_links (id, lead_rowid) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET lead_rowid = excluded.lead_rowid',
  );

  // In the writer's transaction; each lead's 名寄せ runs as linkLate links it, in capture order.
  const batch = writer.transaction((): number => {
    const from = mark();
    // Live leads only: a lead deleted before it was linked needs no account (undeleting it links it).
    const rows = leads.derivableAfter(from, BATCH);
    for (const row of rows) writer.linkLate(row);
    const to = rows.length === BATCH ? rows[rows.length - 1]!.rowid_ : ((highest.get() as number | null) ?? from);
    if (to <= from) return 0;
    advance.run(to);
    return Math.max(rows.length, 1);
  });

  return sideIndex(sqlite, {
    anyEdited: () => false,
    editBatch: () => 0,
    anyNew: () => anyAfter.get(mark()) !== undefined,
    newBatch: batch,
  });
}

/** How far the late links have come: leads at or below this rowid were linked when written or since. */
export function lateLinksMark(sqlite: Database.Database): () => number {
  const read = sqlite.prepare('SELECT lead_rowid FROM late_links WHERE id = 1').pluck();
  return () => (read.get() as number | undefined) ?? 0;
}

/**
 * The booth's scan path: a capture, a check-in at the door and what those screens read next.
 * They never wait for linking, so a rush of scans pays only for its own rows; the quiet upkeep
 * links behind them. Every other call (an edit, the card's rating and answers, Triage, a merge,
 * an export, a delivery) links the leads still waiting first, so it meets them with their
 * account, person and 名寄せ, as if each had been linked at its capture.
 */
const SCAN_PATH: ReadonlySet<ProcName> = new Set<ProcName>([
  'capture.scan', 'capture.manual', 'capture.recent', 'badge.parse', 'door.checkIn', 'door.find', 'door.list', 'door.counts',
]);

/** `handlers` with every one off the scan path catching the late links up first. */
export function linkedFirst(handlers: Handlers, links: CatchUp): Handlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const name of Object.keys(handlers) as ProcName[]) {
    if (SCAN_PATH.has(name)) continue;
    const handler = handlers[name] as (input: unknown) => unknown;
    out[name] = (input: unknown) => {
      try {
        links.catchUp();
      } catch (err) {
        // Linking writes; a full disk, or a lock another process holds past the busy timeout,
        // must not stop a call that only reads. It answers with the leads as they are, and the
        // next call links them; a write of its own meets the same error and reports it.
        if (!storageFailure(err) && (err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
      }
      return handler(input);
    };
  }
  return out as Handlers;
}
