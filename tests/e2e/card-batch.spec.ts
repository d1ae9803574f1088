import fs from 'node:fs';
import path from 'node:path';
import { renderCardIn, TEST_CARDS } from '../support/cards';
import { api } from './support/booth';
import { expect, repoRoot, test } from './support/host';

/**
 * A stack of business cards on the Capture screen: a folder (or many files) is read with a
 * progress bar, a file that is not an image is reported without stopping the rest, and each
 * card is reviewed with the keyboard. Only the cards accepted become leads, with their photos.
 * The OCR is the real one, in the host's worker.
 */

const card = (id: string) => TEST_CARDS.find((c) => c.id === id)!;

// The first read starts the OCR worker (about 15 s on the 2-core machine); then ~1–3 s a card.
test.setTimeout(240_000);

test('a folder of cards: read with progress, reviewed by keyboard, only the accepted become leads', async ({ page, host, browser }) => {
  const dir = fs.mkdtempSync(path.join(repoRoot, 'tests', '.tmp', 'card-folder-'));
  fs.writeFileSync(path.join(dir, '01-yamada.png'), await renderCardIn(browser, card('horizontal-basic')));
  fs.writeFileSync(path.join(dir, '02-sato.png'), await renderCardIn(browser, card('horizontal-logo-mobile')));
  fs.writeFileSync(path.join(dir, '03-broken.png'), 'not a picture at all');
  fs.writeFileSync(path.join(dir, '04-suzuki.png'), await renderCardIn(browser, card('english-side')));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'a file that is not a card is left out');
  const event = await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
  await page.goto(host.openUrl);

  await page.locator('input[type=file][webkitdirectory]').setInputFiles(dir);
  const dialog = page.getByRole('dialog', { name: '名刺のまとめ読み取り' });
  const progress = dialog.getByRole('progressbar', { name: '読み取りの進み具合' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuemax', '4');

  // Read: three cards to review, the broken file reported with a translated reason.
  const summary = dialog.getByRole('status');
  await expect(summary).toHaveText('保存0件・破棄0件・未確認3件・読み取れず1件', { timeout: 200_000 });
  await expect(dialog.getByRole('region', { name: '読み取れなかったファイル' })).toContainText('03-broken.png');
  await expect(dialog.getByRole('region', { name: '読み取れなかったファイル' })).toContainText('名刺はJPEG・PNG・WebPの画像から読み取れます');
  expect((await api(host, 'leads.list', { eventId: event.id })).rows).toHaveLength(0);

  const fields = dialog.getByRole('form', { name: '名刺から読み取った項目' });
  // Card 1: right as read. Enter accepts it.
  await expect(dialog.getByText('3枚中1枚目')).toBeVisible();
  await expect(fields.getByLabel('会社名')).toHaveValue('株式会社サンプル商事');
  await expect(dialog.getByRole('img', { name: '名刺の写真' })).toBeVisible();
  await page.keyboard.press('Enter');

  // Card 2: E to fix, type the right email, Enter in the field accepts.
  await expect(dialog.getByText('3枚中2枚目')).toBeVisible();
  await expect(fields.getByLabel('会社名')).toHaveValue('ミライテック株式会社');
  await page.keyboard.press('e');
  await expect(fields.getByRole('textbox', { name: /^姓/u })).toBeFocused();
  await fields.getByLabel('メールアドレス').fill('h.sato@miraitech.jp');
  await page.keyboard.press('Enter');

  // Card 3: back to look at card 2 (saved), forward again, Delete discards.
  await expect(dialog.getByText('3枚中3枚目')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(dialog.getByText('3枚中2枚目')).toBeVisible();
  await expect(dialog.getByText('リードとして保存済み')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(fields.getByLabel('会社名')).toHaveValue('Nihon Widget Co., Ltd.');
  await page.keyboard.press('Delete');

  await expect(summary).toHaveText('保存2件・破棄1件・未確認0件・読み取れず1件');
  await dialog.getByRole('button', { name: '完了' }).click();
  await expect(dialog).toBeHidden();

  const leads = (await api(host, 'leads.list', { eventId: event.id })).rows;
  expect(leads.map((l) => [l.company, l.email]).sort()).toEqual([
    ['ミライテック株式会社', 'h.sato@miraitech.jp'],
    ['株式会社サンプル商事', 't.yamada@sample-shoji.co.jp'],
  ]);
  for (const lead of leads) {
    expect(lead.source).toBe('manual');
    expect(await api(host, 'photos.list', { leadId: lead.id })).toEqual([expect.objectContaining({ mime: 'image/png' })]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('reading many files can be stopped; what was read waits for review and nothing is saved unasked', async ({ page, host, browser }) => {
  const dir = fs.mkdtempSync(path.join(repoRoot, 'tests', '.tmp', 'card-files-'));
  const files = ['rotated', 'noisy', 'small-print'].map((id, i) => path.join(dir, `${i + 1}-${id}.png`));
  for (const [i, id] of ['rotated', 'noisy', 'small-print'].entries()) fs.writeFileSync(files[i]!, await renderCardIn(browser, card(id)));
  const event = await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
  await page.goto(host.openUrl);

  await page.locator('input[type=file][multiple]').setInputFiles(files);
  const dialog = page.getByRole('dialog', { name: '名刺のまとめ読み取り' });
  // The first card is still being read (the worker is starting): stopping finishes that one only.
  await dialog.getByRole('button', { name: '読み取りを中止' }).click();
  await expect(dialog.getByRole('button', { name: '中止しています…' })).toBeDisabled();
  const summary = dialog.getByRole('status');
  await expect(summary).toHaveText('保存0件・破棄0件・未確認1件・読み取れず0件', { timeout: 200_000 });
  await expect(dialog.getByText('1枚中1枚目')).toBeVisible();

  // Closed without accepting: no lead.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await api(host, 'leads.list', { eventId: event.id })).rows).toHaveLength(0);
  fs.rmSync(dir, { recursive: true, force: true });
});
