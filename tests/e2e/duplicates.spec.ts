import type { Page } from '@playwright/test';
import { api } from './support/booth';
import { expect, test } from './support/host';

/** A dictionary key that leaked onto the screen instead of its text. */
const KEY_NAME = /\b(?:duplicates|dedupe|error|nav|undo|status|triage|common)\.[a-z_]+/u;

async function expectNoKeyNames(page: Page) {
  await expect(page.locator('main')).not.toHaveText(/^$/u);
  expect(await page.locator('body').innerText()).not.toMatch(KEY_NAME);
}

test('confirm a suggested duplicate and undo it; a person’s other events in Triage; both languages', async ({ page, host }) => {
  const spring = await api(host, 'events.create', { name: 'Japan IT Week 春' });
  const autumn = await api(host, 'events.create', { name: 'Japan IT Week 秋' });
  // A returning visitor: one person across the two shows (his email typed in full width the second time).
  await api(host, 'capture.manual', { eventId: spring.id, fields: { fullName: '山田 太郎', email: 'taro@example.co.jp', company: '株式会社サンプル' } });
  await api(host, 'capture.manual', { eventId: autumn.id, fields: { fullName: '山田 太郎', email: 'ＴＡＲＯ＠EXAMPLE.CO.JP', company: '株式会社サンプル' } });
  // Same name and company only: suggested for a person.
  await api(host, 'capture.manual', { eventId: autumn.id, fields: { fullName: '鈴木 次郎', company: '株式会社サンプル', title: '課長' }, staff: '佐藤' });
  await api(host, 'capture.manual', { eventId: autumn.id, fields: { fullName: '鈴木次郎', company: '株式会社サンプル', title: '部長' }, staff: '田中' });

  await page.goto(host.openUrl);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: '名寄せ' }).click();
  const pairs = page.getByTestId('duplicate-pair');
  await expect(pairs).toHaveCount(1);
  const pair = pairs.first();
  await expect(pair.getByRole('heading')).toHaveText('氏名と会社が同じ');
  // What differs is highlighted; a name that differs only by a space is not.
  await expect(pair.locator('tr[data-differs="true"] th')).toHaveText(['部署・役職']);
  await expectNoKeyNames(page);

  await pair.getByRole('button', { name: 'マージ' }).click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('にマージしました');
  await expect(page.getByTestId('duplicates-empty')).toBeVisible();
  expect((await api(host, 'leads.list', { eventId: autumn.id })).total).toBe(2);

  await toast.getByRole('button', { name: '元に戻す' }).click();
  await expect(toast).toBeHidden();
  await expect(pairs).toHaveCount(1);
  await expect(pairs.first()).toContainText('マージ取り消し済み');
  expect((await api(host, 'leads.list', { eventId: autumn.id })).total).toBe(3);

  // Triage: the returning visitor's other show, in the detail panel.
  await nav.getByRole('link', { name: 'トリアージ' }).click();
  await page.getByTestId('triage-row').filter({ hasText: '山田 太郎' }).first().click();
  await expect(page.getByTestId('person-events')).toContainText(/Japan IT Week (春|秋)/u);
  await expect(page.getByTestId('person-events')).toContainText('この人の他のイベント');
  await expectNoKeyNames(page);

  // English: the same screen, and "not the same person" is remembered.
  await nav.getByRole('link', { name: '設定' }).click();
  await page.getByLabel('表示言語').selectOption('en');
  await nav.getByRole('link', { name: 'Duplicates' }).click();
  await expect(pairs.first().getByRole('heading')).toContainText('Same name and company');
  await expectNoKeyNames(page);
  await pairs.first().getByRole('button', { name: 'Not the same person' }).click();
  await expect(page.getByTestId('duplicates-empty')).toHaveText('No duplicates to confirm.');
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'merged automatically' })).toBeVisible();
  await expect(page.getByTestId('duplicates-empty')).toBeVisible();
  await expectNoKeyNames(page);

  await nav.getByRole('link', { name: 'Triage' }).click();
  await page.getByTestId('triage-row').filter({ hasText: '山田 太郎' }).first().click();
  await expect(page.getByTestId('person-events')).toContainText('This person at other events');
  await expectNoKeyNames(page);
});

test('a capture at a booth while the pairs are on screen leaves them in place under the person’s click', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week 秋' });
  await api(host, 'capture.manual', { eventId: event.id, fields: { fullName: '鈴木 次郎', company: '株式会社サンプル', title: '課長' }, staff: '佐藤' });
  await api(host, 'capture.manual', { eventId: event.id, fields: { fullName: '鈴木次郎', company: '株式会社サンプル', title: '部長' }, staff: '田中' });

  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: '名寄せ' }).click();
  const pairs = page.getByTestId('duplicate-pair');
  await expect(pairs).toHaveCount(1);
  const shown = await pairs.first().elementHandle();
  let lists = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/call/duplicates.list')) lists++;
  });

  // Every capture has the app read the event list again (its counts): a new copy of the event.
  const refreshed = page.waitForResponse((response) => response.url().endsWith('/api/call/events.list'));
  await api(host, 'capture.scan', { eventId: event.id, payload: 'MECARD:N:高橋,花子;ORG:テスト工業株式会社;EMAIL:hanako@test.co.jp;;' });
  await refreshed;
  // Two frames and a task: long enough for React to render the new list and run its effects.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));

  // The same pair element, never read again: a click on it lands.
  expect(await shown!.evaluate((element) => element.isConnected)).toBe(true);
  expect(lists).toBe(0);
  await pairs.first().getByRole('button', { name: 'マージ' }).click();
  await expect(page.getByTestId('undo-toast')).toContainText('にマージしました');
});
