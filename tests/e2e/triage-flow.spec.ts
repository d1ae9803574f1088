import type { Page } from '@playwright/test';
import { startFakeHubspot, type FakeHubspot } from '../support/crm/hubspot';
import { api, captureCard, scanWithScanner } from './support/booth';
import { expect, test } from './support/host';

/**
 * The whole demand-generation flow of one lead, in Chromium against the browser host and a
 * HubSpot stand-in on 127.0.0.1: qualified at the booth from the keyboard → MQL by the rules
 * → an owner by the default-owner rule → delivered (the default policy sends MQLs only) →
 * sales reject it in HubSpot with a reason → the next sync brings the rejection back.
 */

let crm: FakeHubspot;
test.beforeEach(async () => {
  crm = await startFakeHubspot();
});
test.afterEach(async () => {
  await crm.close();
});

// ASCII only: a hardware scanner in keyboard mode types what a US keyboard can.
const DIRECTOR = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Yamada;Taro', 'FN:Taro Yamada', 'ORG:Acme Trading', 'TITLE:Director of Sales', 'EMAIL:taro.yamada@acme-trading.example', 'END:VCARD'].join('\r\n');
const STUDENT = 'MECARD:N:Suzuki,Hanako;ORG:Mirai University;EMAIL:hanako@gmail.com;;';

const step = (page: Page, key: string) => captureCard(page).locator(`[data-testid="qualify-step"][data-key="${key}"]`);

test('qualified at the booth, the lead becomes MQL with an owner, reaches HubSpot, and sales’ rejection comes back with its reason', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await api(host, 'consent.save', { eventId: event.id, textJa: '製品のご案内に利用します。', textEn: 'We use your details to tell you about our products.' });
  await api(host, 'owners.save', { email: 'tanaka@sales.example.jp', name: '田中 一郎', team: '東日本営業', active: true });
  const { triage } = await api(host, 'rules.get', {});
  await api(host, 'rules.save', { triage: { ...triage, defaultOwner: 'tanaka@sales.example.jp' } });
  await api(host, 'connectors.configure', {
    name: 'hubspot', enabled: true,
    settings: { url: crm.url, autoUploadMinutes: 0 },
    secrets: { token: crm.token },
  });

  // The booth: scan, then rating, three answers, follow-up wanted and consent from the keyboard.
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();
  await scanWithScanner(page, DIRECTOR);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await page.keyboard.press('1'); // ホット
  await expect(step(page, 'interest')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('1'); // 製品A
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('1'); // 導入時期: 3か月以内
  await expect(step(page, 'budget')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('1'); // 予算: 確保済み
  await expect(step(page, 'role')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('1'); // 決裁者
  await expect(step(page, 'follow_up')).toHaveAttribute('aria-current', 'step');
  // A person's pace: keys in a scanner's rhythm would be read as the start of a scan.
  await page.keyboard.press('4'); // 訪問
  await expect(step(page, 'follow_up').getByRole('button', { name: /訪問/u })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(150);
  await page.keyboard.press('5'); // 見積
  await expect(step(page, 'follow_up').getByRole('button', { name: /見積/u })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(150);
  await page.keyboard.press('c');
  await expect(captureCard(page).getByRole('button', { name: /同意を得た/u })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(150);
  // The next badge saves the card.
  await scanWithScanner(page, STUDENT);
  await expect(captureCard(page)).toContainText('Hanako Suzuki');

  // Triage: the director is an MQL of grade A or B, owned by the default owner; the student is not.
  await page.getByRole('navigation').getByRole('link', { name: 'トリアージ' }).click();
  const rows = page.getByTestId('triage-row');
  await expect(rows).toHaveCount(2);
  const taro = rows.filter({ hasText: 'Taro Yamada' });
  await expect(taro.locator('.triage__cell--status')).toHaveText('MQL');
  await expect(taro.locator('.triage__cell--grade')).toHaveText(/^[AB]$/u);
  await expect(taro.locator('.triage__cell--owner')).toHaveText('田中 一郎');
  await expect(rows.filter({ hasText: 'Hanako Suzuki' }).locator('.triage__cell--status')).toHaveText('新規');
  await taro.click();
  const detail = page.getByTestId('triage-detail');
  await expect(detail.getByTestId('triage-explanation')).toContainText('評価: ホット');
  await expect(detail.getByTestId('triage-status-history')).toContainText('新規 → MQL');

  // Delivery: the default policy sends the MQL, not the unreviewed student.
  await page.getByRole('navigation').getByRole('link', { name: 'アップロード' }).click();
  const hubspot = page.getByRole('region', { name: 'HubSpot' });
  await expect(hubspot.getByTestId('count-pending')).toHaveText('1');
  await hubspot.getByRole('button', { name: '今すぐアップロード' }).click();
  await expect(hubspot.getByTestId('count-done')).toHaveText('1');
  const lead = (await api(host, 'triage.query', { filter: { eventIds: [event.id], statuses: ['mql'] } })).rows[0]!;
  expect(crm.contacts.find(lead.personId!)?.fields.email).toBe('taro.yamada@acme-trading.example');
  expect(crm.contacts.find(lead.personId!)?.fields.leadbooth_status).toBeDefined();

  // Sales reject it in HubSpot; the next sync brings the verdict back onto the lead.
  crm.setLeadStatus(lead.personId!, 'UNQUALIFIED', '予算なし');
  await hubspot.getByRole('button', { name: '今すぐアップロード' }).click();
  await expect.poll(async () => (await api(host, 'leads.detail', { id: lead.id })).lead.status).toBe('rejected');

  await page.getByRole('navigation').getByRole('link', { name: 'トリアージ' }).click();
  await rows.filter({ hasText: 'Taro Yamada' }).click();
  await expect(detail.getByTestId('triage-detail-status')).toContainText('差し戻し');
  await expect(detail).toContainText('予算なし');
  await expect(detail.getByTestId('triage-status-history')).toContainText('MQL → 差し戻し');
  await expect(detail.getByTestId('delivery-hubspot')).toContainText('UNQUALIFIED');
});
