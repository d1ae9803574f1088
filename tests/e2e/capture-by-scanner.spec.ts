import { api, captureCard, fileBase64, scanWithScanner, sharedFixture } from './support/booth';
import { expect, repoRoot, test } from './support/host';
import path from 'node:path';

const MECARD = 'MECARD:N:Yamada,Taro;ORG:Acme Trading;EMAIL:taro.yamada@acme.example;;';

test('a badge read by the handheld scanner becomes a lead; reading it again merges into the same lead', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);

  const staff = page.getByRole('combobox', { name: '担当者' });
  await staff.fill('Sato');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('保存しました')).toBeVisible();
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  await scanWithScanner(page, MECARD);
  await expect(captureCard(page)).toContainText('新しいリード');
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await expect(captureCard(page)).toContainText('Acme Trading');
  await expect(page.getByTestId('recent-captures')).toContainText('Taro Yamada');

  let leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(1);
  expect(leads.rows[0]).toMatchObject({ email: 'taro.yamada@acme.example', capturedBy: 'Sato', source: 'scanner' });

  await scanWithScanner(page, MECARD);
  await expect(captureCard(page)).toContainText(/\d\d:\d\dにSatoが取得済み/u);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(1);
});

test('typing by hand is not a scan, and a scan while a text field has focus does not land in it', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  await page.getByRole('button', { name: '手入力で追加' }).click();
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  const company = dialog.getByLabel('会社名');
  await company.click();
  await company.pressSequentially('Suzuki Shoji', { delay: 120 });
  await page.keyboard.press('Tab');
  await expect(company).toHaveValue('Suzuki Shoji');

  const department = dialog.getByLabel('部署');
  await expect(department).toBeFocused();
  await department.pressSequentially('Sales', { delay: 120 });
  await scanWithScanner(page, 'EXPO2026-000777');

  await expect(captureCard(page)).toContainText('EXPO2026-000777');
  await expect(department).toHaveValue('Sales');
  await expect(company).toHaveValue('Suzuki Shoji');
  await expect(department).toBeFocused();

  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.rows.map((lead) => lead.badgeId)).toEqual(['EXPO2026-000777']);

  // The hand-typed entry is still there to finish, and becomes its own lead.
  await dialog.getByLabel('姓').fill('鈴木');
  await dialog.getByRole('button', { name: 'リードを追加' }).click();
  await expect(dialog).toBeHidden();
  await expect(captureCard(page)).toContainText('鈴木');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(2);
});

test('a reload keeps the leads, the event and the staff name', async ({ page, host }) => {
  await api(host, 'events.create', { name: '別の展示会', kind: 'tradeshow' });
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await api(host, 'settings.update', { staffName: 'Tanaka' });
  await page.goto(host.openUrl);
  await page.getByRole('combobox', { name: 'イベント' }).selectOption({ label: 'Japan IT Week（展示会）' });

  await scanWithScanner(page, MECARD);
  await expect(captureCard(page)).toContainText('新しいリード');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'イベント' })).toHaveValue(event.id);
  await expect(page.getByRole('combobox', { name: '担当者' })).toHaveValue('Tanaka');
  await expect(page.getByTestId('recent-captures')).toContainText('Taro Yamada');

  await page.getByRole('link', { name: 'リード' }).click();
  await expect(page.getByTestId('leads-total')).toHaveText('1件');
  await expect(page.getByTestId('lead-row')).toContainText(['Taro Yamada']);

  await page.reload();
  await expect(page.getByTestId('lead-row')).toContainText(['Taro Yamada']);
});

test('the Capture screen after a scan (README screenshot)', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week 秋 2026', kind: 'tradeshow', venue: '幕張メッセ' });
  await api(host, 'roster.import', { eventId: event.id, file: fileBase64(sharedFixture('roster-sjis.csv')) });
  const earlier = [
    ['EXPO2026-000125', '田中'],
    ['BEGIN:VCARD\nVERSION:3.0\nN:高橋;健一;;;\nX-PHONETIC-LAST-NAME:タカハシ\nX-PHONETIC-FIRST-NAME:ケンイチ\nORG:株式会社ミライ製作所;開発本部\nTITLE:主任\nEMAIL:k.takahashi@mirai.example.jp\nEND:VCARD', '田中'],
    ['EXPO2026-000123', '佐藤'],
  ] as const;
  for (const [payload, staff] of earlier) await api(host, 'capture.scan', { eventId: event.id, payload, staff, source: 'camera' });
  await api(host, 'settings.update', { staffName: '佐藤' });

  await page.goto(host.openUrl);
  await expect(page.getByTestId('recent-captures')).toContainText('高橋 健一');
  await scanWithScanner(page, 'EXPO2026-000124');
  await expect(captureCard(page)).toContainText('佐藤 花子');
  await expect(captureCard(page)).toContainText('新しいリード');
  await page.keyboard.press('1');
  await expect(captureCard(page).getByRole('button', { name: /Hot/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('recent-captures').locator('tbody tr')).toHaveCount(4);

  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(repoRoot, 'docs', 'capture-screen.png') });
});
