import type { Handlers } from '../../shared/api';
import {
  decodeRoster, parseCsv, previewRoster, rosterRowConverter, suggestMapping, type RejectedRow, type RosterRow,
} from '../../shared/roster';
import { fileBytes } from './file-bytes';
import type { CoreDeps } from './deps';
import type { EventStore } from './events';

type RosterHandlers = Pick<Handlers, 'roster.preview' | 'roster.import'>;

/** Rows per transaction: small enough that progress reaches the UI and other calls get a turn. */
const CHUNK = 5000;
/** How many rejected rows travel back in full; the count covers them all. */
const REJECTED_SHOWN = 500;

/**
 * Rows per INSERT statement: one statement per row spent a tenth of the import binding and
 * stepping; 50 rows × 15 values stays far under SQLite's limit on bound parameters.
 */
const ROWS_PER_STATEMENT = 50;
const VALUES_PER_ROW = 15;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function rosterHandlers(deps: CoreDeps, events: EventStore): RosterHandlers {
  const knownBadges = deps.sqlite.prepare('SELECT badge_id FROM roster_entries WHERE event_id = ?').pluck();
  const upsertOne = deps.sqlite.prepare(upsertSql(1));
  const upsertBatch = deps.sqlite.prepare(upsertSql(ROWS_PER_STATEMENT));
  const recordImport = deps.sqlite.prepare(
    'INSERT INTO roster_imports (event_id, headers, encoding, imported_at) VALUES (?, ?, ?, ?)',
  );

  return {
    'roster.preview': ({ file }) => previewRoster(fileBytes(file)),
    'roster.import': async ({ eventId, file, mapping }) => {
      events.get(eventId);
      const { text, encoding } = decodeRoster(fileBytes(file));
      const parsed = parseCsv(text);
      const convert = rosterRowConverter(parsed.headers, mapping ?? suggestMapping(parsed.headers));
      const now = deps.clock();
      // The header row once, so each entry stores only its cells.
      const importId = Number(recordImport.run(eventId, JSON.stringify(parsed.headers), encoding, now).lastInsertRowid);
      const total = parsed.rows.length;
      // Re-import updates by badge id; knowing the ids up front saves a lookup per row.
      const known = new Set(knownBadges.all(eventId) as string[]);
      let added = 0;
      let updated = 0;
      const rejected: RejectedRow[] = [];
      const writeChunk = deps.sqlite.transaction((rows: RosterRow[]) => {
        const values: unknown[] = [];
        for (const row of rows) {
          if (known.has(row.badgeId)) updated++;
          else added++;
          pushValues(values, eventId, importId, row, now);
          if (values.length === VALUES_PER_ROW * ROWS_PER_STATEMENT) {
            upsertBatch.run(values);
            values.length = 0;
          }
        }
        for (let i = 0; i < values.length; i += VALUES_PER_ROW) upsertOne.run(values.slice(i, i + VALUES_PER_ROW));
      });
      deps.emit('roster.progress', { eventId, done: 0, total });
      // Converted and stored a slice at a time, so only one slice of row objects is alive.
      for (let i = 0; i < total; i += CHUNK) {
        const slice = convert(parsed.rows.slice(i, i + CHUNK));
        // IMMEDIATE: takes the write lock at BEGIN, so the busy timeout waits for another
        // process's capture instead of failing the import halfway.
        writeChunk.immediate(slice.rows);
        for (const r of slice.rejected) rejected.push(r);
        deps.emit('roster.progress', { eventId, done: Math.min(i + CHUNK, total), total });
        await yieldToEventLoop();
      }
      return {
        encoding,
        added,
        updated,
        rejectedCount: rejected.length,
        rejected: rejected.slice(0, REJECTED_SHOWN),
      };
    },
  };
}

/** Re-import updates by badge id: every column but the id, the event and checked_in_at is replaced. */
function upsertSql(rows: number): string {
  const tuple = `(${Array<string>(VALUES_PER_ROW).fill('?').join(', ')})`;
  return `
    INSERT INTO roster_entries (event_id, badge_id, full_name, family_name, given_name, family_name_kana,
      given_name_kana, company, department, title, email, phone, raw, import_id, imported_at)
    VALUES ${Array<string>(rows).fill(tuple).join(', ')}
    ON CONFLICT (event_id, badge_id) DO UPDATE SET
      full_name = excluded.full_name, family_name = excluded.family_name, given_name = excluded.given_name,
      family_name_kana = excluded.family_name_kana, given_name_kana = excluded.given_name_kana,
      company = excluded.company, department = excluded.department, title = excluded.title,
      email = excluded.email, phone = excluded.phone, raw = excluded.raw, import_id = excluded.import_id,
      imported_at = excluded.imported_at`;
}

function pushValues(values: unknown[], eventId: string, importId: number, row: RosterRow, now: number): void {
  const f = row.fields;
  values.push(
    eventId, row.badgeId, f.fullName ?? null, f.familyName ?? null, f.givenName ?? null,
    // A reading that would not split into family and given is kept whole in the family slot.
    f.familyNameKana ?? (f.givenNameKana ? null : (f.fullNameKana ?? null)), f.givenNameKana ?? null,
    f.company ?? null, f.department ?? null, f.title ?? null, f.email ?? null, f.phone ?? null,
    JSON.stringify(row.raw), importId, now,
  );
}
