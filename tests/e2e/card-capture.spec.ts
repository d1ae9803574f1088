import fs from 'node:fs';
import path from 'node:path';
import config from '../../playwright.config';
import { cardVideoIn, QR_CARD, renderCardIn, TEST_CARDS } from '../support/cards';
import { api, captureCard } from './support/booth';
import { expect, repoRoot, test } from './support/host';

/**
 * A business card read on the Capture screen: from an image file and from the camera, the
 * fields fill the manual-entry form beside the card's photo; saving makes the lead and keeps
 * the photo on it. The OCR is the real one, in the host's worker.
 */

const yamada = TEST_CARDS.find((c) => c.id === 'horizontal-basic')!;
const sato = TEST_CARDS.find((c) => c.id === 'horizontal-logo-mobile')!;

// The first read starts the OCR worker (about 15 s on the 2-core machine).
test.setTimeout(180_000);

test('a card image fills the manual-entry form; saving keeps the photo on the lead', async ({ page, host, browser }) => {
  const file = path.join(repoRoot, 'tests', '.tmp', 'card-yamada.png');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await renderCardIn(browser, yamada));
  const event = await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
  await page.goto(host.openUrl);

  await page.locator('input[type=file][accept*="image/png"]:not([multiple])').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  await expect(dialog.getByLabel('会社名')).toHaveValue('株式会社サンプル商事');
  await expect(dialog.getByRole('textbox', { name: /^姓/u })).toHaveValue('山田');
  await expect(dialog.getByRole('textbox', { name: /^名/u })).toHaveValue('太郎');
  await expect(dialog.getByLabel('メールアドレス')).toHaveValue('t.yamada@sample-shoji.co.jp');
  await expect(dialog.getByLabel('電話番号')).toHaveValue('03-1234-5678');
  await expect(dialog.getByLabel('メモ')).toHaveValue(/FAX: 03-1234-5679/u);
  await expect(dialog.getByRole('img', { name: '名刺の写真' })).toBeVisible();

  // The person corrects a field, then saves.
  await dialog.getByLabel('電話番号').fill('03-1234-0000');
  await dialog.getByRole('button', { name: 'リードを追加' }).click();
  await expect(dialog).toBeHidden();
  await expect(captureCard(page)).toContainText('山田 太郎');

  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.rows).toHaveLength(1);
  expect(leads.rows[0]).toMatchObject({ company: '株式会社サンプル商事', email: 't.yamada@sample-shoji.co.jp', phone: '03-1234-0000', source: 'manual' });
  const photos = await api(host, 'photos.list', { leadId: leads.rows[0]!.id });
  expect(photos).toEqual([expect.objectContaining({ mime: 'image/png', bytes: fs.statSync(file).size })]);
  await expect(captureCard(page).getByRole('img')).toHaveCount(1);
});

test('a card that is not an image is refused with a translated message', async ({ page, host }) => {
  const file = path.join(repoRoot, 'tests', '.tmp', 'card-not-an-image.png');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'this is not a picture');
  await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await page.locator('input[type=file][accept*="image/png"]:not([multiple])').setInputFiles(file);
  await expect(page.getByText('名刺はJPEG・PNG・WebPの画像から読み取れます', { exact: false })).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('a card photographed with the camera fills the form', async ({ host, browser, playwright }) => {
  // Chromium reads its fake camera's video at launch: this test launches its own browser.
  const video = await cardVideoIn(browser, sato, path.join(repoRoot, 'tests', '.tmp', 'camera-card-sato.y4m'));
  const base = config.use?.launchOptions ?? {};
  const camera = await playwright.chromium.launch({
    ...base,
    args: [...(base.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await camera.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
    await page.goto(host.openUrl);
    await page.getByRole('button', { name: '名刺を撮影して読み取る' }).click();
    const shoot = page.getByRole('dialog', { name: '名刺を撮影して読み取る' }).getByRole('button', { name: '撮影', exact: true });
    await expect(shoot).toBeEnabled();
    await shoot.click();
    const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
    await expect(dialog).toBeVisible({ timeout: 120_000 });
    await expect(dialog.getByLabel('会社名')).toHaveValue('ミライテック株式会社');
    await expect(dialog.getByLabel('メールアドレス')).toHaveValue('hanako.sato@miraitech.jp');
    await expect(dialog.getByLabel('電話番号')).toHaveValue('090-2345-6789');
    await expect(dialog.getByRole('img', { name: '名刺の写真' })).toBeVisible();
  } finally {
    await camera.close();
  }
});

test('a QR code printed on the card wins over the printed text', async ({ page, host, browser }) => {
  const file = path.join(repoRoot, 'tests', '.tmp', 'card-qr.png');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await renderCardIn(browser, QR_CARD));
  await api(host, 'events.create', { name: '名刺交換会', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await page.locator('input[type=file][accept*="image/png"]:not([multiple])').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  // The print says info@…; the QR's vCard names the person's own address.
  await expect(dialog.getByLabel('メールアドレス')).toHaveValue('naoko.watanabe@qr-example.co.jp');
  await expect(dialog.getByLabel('会社名')).toHaveValue('株式会社キューアール');
  await expect(dialog.getByLabel('電話番号')).toHaveValue('03-6666-7777');
});
