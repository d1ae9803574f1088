import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { api } from './support/booth';
import { expect, test } from './support/host';
import { saveScreen } from './support/screens';

/** A dictionary key that leaked onto the screen instead of its text. */
const KEY_NAME = /\b(?:app|nav|topbar|event|dashboard|error|common|triage|status)\.[a-z_]+/u;

const mecard = (family: string, given: string, email: string) => `MECARD:N:${family},${given};EMAIL:${email};;`;

/** How many pixels of each chart's canvas are not the white background: a drawn chart has many. */
async function inkPerChart(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('dashboard-charts').evaluate((grid) => {
    const out: Record<string, number> = {};
    for (const card of grid.querySelectorAll<HTMLElement>('[data-testid^="chart-"]')) {
      const canvas = card.querySelector('canvas');
      if (!canvas) {
        out[card.dataset.testid!] = 0;
        continue;
      }
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) ink++;
      out[card.dataset.testid!] = ink;
    }
    return out;
  });
}

async function expectChartsDrawn(page: Page) {
  await expect(page.getByTestId('dashboard-charts').locator('[data-testid^="chart-"]')).toHaveCount(14);
  await expect.poll(async () => Object.values(await inkPerChart(page)).filter((ink) => ink < 500).length).toBe(0);
}

async function expectNoKeyNames(page: Page) {
  expect(await page.locator('body').innerText()).not.toMatch(KEY_NAME);
  const labels = await page.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const label of labels) expect(label).not.toMatch(KEY_NAME);
}

test('the dashboard draws every chart in both languages, updates live and downloads PNG and CSV', async ({ page, host }) => {
  // Two languages, two scopes, three downloads: longer than one screen's test.
  test.setTimeout(120_000);
  const event = await api(host, 'events.create', { name: 'Japan IT Week 2026' });
  const people = [
    ['Sato', 'Hanako', 'hanako@acme.co.jp', '佐藤'], ['Suzuki', 'Ichiro', 'ichiro@acme.co.jp', '佐藤'],
    ['Tanaka', 'Ken', 'ken@sample.co.jp', '鈴木'], ['Ito', 'Aya', 'aya@sample.co.jp', '鈴木'],
  ] as const;
  const ids: string[] = [];
  for (const [family, given, email, staff] of people) {
    const scanned = await api(host, 'capture.scan', { eventId: event.id, payload: mecard(family, given, email), staff });
    ids.push(scanned.lead.id);
  }
  await api(host, 'leads.update', { id: ids[0]!, rating: 'hot', answers: { interest: ['product_a'], budget: 'secured' } });
  await api(host, 'leads.update', { id: ids[1]!, rating: 'warm', answers: { interest: ['product_b'], budget: 'undecided' } });
  await api(host, 'leads.setStatus', { id: ids[0]!, to: 'mql' });
  await api(host, 'leads.setStatus', { id: ids[0]!, to: 'sal' });
  await api(host, 'leads.setStatus', { id: ids[1]!, to: 'mql' });
  await api(host, 'leads.setStatus', { id: ids[1]!, to: 'rejected', reason: 'no_budget' });

  await page.goto(host.openUrl);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'ダッシュボード' }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByLabel('対象イベント')).toHaveValue(event.id);
  await expectChartsDrawn(page);
  const funnel = page.getByTestId('chart-funnel').getByRole('img');
  await expect(funnel).toHaveAttribute('aria-label', /獲得 4, 評価済み 2, MQL 2, SAL 1/u);
  await expect(page.getByTestId('chart-acceptance_grade').getByRole('img')).toHaveAttribute('aria-label', /\. [A-D] 1 1 50$/u);
  await expectNoKeyNames(page);

  // A scan at the booth shows up without a reload.
  await api(host, 'capture.scan', { eventId: event.id, payload: mecard('Kato', 'Sho', 'sho@mirai.co.jp'), staff: '佐藤' });
  await expect(funnel).toHaveAttribute('aria-label', /獲得 5,/u);
  await expect(page.getByTestId('chart-staff').getByRole('img')).toHaveAttribute('aria-label', /佐藤 3/u);

  // So do an edit and a status change made elsewhere (another screen, the CLI, a CRM's verdict).
  await api(host, 'leads.update', { id: ids[2]!, rating: 'cold' });
  await expect(funnel).toHaveAttribute('aria-label', /獲得 5, 評価済み 3, MQL 2,/u);
  await api(host, 'leads.setStatus', { id: ids[2]!, to: 'mql' });
  await expect(funnel).toHaveAttribute('aria-label', /獲得 5, 評価済み 3, MQL 3,/u);

  // One chart as a picture, and its numbers as a spreadsheet.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-funnel').getByRole('button', { name: /ファネル.*を PNG で保存/u }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('Japan_IT_Week_2026-funnel.png');
  const pngBytes = fs.readFileSync(await png.path());
  expect(pngBytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(pngBytes.length).toBeGreaterThan(5000);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-funnel').getByRole('button', { name: /ファネル.*のデータを CSV で保存/u }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('Japan_IT_Week_2026-funnel.csv');
  expect(fs.readFileSync(await csv.path(), 'utf8')).toBe('\ufeff段階,人数\r\n獲得,5\r\n評価済み,3\r\nMQL,3\r\nSAL,1\r\n');

  // Every event at once.
  await page.getByLabel('対象イベント').selectOption({ label: 'すべてのイベント' });
  await expect(page.getByTestId('chart-acceptance_event').getByRole('img')).toHaveAttribute('aria-label', /Japan IT Week 2026 1 1 50/u);
  await expectChartsDrawn(page);

  // English.
  await nav.getByRole('link', { name: '設定' }).click();
  await page.getByLabel('表示言語').selectOption('en');
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.getByLabel('Event to report').selectOption(event.id);
  await expect(page.getByTestId('chart-funnel').getByRole('img')).toHaveAttribute('aria-label', /Captured 5, Qualified 3, MQL 3, SAL 1/u);
  await expect(page.getByTestId('chart-rejected_reasons').getByRole('img')).toHaveAttribute('aria-label', /No budget 1/u);
  await expectChartsDrawn(page);
  await expectNoKeyNames(page);
  const [englishCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-staff').getByRole('button', { name: 'Save the data of “People captured per staff member” as CSV' }).click(),
  ]);
  expect(fs.readFileSync(await englishCsv.path(), 'utf8')).toBe('\ufeffStaff,People\r\n佐藤,3\r\n鈴木,2\r\n');

  // The picture in the README.
  await page.setViewportSize({ width: 1600, height: 1250 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectChartsDrawn(page);
  // Written under test-results/screens/; copied to docs/ (the README's) only with LEADBOOTH_UPDATE_SCREENSHOTS=1.
  expect(fs.statSync(await saveScreen(page, 'dashboard.png')).size).toBeGreaterThan(0);
});
