import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, repoRoot, type TestCore } from '../../support/temp-core';

let core: TestCore;
afterEach(() => core?.close());

const ROSTER = [
  '受付番号,氏名,フリガナ,会社名,メールアドレス,備考',
  'EXPO2026-000123,山田 太郎,ヤマダ タロウ,株式会社サンプル,taro.yamada@sample.example.jp,=HYPERLINK("x")',
  'EXPO2026-000124,佐藤 花子,サトウ ハナコ,サンプル商事株式会社,hanako.sato@example.co.jp,',
  'VIP-A,Jane Smith,,Acme Corp,jane.smith@acme.example,VIP',
].join('\r\n');

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const count = (c: TestCore, sql: string) => c.database.sqlite.prepare(sql).pluck().get() as number;

async function seminar(c: TestCore, roster = ROSTER) {
  const event = await c.call('events.create', { name: 'DXセミナー 東京', kind: 'seminar' });
  await c.call('roster.import', { eventId: event.id, file: b64(roster) });
  return event;
}

const names = (rows: { fullName: string | null }[]) => rows.map((r) => r.fullName);

describe('door search', () => {
  it('finds a reading typed in hiragana, katakana or half-width katakana, and names with or without the space', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    for (const query of ['やまだ', 'ヤマダ', 'ﾔﾏﾀﾞ', 'やまだ たろう', 'ヤマダタロウ', '山田太郎', '山田 太郎']) {
      expect(names((await core.call('door.find', { eventId: id, query })).rows), query).toEqual(['山田 太郎']);
    }
  });

  it('finds by company and email, case-insensitively, and treats % and _ as text', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    expect(names((await core.call('door.find', { eventId: id, query: 'サンプル' })).rows)).toEqual(['山田 太郎', '佐藤 花子']);
    expect(names((await core.call('door.find', { eventId: id, query: 'ACME' })).rows)).toEqual(['Jane Smith']);
    expect(names((await core.call('door.find', { eventId: id, query: 'さんぷる' })).rows)).toEqual(['山田 太郎', '佐藤 花子']);
    expect(names((await core.call('door.find', { eventId: id, query: 'hanako.sato@' })).rows)).toEqual(['佐藤 花子']);
    expect((await core.call('door.find', { eventId: id, query: '%' })).rows).toEqual([]);
    expect((await core.call('door.find', { eventId: id, query: '_' })).rows).toEqual([]);
  });

  it('an exact badge id, typed in lower case or full width, is answered first and marked exact', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    for (const query of ['EXPO2026-000124', 'expo2026-000124', 'ＥＸＰＯ２０２６－０００１２４']) {
      const found = await core.call('door.find', { eventId: id, query });
      expect(found.exact, query).toBe(true);
      expect(found.rows[0]?.badgeId).toBe('EXPO2026-000124');
    }
    const partial = await core.call('door.find', { eventId: id, query: 'EXPO2026-00012' });
    expect(partial.exact).toBe(false);
    expect(partial.rows.map((r) => r.badgeId)).toEqual(['EXPO2026-000123', 'EXPO2026-000124']);
  });
});

