import { api } from './support/booth';
import { expect, test } from './support/host';

test('the leads list loads pages as you scroll, and searches', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const payloads = Array.from({ length: 450 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return `MECARD:N:Visitor${n},Test;ORG:Company ${n};EMAIL:visitor${n}@example.jp;;`;
  });
  const run = host.cli(['capture', '--from', '-', '--event', event.id, '--staff', 'Sato'], payloads.join('\n') + '\n');
  expect(run.status, run.stderr).toBe(0);
  await api(host, 'capture.scan', { eventId: event.id, payload: 'MECARD:N:山田,太郎;SOUND:ヤマダ,タロウ;ORG:株式会社サンプル;;' });

  await page.goto(host.openUrl);
  await page.getByRole('link', { name: 'リード' }).click();
  await expect(page.getByTestId('leads-total')).toHaveText('451件');
  const table = page.getByRole('table', { name: 'リード' });
  await expect(table).toHaveAttribute('aria-rowcount', '452');
  await expect(page.getByTestId('lead-row').first()).toContainText('山田 太郎');
  await expect(page.getByTestId('lead-row').first()).toContainText('ヤマダ タロウ');
  // Only what is on screen is in the page, not 451 rows.
  expect(await page.getByTestId('lead-row').count()).toBeLessThan(100);

  // The oldest lead is in the third page of 200: scrolling to the end loads it.
  await page.getByTestId('lead-row').first().hover();
  await page.mouse.wheel(0, 100_000);
  await expect(page.getByTestId('lead-row').filter({ hasText: 'Test Visitor000' })).toBeVisible();

  await page.getByRole('searchbox', { name: '検索' }).fill('Visitor12');
  await expect(page.getByTestId('leads-total')).toHaveText('10件');
  await expect(page.getByTestId('lead-row')).toHaveCount(10);

  await page.getByRole('searchbox', { name: '検索' }).fill('該当なし');
  await expect(page.getByTestId('leads-total')).toHaveText('0件');
  await expect(page.getByText('条件に合うリードはありません。')).toBeVisible();
});
