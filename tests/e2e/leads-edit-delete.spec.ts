import type { Page } from '@playwright/test';
import type { Lead } from '../../shared/model';
import { api } from './support/booth';
import { expect, test } from './support/host';

const YAMADA = 'MECARD:N:山田,太郎;ORG:株式会社サンプル;EMAIL:taro.yamada@sample.example.jp;;';
const SATO = 'MECARD:N:佐藤,花子;ORG:佐藤商事;EMAIL:hanako.sato@example.jp;;';

/** A dictionary key that leaked onto the screen instead of its text (as in ui-language.spec.ts). */
const KEY_NAME = /\b(?:field|rating|common|card|recent|leads|undo|error)\.[a-z_]+/u;

async function expectNoKeyNames(page: Page, where: ReturnType<Page['locator']>) {
  await expect(where).not.toHaveText(/^$/u);
  expect(await where.innerText()).not.toMatch(KEY_NAME);
  // Labels of selects and options are text too; innerText covers what a person reads.
}

async function openLeads(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: /^(リード|Leads)$/u }).click();
  await expect(page.getByTestId('lead-row')).not.toHaveCount(0);
}

const row = (page: Page, text: string) => page.getByTestId('lead-row').filter({ hasText: text });

test('a lead is edited from the Leads screen, deleted, and brought back with Undo', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const yamada = (await api(host, 'capture.scan', { eventId: event.id, payload: YAMADA, staff: '佐藤' })).lead;
  await api(host, 'capture.scan', { eventId: event.id, payload: SATO, staff: '佐藤' });
  await api(host, 'consent.save', { eventId: event.id, version: 'v1', textJa: '個人情報の取り扱いに同意します。', textEn: 'I agree to the handling of my personal data.' });

  await page.goto(host.openUrl);
  await openLeads(page);

  // Click opens the editor; the editor shows no key names.
  await row(page, '山田 太郎').click();
  const editor = page.getByRole('dialog');
  await expect(editor.getByRole('heading', { name: /山田 太郎/u })).toBeVisible();
  await expect(editor.getByLabel('会社名')).toHaveValue('株式会社サンプル');
  await expectNoKeyNames(page, editor);

  await editor.getByLabel('会社名').fill('株式会社テスト');
  await editor.getByLabel('メモ').fill('来月デモを希望');
  await editor.getByLabel('導入時期').selectOption({ label: '3か月以内' });
  await editor.getByRole('checkbox', { name: 'デモ' }).check();
  await editor.getByRole('radio', { name: /^(ホット|Hot)$/u }).check();
  await editor.getByLabel('同意した文面').selectOption('v1');
  await expect(editor.getByText('個人情報の取り扱いに同意します。')).toBeVisible();
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor).toBeHidden();
  await expect(row(page, '山田 太郎')).toContainText('株式会社テスト');
  // Who agreed and who did not is visible in the list itself.
  await expect(row(page, '山田 太郎').getByTestId('lead-consent')).toHaveText('✓ v1');
  await expect(row(page, '佐藤 花子').getByTestId('lead-consent')).toHaveText('未取得');

  // Saved in the database, not only on screen: one edit with everything in it.
  const saved = await api(host, 'leads.get', { id: yamada.id });
  expect(saved.lead).toMatchObject({ company: '株式会社テスト', notes: '来月デモを希望', rating: 'hot', consentVersion: 'v1' });
  expect(saved.lead.answers.timeline?.value).toBe('within_3m');
  expect(saved.lead.answers.follow_up?.value).toEqual(['demo']);
  expect(saved.touches.map((t) => t.kind)).toEqual(['scan', 'edit']);

  // A reload shows it, and the editor's history has the edit; Enter on a row opens it too.
  await page.reload();
  await expect(row(page, '山田 太郎')).toContainText('株式会社テスト');
  await row(page, '山田 太郎').focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByLabel('会社名')).toHaveValue('株式会社テスト');
  await expect(editor.getByLabel('メモ')).toHaveValue('来月デモを希望');
  await expect(editor.getByLabel('導入時期')).toHaveValue('within_3m');
  await expect(editor.getByTestId('consent-state')).toContainText('v1');
  await expect(editor.getByTestId('lead-history')).toContainText('編集');

  // Saving with nothing changed writes nothing.
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByText('変更はありません。')).toBeVisible();
  expect((await api(host, 'leads.get', { id: yamada.id })).touches).toHaveLength(2);

  // Delete from the editor: the row goes, the toast offers Undo, Undo brings it back.
  await editor.getByRole('button', { name: '削除' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await expect(row(page, '山田 太郎')).toHaveCount(0);
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('山田 太郎 を削除しました');
  await expectNoKeyNames(page, toast);
  await toast.getByRole('button', { name: '元に戻す' }).click();
  await expect(toast).toBeHidden();
  await expect(row(page, '山田 太郎')).toHaveCount(1);
  await expect(page.getByTestId('leads-total')).toHaveText('2件');

  // The Delete key on a row and Ctrl+Z do the same from the keyboard.
  await row(page, '山田 太郎').focus();
  await page.keyboard.press('Delete');
  await expect(row(page, '山田 太郎')).toHaveCount(0);
  await expect(toast).toBeVisible();
  const deleted = await api(host, 'leads.get', { id: yamada.id });
  expect(deleted.lead.deletedAt).not.toBeNull();
  await page.keyboard.press('Control+z');
  await expect(toast).toBeHidden();
  await expect(row(page, '山田 太郎')).toHaveCount(1);
  const back = await api(host, 'leads.get', { id: yamada.id });
  expect(back.lead.deletedAt).toBeNull();
  expect(back.touches.map((t) => t.kind)).toEqual(['scan', 'edit', 'delete', 'restore', 'delete', 'restore']);
});