describe('door check-in', () => {
  it('checks a registrant in through the capture pipeline: one lead, a check-in touch with the staff, and the lists move', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    const before = await core.call('door.counts', { eventId: id });
    expect(before).toEqual({ registered: 3, attended: 0, walk_ins: 0, not_arrived: 3 });

    const out = await core.call('door.checkIn', { eventId: id, badgeId: 'expo2026-000123', staff: '受付 佐々木' });
    expect(out.status).toBe('captured');
    if (out.status !== 'captured') return;
    expect(out.result.checkIn).toBe('checked_in');
    expect(out.result.fromRoster).toBe(true);
    expect(out.result.lead).toMatchObject({ fullName: '山田 太郎', badgeId: 'EXPO2026-000123', source: 'roster', capturedBy: '受付 佐々木' });
    expect(count(core, `SELECT count(*) FROM touches WHERE kind = 'checkin'`)).toBe(1);

    expect(await core.call('door.counts', { eventId: id })).toEqual({ registered: 3, attended: 1, walk_ins: 0, not_arrived: 2 });
    const attended = await core.call('door.list', { eventId: id, list: 'attended' });
    expect(attended.total).toBe(1);
    expect(attended.rows[0]).toMatchObject({ fullName: '山田 太郎', checkedInBy: '受付 佐々木', leadId: out.result.lead.id });
    expect(attended.rows[0]?.checkedInAt).toBe(new Date(core.clock()).toISOString());
    expect(names((await core.call('door.list', { eventId: id, list: 'not_arrived' })).rows)).toEqual(['佐藤 花子', 'Jane Smith']);

    core.clock.advance(60_000);
    const again = await core.call('door.checkIn', { eventId: id, badgeId: 'EXPO2026-000123' });
    expect(again.status === 'captured' && again.result.checkIn).toBe('already_checked_in');
    expect(count(core, 'SELECT count(*) FROM leads')).toBe(1);
    // The first check-in's staff stays the one who checked them in.
    expect((await core.call('door.list', { eventId: id, list: 'attended' })).rows[0]?.checkedInBy).toBe('受付 佐々木');
  });

  it('a roster id without a digit checks its registrant in, not a nameless walk-in', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    const out = await core.call('door.checkIn', { eventId: id, badgeId: 'VIP-A' });
    expect(out.status === 'captured' && out.result.checkIn).toBe('checked_in');
    expect(out.status === 'captured' && out.result.lead.fullName).toBe('Jane Smith');
    expect((await core.call('door.counts', { eventId: id })).walk_ins).toBe(0);
  });

  it('an id not on the roster answers not_in_roster and writes nothing', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    expect(await core.call('door.checkIn', { eventId: id, badgeId: 'EXPO2026-999999' })).toEqual({
      status: 'not_in_roster',
      badgeId: 'EXPO2026-999999',
    });
    expect(count(core, 'SELECT count(*) FROM leads')).toBe(0);
    expect(count(core, 'SELECT count(*) FROM touches')).toBe(0);
  });

  it('a walk-in entered by hand with the typed id is listed as a walk-in', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    await core.call('capture.manual', { eventId: id, fields: { badgeId: 'EXPO2026-999999', familyName: '鈴木', givenName: '一郎', familyNameKana: 'すずき' }, staff: '受付' });
    expect(await core.call('door.counts', { eventId: id })).toMatchObject({ walk_ins: 1, attended: 0 });
    const walkIns = await core.call('door.list', { eventId: id, list: 'walk_ins', query: 'スズキ' });
    expect(walkIns.rows).toHaveLength(1);
    expect(walkIns.rows[0]).toMatchObject({ kind: 'walk_in', badgeId: 'EXPO2026-999999', checkedInBy: '受付' });
  });

  it('a trade show has no door: check-in is refused with a code', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: '展示会', kind: 'tradeshow' });
    const out = await core.raw('door.checkIn', { eventId: event.id, badgeId: 'X-1' });
    expect(out).toMatchObject({ ok: false, error: { code: 'door.not_seminar' } });
  });
});

describe('door lists', () => {
  it('filters every list and its count by the same text', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    await core.call('door.checkIn', { eventId: id, badgeId: 'EXPO2026-000124' });
    expect(await core.call('door.counts', { eventId: id, query: 'さとう' })).toEqual({ registered: 1, attended: 1, walk_ins: 0, not_arrived: 0 });
    expect(await core.call('door.counts', { eventId: id, query: 'サンプル' })).toEqual({ registered: 2, attended: 1, walk_ins: 0, not_arrived: 1 });
    expect(names((await core.call('door.list', { eventId: id, list: 'registered', query: 'サンプル' })).rows)).toEqual(['山田 太郎', '佐藤 花子']);
  });
});

describe('attendance CSV', () => {
  it("carries the roster's own columns, then check-in time and staff, with formulas neutralized", async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    core.clock.set(Date.parse('2026-11-20T01:02:03Z'));
    await core.call('door.checkIn', { eventId: id, badgeId: 'EXPO2026-000123', staff: '佐々木' });
    const file = await core.call('door.attendanceCsv', { eventId: id, timeZone: 'Asia/Tokyo' });
    expect(file.rows).toBe(3);
    expect(file.fileName).toMatch(/^DXセミナー_東京-attendance-20261120-1002\.csv$/u);
    const text = Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/u, '');
    expect(text.split('\r\n')).toEqual([
      '受付番号,氏名,フリガナ,会社名,メールアドレス,備考,チェックイン日時,チェックイン担当',
      `EXPO2026-000123,山田 太郎,ヤマダ タロウ,株式会社サンプル,taro.yamada@sample.example.jp,"'=HYPERLINK(""x"")",2026-11-20 10:02:03,佐々木`,
      'EXPO2026-000124,佐藤 花子,サトウ ハナコ,サンプル商事株式会社,hanako.sato@example.co.jp,,,',
      'VIP-A,Jane Smith,,Acme Corp,jane.smith@acme.example,VIP,,',
      '',
    ]);
    const en = await core.call('door.attendanceCsv', { eventId: id, language: 'en', timeZone: 'UTC' });
    expect(Buffer.from(en.base64, 'base64').toString('utf8').split('\r\n')[0]).toMatch(/,Checked in at,Checked in by$/u);
  });

  it('a re-import with another column keeps every column, each row under its own header', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    await core.call('roster.import', {
      eventId: id,
      file: b64(['受付番号,氏名,会社名,参加区分', 'EXPO2026-000125,高橋 次郎,高橋工業,オンライン'].join('\r\n')),
    });
    const file = await core.call('door.attendanceCsv', { eventId: id, timeZone: 'UTC' });
    const lines = Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/u, '').split('\r\n');
    expect(lines[0]).toBe('受付番号,氏名,フリガナ,会社名,メールアドレス,備考,参加区分,チェックイン日時,チェックイン担当');
    expect(lines[4]).toBe('EXPO2026-000125,高橋 次郎,,高橋工業,,,オンライン,,');
  });
});

