import { afterEach, describe, expect, it } from 'vitest';
import { leadStore } from '../../../electron/core/store/lead-store';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * The capture path's lookups must stay on their own indexes. Without statistics SQLite may
 * prefer the wide triage index for "this event's leads in capture order" and walk every lead
 * of the event on each scan: a bench found 119 ms a capture at 100,000 leads. Plans, not
 * timings, so the test cannot race the machine.
 */

let core: TestCore;
afterEach(() => core?.close());

/** The SQL of every statement the lead store prepares, as it prepares them. */
function leadStoreStatements(): string[] {
  const db = core.deps.sqlite;
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare;
  Object.assign(db, { prepare: spy });
  try {
    leadStore(db);
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
  ])('a rescan is found by its %s index, never by walking the event', (_what, where, expected) => {
    core = openTestCore();
    const sql = leadStoreStatements().find((s) => s.startsWith('SELECT') && where.test(s));
    expect(sql).toBeDefined();
    expect(plan(sql!)).toMatch(expected);
  });
});
