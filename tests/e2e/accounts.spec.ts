import type { Page } from '@playwright/test';
import { api } from './support/booth';
import { expect, test, type Host } from './support/host';

/** A dictionary key that leaked onto the screen instead of its text. */
const KEY_NAME = /\b(?:accounts|targets|nav|status|common|error|app|topbar)\.[a-z_]+/u;

async function expectNoKeyNames(page: Page) {
  await expect(page.locator('main')).not.toHaveText(/^$/u);
  expect(await page.locator('body').innerText()).not.toMatch(KEY_NAME);
}

/** Two shows; 日立 met at both under two spellings, サンプル under two unrelated domains (a flag). */
async function seed(host: Host) {
  const expo = await api(host, 'events.create', { name: 'Japan IT Week 秋', venue: '幕張メッセ' });
  const seminar = await api(host, 'events.create', { name: 'DXセミナー 12月', kind: 'seminar' });
  const meet = (eventId: string, fields: Record<string, string>) => api(host, 'capture.manual', { eventId, fields, staff: '佐藤' });
  await meet(expo.id, { fullName: '山田 太郎', company: '株式会社日立製作所', email: 'taro.yamada@hitachi.co.jp', title: '部長' });
  await meet(seminar.id, { fullName: 'Hanako Sato', company: 'Hitachi, Ltd.', email: 'hanako.sato@sales.hitachi.co.jp', title: 'Director' });
  await meet(expo.id, { fullName: '田中 一郎', company: '株式会社サンプル', email: 'ichiro@sample.co.jp' });
  await meet(expo.id, { fullName: '高橋 花子', company: 'サンプル株式会社', email: 'hanako@sample-trading.com' });
  const csv = '会社名,ドメイン,ティア\n日立製作所,hitachi.co.jp,Tier 1\n';
  await api(host, 'targets.import', { file: Buffer.from(csv, 'utf8').toString('base64') });
}

const accountRow = (page: Page, name: string) => page.getByTestId('account-row').filter({ has: page.getByRole('button', { name, exact: true }) });

test('open an account and see its people across events; merge two after confirming; both languages', async ({ page, host }) => {
  await seed(host);
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'アカウント' }).click();

  await expect(page.getByTestId('accounts-total')).toHaveText('3 社');
  await expect(accountRow(page, '株式会社日立製作所').getByTestId('target-badge')).toHaveText('ターゲット Tier 1');
  await expect(page.getByTestId('account-flag')).toContainText('同じ社名で別のドメインがあります');
  await expectNoKeyNames(page);

  // Open 日立: both people, from both events.
  await page.getByRole('button', { name: '株式会社日立製作所', exact: true }).click();
  const detail = page.getByTestId('account-detail');
  await expect(detail.getByTestId('account-people').locator('tbody tr')).toHaveCount(2);
  await expect(detail.getByTestId('account-people')).toContainText('山田 太郎');
  await expect(detail.getByTestId('account-people')).toContainText('Hanako Sato');
  await expect(detail.getByTestId('account-people')).toContainText('DXセミナー 12月');
  await expect(detail).toContainText('2 人（2 イベント）');
  await expectNoKeyNames(page);
  await page.keyboard.press('Escape');

  // Merge サンプル株式会社 into 株式会社サンプル, confirming first.
  await page.getByRole('button', { name: 'サンプル株式会社', exact: true }).click();
  await detail.getByLabel('統合先').selectOption({ label: '株式会社サンプル (sample.co.jp)' });
  await detail.getByRole('button', { name: '統合する' }).click();
  const confirm = page.getByRole('alertdialog', { name: '確認' });
  await expect(confirm).toContainText('「サンプル株式会社」を「株式会社サンプル」に統合します');
  await confirm.getByRole('button', { name: '統合する' }).click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName('株式会社サンプル');
  await expect(detail.getByTestId('account-people').locator('tbody tr')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('accounts-total')).toHaveText('2 社');

  // English: the same screen, the target filter, the account.
  await api(host, 'settings.update', { language: 'en' });
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByTestId('accounts-total')).toHaveText('2 accounts');
  await page.getByLabel('Target', { exact: true }).selectOption('target');
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await expect(page.getByTestId('target-badge')).toHaveText('Target Tier 1');
  await expectNoKeyNames(page);
  await page.getByRole('button', { name: '株式会社日立製作所', exact: true }).click();
  await expect(detail).toContainText('2 people (2 events)');
  await expectNoKeyNames(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Import target accounts' }).click();
  await expect(page.getByRole('dialog')).toContainText('UTF-8 or Shift_JIS');
  await expectNoKeyNames(page);
});

