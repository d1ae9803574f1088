import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../db/open';
import { openTestCore, repoRoot, tempDir, type TestCore } from '../../support/temp-core';

let core: TestCore;
afterEach(() => core?.close());

const indexed = (c: TestCore) => c.database.sqlite.prepare('SELECT count(*) FROM leads_fts').pluck().get() as number;
const names = (page: { rows: { fullName: string | null }[] }) => page.rows.map((r) => r.fullName).sort();

async function booth(c: TestCore) {
  return c.call('events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
}

describe('the search index, kept off the capture path', () => {
  it('a scan writes no index rows, yet a search right after it finds the lead', async () => {
    core = openTestCore();
    const event = await booth(core);
    await core.call('capture.manual', { eventId: event.id, fields: { familyName: '髙橋', givenName: '一郎', company: '東京テクノロジー株式会社' } });
    expect(indexed(core)).toBe(0);
    const page = await core.call('leads.list', { eventId: event.id, query: 'テクノロジー' });
    expect(names(page)).toEqual(['髙橋 一郎']);
    expect(indexed(core)).toBe(1);
  });

  it('catches up by itself once the booth has been quiet for a moment', async () => {
    core = openTestCore();
    const event = await booth(core);
    for (const id of ['EXPO-1', 'EXPO-2', 'EXPO-3']) await core.call('capture.scan', { eventId: event.id, payload: id });
    expect(indexed(core)).toBe(0);
    await vi.waitFor(() => expect(indexed(core)).toBe(3), { timeout: 5000, interval: 100 });
  });

  it('an edit before the catch-up is what gets indexed; an edit after it is marked, and re-indexed before the next search', async () => {
    core = openTestCore();
    const event = await booth(core);
    const { lead } = await core.call('capture.manual', { eventId: event.id, fields: { fullName: '山田 太郎', company: '株式会社サンプル' } });
    await core.call('leads.update', { id: lead.id, fields: { company: '日本データ株式会社' } });
    expect(names(await core.call('leads.list', { eventId: event.id, query: 'サンプル' }))).toEqual([]);
    expect(names(await core.call('leads.list', { eventId: event.id, query: '日本データ' }))).toEqual(['山田 太郎']);

    await core.call('leads.update', { id: lead.id, fields: { company: '大阪システムズ' }, notes: 'デモを希望' });
    // The edit's own transaction only marks the lead: no trigram work on the booth's path.
    const row = core.database.sqlite.prepare('SELECT company FROM leads_fts WHERE rowid = (SELECT rowid FROM leads WHERE id = ?)');
    expect(row.pluck().get(lead.id)).toBe('日本データ株式会社');
    expect(core.database.sqlite.prepare('SELECT count(*) FROM leads_fts_dirty').pluck().get()).toBe(1);
    expect(names(await core.call('leads.list', { eventId: event.id, query: '日本データ' }))).toEqual([]);
    expect(names(await core.call('leads.list', { eventId: event.id, query: '大阪システムズ' }))).toEqual(['山田 太郎']);
    expect(names(await core.call('leads.list', { eventId: event.id, query: 'デモを希望' }))).toEqual(['山田 太郎']);
    expect(row.pluck().get(lead.id)).toBe('大阪システムズ');
    expect(core.database.sqlite.prepare('SELECT count(*) FROM leads_fts_dirty').pluck().get()).toBe(0);
  });

  it('an export filtered by a search includes leads the index has not reached yet', async () => {
    core = openTestCore();
    const event = await booth(core);
    await core.call('capture.manual', { eventId: event.id, fields: { fullName: 'Jane Smith', company: 'Acme Japan K.K.' } });
    await core.call('capture.manual', { eventId: event.id, fields: { fullName: '佐藤 花子', company: 'サンプル商事株式会社' } });
    const out = await core.call('export.csv', { eventId: event.id, query: 'Acme', format: 'generic', encoding: 'utf8', timeZone: 'Asia/Tokyo' });
    expect(out.rows).toBe(1);
  });

  it('a database indexed by the old per-capture trigger keeps its index and catches up new leads after the upgrade', async () => {
    const dir = tempDir();
    const old = path.join(dir, 'migrations-0001');
    fs.cpSync(path.join(repoRoot, 'db/migrations'), old, { recursive: true });
    const journalFile = path.join(old, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0002');
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const dbFile = path.join(dir, 'leadbooth.db');

    const before = openDatabase(dbFile, { migrationsFolder: old });
    before.sqlite.prepare("INSERT INTO events (id, name, kind, created_at) VALUES ('ev-1', 'Expo', 'tradeshow', 0)").run();
    // A lead as that schema stored it (today's store knows columns it does not have yet).
    before.sqlite
      .prepare(`INSERT INTO leads (id, event_id, badge_id, full_name, company, source_format, source, raw_payload, captured_at, updated_at)
        VALUES ('lead-old', 'ev-1', 'B-1', '鈴木 一郎', '合同会社みらい', 'id', 'scanner', 'B-1', 0, 0)`)
      .run();
    expect(before.sqlite.prepare('SELECT count(*) FROM leads_fts').pluck().get()).toBe(1);
    before.sqlite.close();
    const event = { id: 'ev-1' };

    core = openTestCore({ dbFile });
    await core.call('capture.manual', { eventId: event.id, fields: { fullName: '田中 陽子', company: '合同会社みらい' } });
    expect(indexed(core)).toBe(1);
    expect(names(await core.call('leads.list', { eventId: event.id, query: 'みらい' }))).toEqual(['田中 陽子', '鈴木 一郎']);
    expect(indexed(core)).toBe(2);
  });
});
