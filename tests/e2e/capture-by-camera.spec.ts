import path from 'node:path';
import config from '../../playwright.config';
import { api, captureCard } from './support/booth';
import { writeQrVideo } from './support/fake-camera';
import { expect, repoRoot, test } from './support/host';

const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:山田;太郎;;;',
  'FN:山田 太郎',
  'ORG:株式会社サンプル;営業部',
  'TITLE:部長',
  'EMAIL:taro.yamada@sample.example.jp',
  'END:VCARD',
].join('\r\n');

// Chromium reads the fake camera's video when it starts, so the file is written now, before
// any browser of this file is launched.
const video = writeQrVideo(path.join(repoRoot, 'tests', '.tmp', 'camera-yamada.y4m'), VCARD);
const base = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...base,
    args: [
      ...(base.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
});

test('a QR code held up to the camera becomes a lead on screen and in the database', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);

  await page.getByRole('button', { name: 'カメラ開始' }).click();
  await expect(page.getByRole('button', { name: 'カメラ停止' })).toBeVisible();

  await expect(captureCard(page)).toContainText('山田 太郎');
  await expect(captureCard(page)).toContainText('新しいリード');
  await expect(captureCard(page)).toContainText('株式会社サンプル');

  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(1);
  expect(leads.rows[0]).toMatchObject({ fullName: '山田 太郎', company: '株式会社サンプル', source: 'camera' });

  // The chosen camera is remembered for next time.
  const settings = await api(host, 'settings.get', {});
  expect(settings.cameraId).toBeTruthy();
  await expect(page.getByRole('combobox', { name: '使用するカメラ' })).toHaveValue(settings.cameraId!);

  await page.getByRole('button', { name: 'カメラ停止' }).click();
  await expect(page.getByRole('button', { name: 'カメラ開始' })).toBeVisible();
  // Seen continuously while it was in front of the camera, the code was still one capture.
  expect((await api(host, 'leads.get', { id: leads.rows[0]!.id })).touches).toHaveLength(1);
});
