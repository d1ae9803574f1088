import type { Page } from '@playwright/test';
import { api, captureCard, scanWithScanner } from './support/booth';
import { expect, test, type Host } from './support/host';

const TARO = 'MECARD:N:Yamada,Taro;ORG:Acme Trading;EMAIL:taro.yamada@acme.example;;';
const HANAKO = 'MECARD:N:Suzuki,Hanako;ORG:Mirai Works;EMAIL:hanako.suzuki@mirai.example;;';

/** A dictionary key that leaked onto the screen instead of its text (as in ui-language.spec.ts). */
const KEY_NAME = /\b(?:rating|common|capture|card|recent|qualify|undo|consent|photo|error|field)\.[a-z_]+/u;

/** Every key the test sends from the keyboard goes through here, so the test can count them. */
function countingKeyboard(page: Page) {
  const counter = {
    presses: 0,
    async press(key: string) {
      counter.presses += 1;
      await page.keyboard.press(key);
    },
  };
  return counter;
}

async function leadByEmail(host: Host, eventId: string, email: string) {
  const found = (await api(host, 'leads.list', { eventId })).rows.find((lead) => lead.email === email);
  if (!found) throw new Error(`no lead with ${email}`);
  return found;
}

const step = (page: Page, key: string) => captureCard(page).locator(`[data-testid="qualify-step"][data-key="${key}"]`);

test('a lead is rated, answers three questions and gives consent from the keyboard alone; the next scan saves it, note and all', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const consent = await api(host, 'consent.save', {
    eventId: event.id,
    textJa: '取得した個人情報は製品のご案内に利用します。',
    textEn: 'We use your details to tell you about our products.',
  });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  await scanWithScanner(page, TARO);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await expect(step(page, 'rating')).toHaveAttribute('aria-current', 'step');
  await expect(captureCard(page)).toContainText(`同意を得た（バージョン ${consent.version}）`);
  // The card photo strip is there for the lead just scanned.
  await expect(captureCard(page).getByRole('region', { name: '写真' })).toBeVisible();

  // From here on, only the keyboard; every press is counted.
  const keys = countingKeyboard(page);
  await keys.press('1'); // ホット, then on to the first question
  await expect(step(page, 'rating').getByRole('button', { name: /ホット/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(step(page, 'interest')).toHaveAttribute('aria-current', 'step');
  await keys.press('2'); // 製品B (multiple choice: stays)
  await expect(step(page, 'interest').getByRole('button', { name: /製品B/u })).toHaveAttribute('aria-pressed', 'true');
  await keys.press('ArrowRight');
  await expect(step(page, 'timeline')).toHaveAttribute('aria-current', 'step');
  await keys.press('1'); // 3か月以内, then on
  await expect(step(page, 'timeline').getByRole('button', { name: /3か月以内/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(step(page, 'budget')).toHaveAttribute('aria-current', 'step');
  await keys.press('1'); // 確保済み
  await expect(step(page, 'budget').getByRole('button', { name: /確保済み/u })).toHaveAttribute('aria-pressed', 'true');
  await keys.press('c'); // consent
  await expect(captureCard(page).getByRole('button', { name: /同意を得た/u })).toHaveAttribute('aria-pressed', 'true');
  expect(keys.presses).toBeLessThanOrEqual(10);
  test.info().annotations.push({ type: 'key presses (rating + 3 answers + consent)', description: String(keys.presses) });

  // One key to the note; the note's own text is typed at a person's pace, then the next badge comes.
  await keys.press('n');
  const note = captureCard(page).getByRole('textbox', { name: /メモ/u });
  await expect(note).toBeFocused();
  await note.pressSequentially('Wants a demo', { delay: 120 });
  await scanWithScanner(page, HANAKO);
  await expect(captureCard(page)).toContainText('Hanako Suzuki');
  // The new card starts clean.
  await expect(step(page, 'rating')).toHaveAttribute('aria-current', 'step');
  await expect(captureCard(page).getByRole('textbox', { name: /メモ/u })).toHaveValue('');

  const taro = await leadByEmail(host, event.id, 'taro.yamada@acme.example');
  await expect
    .poll(async () => {
      const { lead } = await api(host, 'leads.get', { id: taro.id });
      return {
        rating: lead.rating,
        notes: lead.notes,
        consent: lead.consentVersion,
        answers: Object.fromEntries(Object.entries(lead.answers).map(([key, answer]) => [key, answer.value])),
      };
    })
    .toEqual({
      rating: 'hot',
      notes: 'Wants a demo',
      // The scanner's first keys (M, E, C…) reached the page before the burst was known: C did not withdraw consent.
      consent: consent.version,
      answers: { interest: ['product_b'], timeline: 'within_3m', budget: 'secured' },
    });
  const { lead: saved, touches } = await api(host, 'leads.get', { id: taro.id });
  expect(saved.consentAt).not.toBeNull();
  // The card saves with leads.update: its edits are 'edit' touches, none of them empty.
  expect(touches.filter((touch) => touch.kind === 'edit').length).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('recent-captures')).toContainText('ホット');

  // The second lead was untouched by the first lead's keys.
  const hanako = await leadByEmail(host, event.id, 'hanako.suzuki@mirai.example');
  expect(hanako).toMatchObject({ rating: null, notes: null, consentVersion: null });
});

test('leaving the Capture screen saves what was chosen on the card', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();
  await scanWithScanner(page, TARO);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await page.keyboard.press('3');
  await expect(step(page, 'rating').getByRole('button', { name: /コールド/u })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('navigation').getByRole('link', { name: 'リード' }).click();
  const taro = await leadByEmail(host, event.id, 'taro.yamada@acme.example');
  await expect.poll(async () => (await api(host, 'leads.get', { id: taro.id })).lead.rating).toBe('cold');
  // The Leads list says it in Japanese too.
  await expect(page.getByTestId('lead-row')).toContainText(['コールド']);
});

test('from the card, the full editor corrects any field; the card keeps what was chosen and shows the correction', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();
  await scanWithScanner(page, TARO);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await page.keyboard.press('1');
  await expect(step(page, 'rating').getByRole('button', { name: /ホット/u })).toHaveAttribute('aria-pressed', 'true');

  await captureCard(page).getByRole('button', { name: 'すべての項目を編集' }).click();
  const editor = page.getByRole('dialog');
  // The rating chosen a moment ago was stored before the editor read the lead.
  await expect(editor.getByRole('radio', { name: /^ホット$/u })).toBeChecked();
  await editor.getByLabel('会社名').fill('Acme Trading Japan');
  await editor.getByLabel('部署').fill('営業本部');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor).toBeHidden();
  await expect(captureCard(page)).toContainText('Acme Trading Japan');

  const taro = await leadByEmail(host, event.id, 'taro.yamada@acme.example');
  expect((await api(host, 'leads.get', { id: taro.id })).lead).toMatchObject({ company: 'Acme Trading Japan', department: '営業本部', rating: 'hot' });
  // The card's keys work again once the editor is closed (back to the rating, then warm).
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('2');
  await expect(step(page, 'rating').getByRole('button', { name: /ウォーム/u })).toHaveAttribute('aria-pressed', 'true');
});

test('a lead deleted from the card comes back with Undo', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();
  await scanWithScanner(page, TARO);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  const taro = await leadByEmail(host, event.id, 'taro.yamada@acme.example');

  await page.keyboard.press('Delete');
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'deleted');
  await expect(page.getByTestId('undo-toast')).toContainText('Taro Yamada を削除しました');
  expect((await api(host, 'leads.get', { id: taro.id })).lead.deletedAt).not.toBeNull();
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);

  await page.getByTestId('undo-toast').getByRole('button', { name: '元に戻す' }).click();
  await expect(page.getByTestId('undo-toast')).toBeHidden();
  await expect(captureCard(page)).not.toHaveAttribute('data-outcome', 'deleted');
  expect((await api(host, 'leads.get', { id: taro.id })).lead.deletedAt).toBeNull();

  // The button does the same as the key; the card's keys still work after an undo.
  await page.keyboard.press('2');
  await expect(step(page, 'rating').getByRole('button', { name: /ウォーム/u })).toHaveAttribute('aria-pressed', 'true');
  await captureCard(page).getByRole('button', { name: '削除', exact: true }).click();
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'deleted');
  const { lead } = await api(host, 'leads.get', { id: taro.id });
  expect(lead).toMatchObject({ rating: 'warm' });
  expect(lead.deletedAt).not.toBeNull();
});

