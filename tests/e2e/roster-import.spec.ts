import { captureCard, scanWithScanner, sharedFixture } from './support/booth';
import { expect, test } from './support/host';

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
