import fs from 'node:fs';
import path from 'node:path';
import { captureCard, scanWithScanner, sharedFixture } from './support/booth';
import { expect, repoRoot, test } from './support/host';

test('a Shift_JIS roster imported through the UI turns a scanned badge id into the person, checked in', async ({ app: page }) => {
  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByLabel('イベント名').fill('DXセミナー 東京');
  await page.getByLabel('種類').selectOption({ label: 'セミナー' });
  await page.getByRole('button', { name: '作成' }).click();
  await expect(page.getByRole('status').filter({ hasText: '「DXセミナー 東京」を作成しました。' })).toBeVisible();

  const item = page.getByTestId('event-item').filter({ hasText: 'DXセミナー 東京' });
  await expect(item).toContainText('登録 0 / 来場 0 / 当日 0');
  await item.getByRole('button', { name: '名簿を取り込む' }).click();

  const dialog = page.getByRole('dialog', { name: '名簿の取り込み：DXセミナー 東京' });
  await dialog.getByLabel('名簿ファイル（CSV）').setInputFiles(sharedFixture('roster-sjis.csv'));
  await expect(dialog.getByTestId('roster-encoding')).toHaveText('文字コード：Shift_JIS');
  await expect(dialog.getByRole('combobox', { name: '列「氏名」の取り込み先' })).toHaveValue('fullName');
  await expect(dialog.getByRole('combobox', { name: '列「来場者ID」の取り込み先' })).toHaveValue('badgeId');
  await expect(dialog.getByRole('cell', { name: '山田 太郎' })).toBeVisible();

  await dialog.getByRole('button', { name: '取り込む' }).click();
  const result = dialog.getByTestId('roster-result');
  await expect(result).toContainText('追加 3');
  await expect(result).toContainText('更新 0');
  await expect(result).toContainText('除外 0');
  await dialog.getByRole('button', { name: '閉じる' }).first().click();
  await expect(dialog).toBeHidden();
  await expect(item).toContainText('登録 3 / 来場 0 / 当日 0');

  await scanWithScanner(page, 'EXPO2026-000123');
  await expect(captureCard(page)).toContainText('山田 太郎');
  await expect(captureCard(page)).toContainText('ヤマダ タロウ');
  await expect(captureCard(page)).toContainText('チェックインしました');

  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await expect(item).toContainText('登録 3 / 来場 1 / 当日 0');
});

test('a 100,000-row roster imports with a progress bar while the screen stays responsive', async ({ page, host }) => {
  const rows = Array.from({ length: 100_000 }, (_, i) => {
    const id = String(i + 1).padStart(6, '0');
    return `EXPO-${id},来場者 ${id},ライジョウシャ,株式会社テスト${i % 500},visitor${id}@example.jp`;
  });
  const file = path.join(repoRoot, 'tests', '.tmp', 'roster-100k.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ['受付番号,氏名,フリガナ,会社名,メールアドレス', ...rows].join('\r\n'));
  const event = await host.call<{ id: string }>('events.create', { name: '大型セミナー', kind: 'seminar' });
  await page.goto(host.openUrl);

  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByTestId('event-item').filter({ hasText: '大型セミナー' }).getByRole('button', { name: '名簿を取り込む' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名簿ファイル（CSV）').setInputFiles(file);
  await expect(dialog.getByText('100,000行')).toBeVisible();

  // Every value the bar shows, as the core reports progress.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const now = bar?.getAttribute('aria-valuenow');
      if (now && seen.at(-1) !== now) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: '取り込みの進み具合' })).toHaveAttribute('aria-valuemax', '100000');
  // The page answers while the import runs.
  await expect(page.getByRole('link', { name: 'リード' })).toBeVisible();

  await expect(dialog.getByTestId('roster-result')).toContainText('追加 100,000', { timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.map(Number));
  expect(seen.some((value) => value > 0)).toBe(true);
  const summary = await host.call<{ registered: number }>('events.get', { id: event.id });
  expect(summary.registered).toBe(100_000);
});
