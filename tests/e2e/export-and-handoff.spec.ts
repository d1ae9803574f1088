import fs from 'node:fs';
import { api } from './support/booth';
import { expect, test } from './support/host';

test('a marketer exports the selected leads as a HubSpot CSV that Excel opens safely', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const add = async (fields: Record<string, string>) => (await api(host, 'capture.manual', { eventId: event.id, fields, staff: 'Sato' })).lead;
  const yamada = await add({ familyName: '山田', givenName: '太郎', company: '株式会社サンプル', email: 'yamada@example.jp' });
  const hostile = await add({ familyName: '攻撃', givenName: '者', company: '=1+2', email: 'evil@example.jp' });
  await add({ familyName: '鈴木', givenName: '一郎', company: 'サンプル商事', email: 'suzuki@example.jp' });

  await page.goto(host.openUrl);
  await page.getByRole('link', { name: 'リード' }).click();
  await expect(page.getByTestId('leads-total')).toHaveText('3件');
  await page.getByRole('checkbox', { name: '山田 太郎 を選択' }).check();
  await page.getByRole('checkbox', { name: '攻撃 者 を選択' }).check();
  await expect(page.getByTestId('leads-selected')).toHaveText('2件を選択中');

  await page.getByRole('button', { name: 'CSVエクスポート' }).click();
  const dialog = page.getByRole('dialog', { name: 'CSVエクスポート' });
  await expect(dialog).toContainText('選択した 2件を書き出します。');
  await dialog.getByRole('radio', { name: 'HubSpot 取り込み用' }).check();
  await expect(dialog.getByRole('radio', { name: /UTF-8（BOM付き/u })).toBeChecked();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'ダウンロード' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/u);
  await expect(dialog.getByRole('status')).toContainText('2件を');

  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/u).filter(Boolean);
  expect(lines[0]).toMatch(/^First Name,Last Name,Email,Company Name,Job Title,Phone Number,Website URL,LeadBooth ID,/u);
  expect(lines).toHaveLength(3);
  const row = (id: string) => lines.find((line) => line.includes(id))!;
  expect(row(yamada.id)).toMatch(/^太郎,山田,yamada@example\.jp,株式会社サンプル,/u);
  // A cell a spreadsheet would run as a formula is written as text.
  expect(row(hostile.id)).toMatch(/^者,攻撃,evil@example\.jp,'=1\+2,/u);
  expect(lines.some((line) => line.includes('鈴木'))).toBe(false);

  // Every lead the list matches, beyond those chosen by hand.
  await dialog.getByRole('button', { name: '閉じる' }).click();
  await page.getByRole('button', { name: '条件に合う 3件をすべて選択' }).click();
  await expect(page.getByTestId('leads-selected')).toHaveText('条件に合う 3件すべてを選択中');
  await page.getByRole('button', { name: 'CSVエクスポート' }).click();
  await expect(dialog).toContainText('条件に合う 3件を書き出します。');
  await dialog.getByRole('radio', { name: 'Shift_JIS（CP932）' }).check();
  const downloadingAll = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'ダウンロード' }).click();
  const all = fs.readFileSync((await (await downloadingAll).path())!);
  expect(all[0]).not.toBe(0xef); // no BOM in CP932
  expect(all.toString('latin1').split(/\r?\n/u).filter(Boolean)).toHaveLength(4);
});

test('a booth laptop hands its leads over as a device bundle, and importing it twice changes nothing', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  for (const name of ['山田', '田中']) {
    await api(host, 'capture.manual', { eventId: event.id, fields: { familyName: name, email: `${name === '山田' ? 'yamada' : 'tanaka'}@example.jp` } });
  }

  await page.goto(host.openUrl);
  await page.getByRole('link', { name: 'イベント' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '「Japan IT Week」の端末間データを書き出す' }).click();
  const bundle = await downloading;
  await expect(page.getByText(/リード 2件・履歴 \d+件を「.+」に書き出しました。/u)).toBeVisible();

  await page.getByLabel('取り込む端末間データ').setInputFiles({
    name: bundle.suggestedFilename(),
    mimeType: 'application/json',
    buffer: fs.readFileSync((await bundle.path())!),
  });
  const result = page.getByTestId('bundle-result');
  await expect(result).toContainText('既存のイベントに取り込みました。');
  await expect(result).toContainText('追加 0');
  await expect(result).toContainText('変更なし 2');
  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(2);
});