test('a restore refused because the badge id was taken says so, translated', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const first = (await api(host, 'capture.scan', { eventId: event.id, payload: 'EXPO2026-000123', staff: '佐藤' })).lead;
  await page.goto(host.openUrl);
  await openLeads(page);

  await page.getByTestId('lead-row').first().click();
  await page.getByRole('dialog').getByRole('button', { name: '削除' }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(0);
  // Meanwhile the same badge is scanned again: a new live lead holds the id.
  await api(host, 'capture.scan', { eventId: event.id, payload: 'EXPO2026-000123', staff: '鈴木' });
  await expect(page.getByTestId('lead-row')).toHaveCount(1);

  const toast = page.getByTestId('undo-toast');
  await toast.getByRole('button', { name: '元に戻す' }).click();
  await expect(toast.getByRole('alert')).toHaveText('このリードは元に戻せません。バッジIDが別のリードで使われています。');
  expect((await api(host, 'leads.get', { id: first.id })).lead.deletedAt).not.toBeNull();
});

test('the lead editor and the undo toast show no key names in English either', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const lead: Lead = (await api(host, 'capture.scan', { eventId: event.id, payload: YAMADA, staff: 'Sato' })).lead;
  // An answer under a question the form later dropped is shown read-only with its own label.
  await api(host, 'leads.update', { id: lead.id, answers: { budget: 'secured' } });
  const form = await api(host, 'forms.get', { eventId: event.id });
  await api(host, 'forms.save', { eventId: event.id, questions: form.questions.filter((q) => q.key !== 'budget') });
  await api(host, 'settings.update', { language: 'en' });

  await page.goto(host.openUrl);
  await openLeads(page);
  await row(page, '山田 太郎').click();
  const editor = page.getByRole('dialog');
  await expect(editor.getByLabel('Company')).toHaveValue('株式会社サンプル');
  await expect(editor.getByTestId('earlier-answers')).toContainText('Budget');
  await expect(editor.getByTestId('earlier-answers')).toContainText('Secured');
  await expect(editor.getByLabel('Budget')).toHaveCount(0);
  await expect(editor.getByTestId('lead-history')).toContainText('Edit');
  await expectNoKeyNames(page, editor);

  await editor.getByRole('button', { name: 'Delete' }).click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Deleted 山田 太郎');
  await expectNoKeyNames(page, toast);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, '山田 太郎')).toHaveCount(1);
});

test('a card photo is attached to a lead from its editor and stays on the lead', async ({ page, host }) => {
  const { png } = await import('../support/images');
  const event = await api(host, 'events.create', { name: 'Japan IT Week', kind: 'tradeshow' });
  const yamada = (await api(host, 'capture.scan', { eventId: event.id, payload: YAMADA, staff: '佐藤' })).lead;

  await page.goto(host.openUrl);
  await openLeads(page);
  await row(page, '山田 太郎').click();
  const editor = page.getByRole('dialog');
  await editor.getByTestId('photo-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png([200, 30, 30], 40, 24) });
  await expect(editor.getByTestId('photo-thumb')).toHaveCount(1);

  const photos = await api(host, 'photos.list', { leadId: yamada.id });
  expect(photos).toHaveLength(1);
  expect(photos[0]).toMatchObject({ mime: 'image/png', leadId: yamada.id });
  expect((await api(host, 'leads.get', { id: yamada.id })).touches.map((t) => t.kind)).toEqual(['scan', 'photo']);

  // Closed and opened again, the photo is still there.
  await editor.getByRole('button', { name: 'キャンセル' }).click();
  await row(page, '山田 太郎').click();
  await expect(page.getByRole('dialog').getByTestId('photo-thumb')).toHaveCount(1);
});
