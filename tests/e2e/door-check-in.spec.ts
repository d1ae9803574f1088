import fs from 'node:fs';
import { api, fileBase64, scanWithScanner, sharedFixture } from './support/booth';
import { expect, test } from './support/host';

test('at the seminar door, a name typed in hiragana finds the registrant and Enter checks them in; the lists follow', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'DXセミナー 東京', kind: 'seminar' });
  await api(host, 'roster.import', { eventId: event.id, file: fileBase64(sharedFixture('roster-sjis.csv')) });
  await page.goto(host.openUrl);

  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: '受付' }).click();
  await expect(page.getByRole('heading', { name: '受付（チェックイン）' })).toBeVisible();
  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}（`, 'u') });
  await expect(tab('来場')).toHaveText('来場（0）');
  await expect(tab('未来場')).toHaveText('未来場（3）');
  await expect(page.getByTestId('door-list-not_arrived').getByTestId('door-person')).toHaveCount(3);

  // The roster has the reading in katakana (ヤマダ タロウ); the person at the door types hiragana.
  // fill() sets the value as an IME would leave it; Playwright cannot type kana key by key.
  const search = page.getByRole('combobox', { name: 'バッジID・氏名・フリガナ・会社名・メール' });
  const matches = page.getByRole('listbox', { name: '名簿の候補' }).getByRole('option');
  await search.fill('やまだ');
  await expect(matches).toHaveText([/山田 太郎/u]);
  await expect(matches.first()).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');

  const card = page.getByTestId('door-card');
  await expect(card).toContainText('チェックインしました');
  await expect(card).toContainText('山田 太郎');
  await expect(search).toHaveValue('');
  await expect(tab('来場')).toHaveText('来場（1）');
  await expect(tab('未来場')).toHaveText('未来場（2）');
  await expect(page.getByTestId('door-list-not_arrived')).not.toContainText('山田 太郎');
  await tab('来場').click();
  await expect(page.getByTestId('door-list-attended').getByTestId('door-person')).toHaveText([/山田 太郎/u]);

  // Arrow keys choose among several matches (both companies contain サンプル).
  await search.fill('さんぷる');
  await expect(matches).toHaveText([/山田 太郎/u, /佐藤 花子/u]);
  await search.press('ArrowDown');
  await expect(matches.nth(1)).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(card).toContainText('佐藤 花子');
  await expect(tab('来場')).toHaveText('来場（2）');

  // The handheld scanner works here too, and the door keeps its own screen.
  await scanWithScanner(page, 'EXPO2026-000125');
  await expect(card).toContainText('Jane Smith');
  await expect(nav.getByRole('link', { name: '受付' })).toHaveAttribute('aria-current', 'page');
  await expect(tab('未来場')).toHaveText('未来場（0）');
});

test('an id not on the roster asks "walk-in?" and stores nothing until the person is entered by hand', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'DXセミナー 大阪', kind: 'seminar' });
  await api(host, 'roster.import', { eventId: event.id, file: fileBase64(sharedFixture('roster-sjis.csv')) });
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: '受付' }).click();

  const search = page.getByRole('combobox', { name: 'バッジID・氏名・フリガナ・会社名・メール' });
  await search.fill('EXPO2026-999999');
  await expect(page.getByText('名簿に見つかりません。')).toBeVisible();
  await search.press('Enter');
  const ask = page.getByRole('dialog', { name: '「EXPO2026-999999」は名簿にありません' });
  await expect(ask).toBeVisible();
  expect((await api(host, 'events.get', { id: event.id })).leads).toBe(0);

  await ask.getByRole('button', { name: '手入力で登録' }).click();
  const manual = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(manual.getByLabel('バッジID')).toHaveValue('EXPO2026-999999');
  await manual.getByLabel('姓', { exact: true }).fill('鈴木');
  await manual.getByRole('button', { name: 'リードを追加' }).click();
  await expect(manual).toBeHidden();

  await expect(page.getByTestId('door-card')).toContainText('当日参加として登録しました');
  const walkIns = page.getByRole('tab', { name: /^当日参加（/u });
  await expect(walkIns).toHaveText('当日参加（1）');
  await walkIns.click();
  await expect(page.getByTestId('door-list-walk_ins').getByTestId('door-person')).toHaveText([/EXPO2026-999999.*鈴木/u]);
});

test('the attendance CSV has the roster\'s columns, then check-in time and staff', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'DXセミナー 名古屋', kind: 'seminar' });
  await api(host, 'roster.import', { eventId: event.id, file: fileBase64(sharedFixture('roster-sjis.csv')) });
  await api(host, 'door.checkIn', { eventId: event.id, badgeId: 'EXPO2026-000124', staff: '受付 佐々木' });
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: '受付' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '出席CSVをダウンロード' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^DXセミナー_名古屋-attendance-\d{8}-\d{4}\.csv$/u);
  const lines = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/u, '').split('\r\n');
  expect(lines[0]).toBe('来場者ID,氏名,フリガナ,会社名,部署名,役職,メールアドレス,電話番号,チェックイン日時,チェックイン担当');
  expect(lines[2]).toMatch(/^EXPO2026-000124,佐藤 花子,.*,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,受付 佐々木$/u);
  expect(lines[1]).toMatch(/^EXPO2026-000123,山田 太郎,.*,,$/u);
});
