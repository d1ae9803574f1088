import { api, captureCard, fileBase64, scanWithScanner, sharedFixture } from './support/booth';
import fs from 'node:fs';
import path from 'node:path';
import { expect, repoRoot, test } from './support/host';
import { saveScreen } from './support/screens';

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
  await expect(captureCard(page).getByRole('button', { name: /ホット/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('recent-captures').locator('tbody tr')).toHaveCount(4);

  await page.mouse.move(0, 0);
  // The README's picture is tracked: a test run writes its shot to an ignored folder and
  // leaves docs/ alone unless asked to refresh it.
  const readmePicture = fs.statSync(path.join(repoRoot, 'docs', 'capture-screen.png')).mtimeMs;
  expect(fs.statSync(await saveScreen(page, 'capture-screen.png')).size).toBeGreaterThan(0);
  if (process.env.LEADBOOTH_UPDATE_SCREENSHOTS !== '1') {
    expect(fs.statSync(path.join(repoRoot, 'docs', 'capture-screen.png')).mtimeMs).toBe(readmePicture);
  }
});

// Scanners type a card's line breaks as Enter; ASCII, since keyboard input of kanji sends no keys.
const VCARD_LINES = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Suzuki;Hanako;;;',
  'FN:Hanako Suzuki',
  'ORG:Mirai Works;Sales',
  'TITLE:Manager',
  'EMAIL;TYPE=work:hanako.suzuki@mirai.example',
  'TEL;TYPE=work:03-1234-5678',
  'END:VCARD',
];

test('a multi-line vCard from the handheld scanner is one lead, whether its line breaks are CR, LF or CRLF', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  // Hardware timing: keys 2–15 ms apart; each line break one Enter, then the suffix Enter.
  await scanWithScanner(page, VCARD_LINES.join('\n'), { gapMs: 2, jitterMs: 13, lineBreak: 'enter', suffix: 'enter' });
  await expect(captureCard(page)).toContainText('新しいリード');
  await expect(captureCard(page)).toContainText('Mirai Works');
  let leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(1);
  expect(leads.rows[0]).toMatchObject({ familyName: 'Suzuki', givenName: 'Hanako', email: 'hanako.suzuki@mirai.example', source: 'scanner' });

  // Another person's card with CRLF typed as Enter Enter, and a CRLF suffix.
  const other = VCARD_LINES.map((line) => line.replace('Suzuki', 'Kato').replace('suzuki', 'kato').replace('Hanako', 'Jiro').replace('hanako', 'jiro'));
  await scanWithScanner(page, other.join('\n'), { gapMs: 2, jitterMs: 13, lineBreak: 'crlf', suffix: 'crlf' });
  await expect(captureCard(page)).toContainText('Kato');
  await expect(captureCard(page)).toContainText('新しいリード');
  leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(2);
  expect(leads.rows.map((lead) => lead.email).sort()).toEqual(['hanako.suzuki@mirai.example', 'jiro.kato@mirai.example']);
  await expect(page.getByTestId('recent-captures').locator('tbody tr')).toHaveCount(2);
});

test('a scan that is no badge we know stores nothing until the person chooses', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  const poster = 'Visit <b>booth 4B</b> & ask about demos!';
  await scanWithScanner(page, poster, { gapMs: 2, jitterMs: 13 });
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'unrecognized');
  await expect(captureCard(page)).toContainText('認識できないバッジです');
  // Shown as text, markup and all: never interpreted.
  await expect(page.getByTestId('unrecognized-text')).toHaveText(poster);
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);

  // Escape discards: still nothing stored.
  await page.keyboard.press('Escape');
  await expect(captureCard(page)).not.toHaveAttribute('data-outcome', 'unrecognized');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);

  // The next one the person keeps: Enter opens manual entry with the text as a note.
  await scanWithScanner(page, poster, { gapMs: 2, jitterMs: 13 });
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'unrecognized');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(dialog.getByLabel('メモ')).toHaveValue(poster);
  await dialog.getByLabel('姓').fill('Ogawa');
  await dialog.getByRole('button', { name: 'リードを追加' }).click();
  await expect(dialog).toBeHidden();
  await expect(captureCard(page)).toContainText('Ogawa');

  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.total).toBe(1);
  expect(leads.rows[0]).toMatchObject({ familyName: 'Ogawa', notes: poster, source: 'manual' });
});

test('"Enter by hand" starts from what a cut-short card said', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  // A card whose scanner gave up before its name: no person in it, so no lead.
  await scanWithScanner(page, 'BEGIN:VCARD\nVERSION:3.0\nTITLE:Manager\nURL:https://mirai.example', { gapMs: 2, jitterMs: 13 });
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'unrecognized');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);
  await captureCard(page).getByRole('button', { name: '手入力で登録' }).click();
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(dialog.getByLabel('役職')).toHaveValue('Manager');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  // Cancelling keeps the choice open, and still nothing is stored.
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'unrecognized');
  await captureCard(page).getByRole('button', { name: '破棄' }).click();
  await expect(captureCard(page)).not.toHaveAttribute('data-outcome', 'unrecognized');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);
});
