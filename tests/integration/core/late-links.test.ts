import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS } from '../../../db/open';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * A new lead's account, person and 名寄せ keys are decided after its capture commits
 * (electron/core/late-links.ts), on a real database file: not by the scan path, by every other
 * call before it answers, by the quiet upkeep, and after a restart.
 */

let core: TestCore;
afterEach(() => core?.close());

const MECARD = (name: string, email: string) => `MECARD:N:${name};ORG:株式会社サンプル;EMAIL:${email};;`;

function linksOf(id: string) {
  return core.database.sqlite
    .prepare('SELECT account_id AS accountId, person_id AS personId, email_key AS emailKey, name_key AS nameKey FROM leads WHERE id = ?')
    .get(id) as { accountId: string | null; personId: string | null; emailKey: string | null; nameKey: string | null };
}
const rows = (table: string) => core.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const UNLINKED = { accountId: null, personId: null, emailKey: null, nameKey: null };

describe('late links', () => {
  it('a capture commits without account, person or keys; the scan path leaves it so, the next other call links it', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: MECARD('山田,太郎', 'taro@sample.co.jp') });
    expect(linksOf(lead.id)).toEqual(UNLINKED);
    expect([rows('persons'), rows('account_keys'), rows('accounts')]).toEqual([0, 0, 0]);

    // The booth's own calls do not wait for it: another scan, the recent list.
    const second = await core.call('capture.scan', { eventId: event.id, payload: MECARD('田中,花子', 'hanako@sample.co.jp') });
    await core.call('capture.recent', { eventId: event.id, limit: 10 });
    expect([linksOf(lead.id), linksOf(second.lead.id)]).toEqual([UNLINKED, UNLINKED]);

    // Any other call links every lead waiting before it answers.
    const { lead: read } = await core.call('leads.get', { id: lead.id });
    expect(read).toMatchObject({ emailKey: 'taro@sample.co.jp', nameKey: '山田太郎' });
    expect(read.personId).not.toBeNull();
    expect(read.accountId).not.toBeNull();
    expect(linksOf(second.lead.id).accountId).toBe(read.accountId);
    expect(linksOf(second.lead.id).personId).not.toBe(read.personId);
    // Linking is not an edit: the lead's updated_at and touches stay as the capture left them.
    expect(read.updatedAt).toBe(lead.updatedAt);
    expect((await core.call('leads.get', { id: lead.id })).touches).toHaveLength(1);
  });

  it('the quiet upkeep links the waiting leads with no call at all', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      ids.push((await core.call('capture.scan', { eventId: event.id, payload: MECARD(`山田,太郎${i}`, `taro${i}@sample.co.jp`) })).lead.id);
    }
    expect(ids.every((id) => linksOf(id).personId === null)).toBe(true);
    core.upkeep.runNow();
    expect(ids.filter((id) => linksOf(id).personId === null)).toEqual([]);
    expect(rows('persons')).toBe(250);
  });

  it('a call that only reads still answers while another process holds the write lock past the busy timeout', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: MECARD('山田,太郎', 'taro@sample.co.jp') });
    const other = new Database(core.dbFile);
    other.exec('BEGIN IMMEDIATE');
    try {
      // It waits for the lock as long as the app waits for any, then answers without linking.
      const listed = await core.call('leads.list', { eventId: event.id });
      expect(listed.rows.map((l) => l.id)).toEqual([lead.id]);
      expect(linksOf(lead.id)).toEqual(UNLINKED);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await core.call('leads.get', { id: lead.id })).lead.personId).not.toBeNull();
  }, BUSY_TIMEOUT_MS * 3);

  it('a lead captured just before the app stopped is linked after it opens again', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week 秋' });
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: MECARD('山田,太郎', 'taro@sample.co.jp') });
    const { dbFile, clock } = core;
    core.close();
    core = openTestCore({ dbFile, clock });
    expect(linksOf(lead.id)).toEqual(UNLINKED);
    expect((await core.call('leads.get', { id: lead.id })).lead.personId).not.toBeNull();
  });
});