test('at a seminar, an id not on the roster offers to add a walk-in, prefilled', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'DX セミナー', kind: 'seminar' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  await scanWithScanner(page, 'SEM-404');
  await expect(captureCard(page)).toHaveAttribute('data-outcome', 'not_registered');
  await expect(captureCard(page)).toContainText('名簿にないIDです：SEM-404');
  expect((await api(host, 'leads.list', { eventId: event.id })).total).toBe(0);

  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '手入力（バッジのない方）' });
  await expect(dialog.getByLabel('バッジID')).toHaveValue('SEM-404');
  await dialog.getByLabel('姓').fill('Ogawa');
  await dialog.getByRole('button', { name: 'リードを追加' }).click();
  await expect(dialog).toBeHidden();
  await expect(captureCard(page)).toContainText('Ogawa');
  const leads = await api(host, 'leads.list', { eventId: event.id });
  expect(leads.rows.map((lead) => lead.badgeId)).toEqual(['SEM-404']);
});

test('the card shows no dictionary key in either language, and ratings in the UI language', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  await api(host, 'consent.save', { eventId: event.id, textJa: '展示会の個人情報の取り扱いに同意します。', textEn: 'I agree to how the show handles my details.' });
  await page.goto(host.openUrl);
  await expect(page.getByText('スキャナー待機中')).toBeVisible();

  await scanWithScanner(page, TARO);
  await expect(captureCard(page)).toContainText('Taro Yamada');
  await page.keyboard.press('1');
  await expect(captureCard(page).getByRole('button', { name: /ホット/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(captureCard(page)).toContainText('ウォーム');
  await expect(captureCard(page)).toContainText('導入時期');
  await captureCard(page).getByText('同意文を表示').click();
  await expect(captureCard(page)).toContainText('展示会の個人情報の取り扱いに同意します。');
  expect(await captureCard(page).innerText()).not.toMatch(KEY_NAME);
  await expect(page.getByTestId('recent-captures')).toContainText('ホット');
  expect(await page.locator('main').innerText()).not.toMatch(KEY_NAME);

  await api(host, 'settings.update', { language: 'en' });
  await page.reload();
  await expect(page.getByText('Scan a badge with the handheld scanner')).toBeVisible();
  await scanWithScanner(page, HANAKO);
  await expect(captureCard(page)).toContainText('Hanako Suzuki');
  await page.keyboard.press('3');
  await expect(captureCard(page).getByRole('button', { name: /Cold/u })).toHaveAttribute('aria-pressed', 'true');
  await expect(captureCard(page)).toContainText('Timeline');
  await expect(captureCard(page)).toContainText('Agreed to consent (version');
  expect(await captureCard(page).innerText()).not.toMatch(KEY_NAME);
  expect(await page.locator('main').innerText()).not.toMatch(KEY_NAME);
});
