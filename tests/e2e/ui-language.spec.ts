import type { Page } from '@playwright/test';
import { api } from './support/booth';
import { expect, test } from './support/host';

/** A dictionary key that leaked onto the screen instead of its text. */
const KEY_NAME = /\b(?:app|nav|topbar|event|field|rating|common|capture|card|recent|leads|events|roster|settings|error|upload|connector|secrets|leadfield|export|bundle|door|undo|qualify|triage|status|rule|rules|reason|assign|owners|accounts|targets|duplicates|dashboard|meishi|form|consent|person)\.[a-z_]+/u;

/** Ten screens and the event picker share the top bar of a 1280 px laptop: nothing may overlap. */
async function expectTopBarFits(page: Page) {
  const picker = await page.locator('.topbar__event select').boundingBox();
  const links = await page.getByRole('navigation').getByRole('link').all();
  const first = await links[0]!.boundingBox();
  const last = await links[links.length - 1]!.boundingBox();
  const status = await page.locator('.scanner-status').boundingBox();
  expect(picker!.x + picker!.width).toBeLessThanOrEqual(first!.x);
  expect(last!.x + last!.width).toBeLessThanOrEqual(status!.x);
  expect(status!.x + status!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  // One row: every link on the same line.
  for (const link of links) expect((await link.boundingBox())!.y).toBe(first!.y);
}

async function expectNoKeyNames(page: Page) {
  await expect(page.locator('main')).not.toHaveText(/^$/u);
  expect(await page.locator('body').innerText()).not.toMatch(KEY_NAME);
}

/** Every screen in the navigation, in its order. */
const SCREENS = ['capture', 'door', 'leads', 'triage', 'accounts', 'duplicates', 'dashboard', 'upload', 'events', 'settings'] as const;

async function visitEveryScreen(page: Page, labels: Record<(typeof SCREENS)[number] | 'manual', string>) {
  const nav = page.getByRole('navigation');
  await expectTopBarFits(page);
  for (const screen of SCREENS) {
    await nav.getByRole('link', { name: labels[screen] }).click();
    await expect(nav.getByRole('link', { name: labels[screen] })).toHaveAttribute('aria-current', 'page');
    await expectNoKeyNames(page);
  }
  await nav.getByRole('link', { name: labels.capture }).click();
  await page.getByRole('button', { name: labels.manual }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoKeyNames(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  // The lead editor: Leads → a row.
  await nav.getByRole('link', { name: labels.leads }).click();
  await page.getByTestId('lead-row').first().click();
  await expect(page.getByTestId('lead-history')).toBeVisible();
  await expectNoKeyNames(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
}

test('the UI switches to English in Settings, and no screen shows a key name in either language', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'seminar' });
  await api(host, 'capture.scan', { eventId: event.id, payload: 'MECARD:N:Sato,Hanako;EMAIL:hanako.sato@example.jp;;', staff: 'Sato' });
  await page.goto(host.openUrl);

  await visitEveryScreen(page, { capture: 'キャプチャ', door: '受付', leads: 'リード', triage: 'トリアージ', accounts: 'アカウント', duplicates: '名寄せ', dashboard: 'ダッシュボード', upload: 'アップロード', events: 'イベント', settings: '設定', manual: '手入力で追加' });

  await page.getByRole('link', { name: '設定' }).click();
  await page.getByLabel('表示言語').selectOption('en');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link')).toHaveText(['Capture', 'Check-in', 'Leads', 'Triage', 'Accounts', 'Duplicates', 'Dashboard', 'Upload', 'Events', 'Settings']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await visitEveryScreen(page, { capture: 'Capture', door: 'Check-in', leads: 'Leads', triage: 'Triage', accounts: 'Accounts', duplicates: 'Duplicates', dashboard: 'Dashboard', upload: 'Upload', events: 'Events', settings: 'Settings', manual: 'Add manually' });

  // The choice is kept by the device.
  await page.reload();
  await expect(nav.getByRole('link')).toHaveText(['Capture', 'Check-in', 'Leads', 'Triage', 'Accounts', 'Duplicates', 'Dashboard', 'Upload', 'Events', 'Settings']);
});
