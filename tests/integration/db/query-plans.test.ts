import { afterEach, describe, expect, it } from 'vitest';
import { searchIndex } from '../../../electron/core/search-index';
import { leadStore, NEW_LEAD_DEFAULTS } from '../../../electron/core/store/lead-store';
import { ORDER_INDEX, triageQuery } from '../../../electron/core/triage/query';
import { TriageSortColumn } from '../../../shared/triage/api';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * The capture path's lookups must stay on their own indexes. Without statistics SQLite may
 * prefer the wide triage index for "this event's leads in capture order" and walk every lead
 * of the event on each scan: a bench found 119 ms a capture at 100,000 leads. Plans, not
 * timings, so the test cannot race the machine.
 */

let core: TestCore;
afterEach(() => core?.close());

/** The SQL of every statement prepared while `run` runs, as it is prepared. */
async function preparedDuring(run: () => unknown): Promise<string[]> {
  const db = core.deps.sqlite;
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare;
  Object.assign(db, { prepare: spy });
  try {
    await run();
  } finally {
    Object.assign(db, { prepare });
  }
  return seen;
}

const plan = (sql: string) => {
  const params = (sql.match(/\?/gu) ?? []).map(() => 'x');
  return (core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
};

describe('query plans on the capture path', () => {
  it.each([
    ['badge', /l\.badge_id = \?/u, /USING INDEX leads_event_badge \(event_id=\? AND badge_id=\?\)/u],
    ['email', /l\.email = \?/u, /USING INDEX leads_event_email \(event_id=\? AND email=\?\)/u],
    ['payload', /l\.payload_key = \?/u, /USING INDEX leads_event_payload \(event_id=\? AND payload_key=\?\)/u],
  ])('a rescan is found by its %s index, never by walking the event', async (_what, where, expected) => {
    core = openTestCore();
    const sql = (await preparedDuring(() => leadStore(core.deps.sqlite))).find((s) => s.startsWith('SELECT') && where.test(s));
    expect(sql).toBeDefined();
    expect(plan(sql!)).toMatch(expected);
  });
});

describe('query plans of the Triage table', () => {
  // A page sorted by anything but capture time used to walk the event's every entry of
  // leads_triage and keep the best rows (230-440 ms at a million leads); it walks that
  // column's order in triage_order instead, in order, with no sort of its own.
  it.each(TriageSortColumn.options.filter((c) => c !== 'capturedAt'))('a page by %s walks its order in triage_order, first page and next', async (column) => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week' });
    const store = leadStore(core.database.sqlite);
    for (let i = 0; i < 30; i++) {
      store.insert({
        ...NEW_LEAD_DEFAULTS, id: `lead-${i}`, eventId: event.id, source: 'scanner', capturedAt: i, updatedAt: i,
        familyName: i % 3 ? '山田' : null, rating: i % 2 ? 'hot' : null, owner: i % 4 ? 'tanaka@example.co.jp' : null,
      });
    }
    // A new instance prepares every statement afresh (the app's caches its statements).
    const sql = await preparedDuring(async () => {
      const service = triageQuery(core.deps, searchIndex(core.deps.sqlite));
      for (const dir of ['asc', 'desc'] as const) {
        for (const filter of [{ eventIds: [event.id] }, { eventIds: [event.id], grades: ['D' as const] }]) {
          let after: string | null = null;
          do after = service.query({ filter, sort: { column, dir }, after, limit: 4 }).next;
          while (after);
        }
      }
    });
    const walks = sql.filter((s) => /FROM triage_order l/u.test(s));
    expect(walks.length).toBeGreaterThan(0);
    for (const s of walks) expect(plan(s)).toMatch(new RegExp(`^(CO-ROUTINE \\(subquery-1\\) \\| )?SEARCH l USING (COVERING )?INDEX ${ORDER_INDEX[column]} \\(event_id=\\?`, 'u'));
    for (const s of walks) expect(plan(s)).not.toMatch(/TEMP B-TREE|leads_triage/u);
    // A next page seeks its place (status, rating and name are expressions: their ties by id, then the values after).
    for (const s of walks.filter((s) => /[<>] \?/u.test(s))) expect(plan(s)).not.toMatch(/\(event_id=\?\)/u);
    // The page's rows are read by id, for the page only; leads_triage serves the counts alone.
    for (const s of sql.filter((s) => /ORDER BY/u.test(s))) expect(plan(s)).not.toMatch(/leads_triage/u);
  });
});