describe('leadbooth checkin', () => {
  const cli = (dbFile: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'electron/bin/leadbooth.mjs'), '--db', dbFile, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('checks in by badge id or by a name naming one registrant; several or none check nobody in and exit 2', async () => {
    core = openTestCore();
    const { id } = await seminar(core);
    core.close();

    const byName = cli(core.dbFile, 'checkin', 'さとう はなこ', '--event', id, '--staff', '受付');
    expect(byName.status, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({ checkIn: 'checked_in', badgeId: 'EXPO2026-000124', fullName: '佐藤 花子', staff: '受付' });

    const byId = cli(core.dbFile, 'checkin', 'VIP-A', '--event', id);
    expect(JSON.parse(byId.stdout)).toMatchObject({ checkIn: 'checked_in', fullName: 'Jane Smith' });

    const several = cli(core.dbFile, 'checkin', 'サンプル', '--event', id);
    expect(several.status).toBe(2);
    expect(JSON.parse(several.stdout)).toMatchObject({ error: { code: 'door.ambiguous' } });
    expect(several.stderr.trim().split('\n').map((line) => JSON.parse(line).badgeId)).toEqual(['EXPO2026-000123', 'EXPO2026-000124']);

    const none = cli(core.dbFile, 'checkin', 'EXPO2026-999999', '--event', id);
    expect(none.status).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'door.not_in_roster' } });

    core = openTestCore({ dbFile: core.dbFile });
    expect(await core.call('door.counts', { eventId: id })).toEqual({ registered: 3, attended: 2, walk_ins: 0, not_arrived: 1 });
    expect(count(core, 'SELECT count(*) FROM leads')).toBe(2);
  }, 120_000);
});

describe('a 100,000-entry roster', () => {
  it('answers a search, the counts and a page of a list; the time each took is printed for the record', async () => {
    core = openTestCore();
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const n = String(i + 1).padStart(6, '0');
      return `EXPO-${n},来場者 ${n},ライジョウシャ ${n},株式会社テスト${i % 500},visitor${n}@example.jp`;
    });
    const { id } = await seminar(core, ['受付番号,氏名,フリガナ,会社名,メールアドレス', ...rows].join('\r\n'));
    await core.call('door.checkIn', { eventId: id, badgeId: 'EXPO-054321' });

    const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
      await run(); // warm: statements prepared, pages cached
      const start = performance.now();
      const out = await run();
      console.log(`door 100k: ${what} ${(performance.now() - start).toFixed(1)} ms`);
      return out;
    };
    const byKana = await timed('find らいじょうしゃ 054321', () => core.call('door.find', { eventId: id, query: 'らいじょうしゃ 054321' }));
    expect(byKana.rows.map((r) => r.badgeId)).toEqual(['EXPO-054321']);
    const byName = await timed('find 来場者 09999', () => core.call('door.find', { eventId: id, query: '来場者 09999' }));
    expect(byName.rows).toHaveLength(10);
    const none = await timed('find (no match)', () => core.call('door.find', { eventId: id, query: 'みつからない' }));
    expect(none.rows).toEqual([]);
    const exact = await timed('find exact id', () => core.call('door.find', { eventId: id, query: 'EXPO-054321' }));
    expect(exact.exact).toBe(true);
    const counts = await timed('counts', () => core.call('door.counts', { eventId: id }));
    expect(counts).toEqual({ registered: 100_000, attended: 1, walk_ins: 0, not_arrived: 99_999 });
    await timed('counts filtered', () => core.call('door.counts', { eventId: id, query: 'テスト42' }));
    const page = await timed('list not_arrived, last page', () =>
      core.call('door.list', { eventId: id, list: 'not_arrived', offset: 99_800, limit: 200 }),
    );
    expect(page.rows).toHaveLength(199);
    const csv = await timed('attendance CSV', () => core.call('door.attendanceCsv', { eventId: id, timeZone: 'UTC' }));
    expect(csv.rows).toBe(100_000);
  }, 120_000);
});