test('target accounts are marked in Triage and Leads, and Triage filters on them and on one account; both languages', async ({ page, host }) => {
  await seed(host);
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'トリアージ' }).click();
  await expect(page.getByTestId('triage-total')).toHaveText('4件');

  // The two 日立 people (one per event) carry the mark; the others do not.
  const row = (name: string) => page.getByTestId('triage-row').filter({ hasText: name });
  await expect(row('山田 太郎').getByTestId('target-badge')).toHaveText('ターゲット Tier 1');
  await expect(row('Hanako Sato').getByTestId('target-badge')).toHaveText('ターゲット Tier 1');
  await expect(row('田中 一郎').getByTestId('target-badge')).toHaveCount(0);

  // Target accounts only: just their leads.
  await page.getByRole('button', { name: '絞り込み', exact: true }).click();
  const filters = page.getByTestId('triage-filters');
  await filters.getByRole('group', { name: 'アカウント' }).getByLabel('ターゲットアカウント').selectOption({ label: 'ターゲットアカウントのみ' });
  await expect(page.getByTestId('triage-total')).toHaveText('2件');
  await expect(page.getByTestId('triage-row')).toHaveCount(2);
  await expect(page.getByTestId('triage-row').getByTestId('target-badge')).toHaveCount(2);
  await expectNoKeyNames(page);

  // The detail panel marks the lead's account too.
  await row('山田 太郎').click();
  await expect(page.getByTestId('triage-detail-target')).toHaveText('ターゲット Tier 1');
  await page.getByTestId('triage-detail').getByRole('button', { name: '閉じる' }).click();

  // The other accounts: none of them marked.
  await filters.getByRole('group', { name: 'アカウント' }).getByLabel('ターゲットアカウント').selectOption({ label: 'ターゲット以外のみ' });
  await expect(page.getByTestId('triage-total')).toHaveText('2件');
  await expect(page.getByTestId('triage-row').getByTestId('target-badge')).toHaveCount(0);

  // From an account to its leads in Triage, named in the filter.
  await page.getByRole('navigation').getByRole('link', { name: 'アカウント' }).click();
  await page.getByRole('button', { name: '株式会社サンプル', exact: true }).click();
  await page.getByTestId('account-detail').getByRole('button', { name: 'この会社のリードをトリアージで表示' }).click();
  await expect(page.getByRole('heading', { name: 'トリアージ', level: 1 })).toBeVisible();
  await expect(page.getByTestId('triage-total')).toHaveText('1件');
  await expect(page.getByTestId('triage-row')).toHaveText([/田中 一郎/u]);
  await page.getByRole('button', { name: '絞り込み（1）' }).click();
  const accountBox = page.getByTestId('triage-filters').getByRole('group', { name: 'アカウント' }).getByLabel('株式会社サンプル');
  await expect(accountBox).toBeChecked();
  await expectNoKeyNames(page);
  await accountBox.click();
  await expect(page.getByTestId('triage-total')).toHaveText('4件');

  // The Leads list marks them as well.
  await page.getByRole('navigation').getByRole('link', { name: 'リード' }).click();
  await page.locator('.topbar__event select').selectOption({ label: 'Japan IT Week 秋（展示会）' });
  await expect(page.getByTestId('lead-row').filter({ hasText: '山田 太郎' }).getByTestId('target-badge')).toHaveText('ターゲット Tier 1');
  await expect(page.getByTestId('lead-row').filter({ hasText: '田中 一郎' }).getByTestId('target-badge')).toHaveCount(0);

  // English.
  await api(host, 'settings.update', { language: 'en' });
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: 'Triage' }).click();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByTestId('triage-filters').getByRole('group', { name: 'Accounts' }).getByLabel('Target accounts').selectOption({ label: 'Target accounts only' });
  await expect(page.getByTestId('triage-total')).toHaveText('2 leads');
  await expect(page.getByTestId('triage-row').getByTestId('target-badge')).toHaveText(['Target Tier 1', 'Target Tier 1']);
  await expectNoKeyNames(page);
});

test('the Accounts list loads more accounts as it is scrolled, each once', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const payloads = Array.from({ length: 260 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return `MECARD:N:Visitor${n},Test;ORG:Company ${n};EMAIL:visitor${n}@c${n}.co.jp;;`;
  });
  const run = host.cli(['capture', '--from', '-', '--event', event.id, '--staff', 'Sato'], payloads.join('\n') + '\n');
  expect(run.status, run.stderr).toBe(0);

  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'アカウント' }).click();
  await expect(page.getByTestId('accounts-total')).toHaveText('260 社');
  const rows = page.getByTestId('account-row');
  // A first page, then the rest as the end of the list comes into view.
  await expect(rows).not.toHaveCount(0);
  expect(await rows.count()).toBeLessThan(260);
  // evaluateAll, not a locator action: the mark is gone once the last page is in, and an action
  // would wait for it to come back until the poll gave up.
  await expect
    .poll(async () => {
      await page.getByTestId('accounts-more').evaluateAll((marks) => marks.forEach((mark) => mark.scrollIntoView()));
      return rows.count();
    })
    .toBe(260);
  await expect(page.getByTestId('accounts-more')).toHaveCount(0);
  const names = await rows.locator('td:first-child').allInnerTexts();
  expect(new Set(names).size).toBe(260);
});
