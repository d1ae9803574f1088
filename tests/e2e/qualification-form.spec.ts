import { api } from './support/booth';
import { expect, test } from './support/host';

test('a marketer builds the event form in the app: a yes/no and a single choice question, saved as version 2', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'Japan IT Week 秋', kind: 'tradeshow' });

  await page.goto(host.openUrl);
  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByRole('button', { name: 'Japan IT Week 秋 の質問フォーム' }).click();
  const dialog = page.getByRole('dialog', { name: '質問フォーム：Japan IT Week 秋' });

  // A new event starts from the default form, which needs no editing.
  await expect(dialog.getByTestId('form-version')).toContainText('バージョン 1');
  const questions = dialog.getByTestId('form-question');
  await expect(questions).toHaveCount(5);
  await expect(questions.nth(1).getByRole('textbox', { name: '質問文（日本語）' })).toHaveValue('導入時期');
  // A saved key keeps answers keyed: it is shown, not editable.
  await expect(questions.first().getByRole('textbox', { name: 'キー' })).toHaveValue('interest');
  await expect(questions.first().getByRole('textbox', { name: 'キー' })).not.toBeEditable();

  // A yes/no question. Focus goes to the new question's key, ready to type.
  await dialog.getByRole('button', { name: '質問を追加' }).click();
  const yesNo = questions.nth(5);
  await expect(yesNo.getByRole('textbox', { name: 'キー' })).toBeFocused();
  await yesNo.getByRole('textbox', { name: 'キー' }).fill('Met_Before');
  await expect(yesNo.getByRole('textbox', { name: 'キー' })).toHaveValue('met_before');
  await yesNo.getByRole('combobox', { name: '形式' }).selectOption({ label: 'はい／いいえ' });
  await expect(yesNo.getByTestId('form-option')).toHaveCount(0);
  await yesNo.getByRole('textbox', { name: '質問文（日本語）' }).fill('以前にお会いしたことがありますか');
  await yesNo.getByRole('textbox', { name: '質問文（英語）' }).fill('Have we met before?');
  await yesNo.getByRole('checkbox', { name: '必須' }).check();

  // A single choice question with two options (it starts with two blanks to fill).
  await dialog.getByRole('button', { name: '質問を追加' }).click();
  const size = questions.nth(6);
  await size.getByRole('textbox', { name: 'キー' }).fill('company_size');
  await expect(size.getByRole('combobox', { name: '形式' })).toHaveValue('single');
  await size.getByRole('textbox', { name: '質問文（日本語）' }).fill('従業員数');
  await size.getByRole('textbox', { name: '質問文（英語）' }).fill('Company size');
  await expect(size.getByTestId('form-option')).toHaveCount(2);
  await size.getByRole('textbox', { name: '質問 7 選択肢 1 値' }).fill('small');
  await size.getByRole('textbox', { name: '質問 7 選択肢 1 表示名（日本語）' }).fill('300人未満');
  await size.getByRole('textbox', { name: '質問 7 選択肢 1 表示名（英語）' }).fill('Under 300');

  // Saved with the second option still blank: refused before anything is stored, the fields named in Japanese.
  await dialog.getByRole('button', { name: '新しいバージョンとして保存' }).click();
  const problems = dialog.getByTestId('form-problems');
  await expect(problems).toContainText('質問 7 の選択肢 2：値は半角英小文字か数字で始め');
  await expect(problems).toContainText('質問 7 の選択肢 2：表示名を日本語と英語の両方で入力してください');
  await expect(size.getByRole('textbox', { name: '質問 7 選択肢 2 値' })).toHaveAttribute('aria-invalid', 'true');
  expect((await api(host, 'forms.get', { eventId: event.id })).version).toBe(1);

  await size.getByRole('textbox', { name: '質問 7 選択肢 2 値' }).fill('large');
  await size.getByRole('textbox', { name: '質問 7 選択肢 2 表示名（日本語）' }).fill('300人以上');
  await size.getByRole('textbox', { name: '質問 7 選択肢 2 表示名（英語）' }).fill('300 or more');
  // The problems follow the fixes as they are typed.
  await expect(problems).toBeHidden();

  // Reorder from the keyboard: the yes/no question goes up one place; focus stays on its button.
  await yesNo.getByRole('button', { name: '質問 6 を上へ' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName('質問 5 を上へ');
  await expect(questions.nth(4).getByRole('textbox', { name: 'キー' })).toHaveValue('met_before');

  await dialog.getByRole('button', { name: '新しいバージョンとして保存' }).click();
  await expect(dialog.getByTestId('form-saved')).toHaveText('バージョン 2 として保存しました。');
  await expect(dialog.getByTestId('form-version')).toContainText('バージョン 2');

  const form = await api(host, 'forms.get', { eventId: event.id });
  expect(form.version).toBe(2);
  expect(form.questions.map((q) => q.key)).toEqual(['interest', 'timeline', 'budget', 'role', 'met_before', 'follow_up', 'company_size']);
  expect(form.questions[4]).toEqual({
    key: 'met_before',
    kind: 'yesno',
    label: { ja: '以前にお会いしたことがありますか', en: 'Have we met before?' },
    required: true,
    options: [],
  });
  expect(form.questions[6]).toEqual({
    key: 'company_size',
    kind: 'single',
    label: { ja: '従業員数', en: 'Company size' },
    required: false,
    options: [
      { value: 'small', label: { ja: '300人未満', en: 'Under 300' } },
      { value: 'large', label: { ja: '300人以上', en: '300 or more' } },
    ],
  });

  // Opened again, the screen shows the saved version; the new keys are now fixed too.
  await dialog.getByRole('button', { name: '閉じる' }).first().click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Japan IT Week 秋 の質問フォーム' }).click();
  await expect(dialog.getByTestId('form-version')).toContainText('バージョン 2');
  await expect(questions).toHaveCount(7);
  await expect(questions.nth(4).getByRole('textbox', { name: 'キー' })).toHaveValue('met_before');
  await expect(questions.nth(4).getByRole('textbox', { name: 'キー' })).not.toBeEditable();
  await expect(questions.nth(6).getByRole('textbox', { name: '質問 7 選択肢 2 表示名（日本語）' })).toHaveValue('300人以上');
});

test('consent text: saved as version 1, then once agreed to, only replaced by a new version and shown word for word', async ({ page, host }) => {
  const event = await api(host, 'events.create', { name: 'DXセミナー 大阪', kind: 'seminar' });
  const v1 = { ja: 'ご提供いただいた個人情報は、\n製品・サービスのご案内に利用します。', en: 'We use your personal data\nto tell you about our products.' };

  await page.goto(host.openUrl);
  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByRole('button', { name: 'DXセミナー 大阪 の同意文' }).click();
  const dialog = page.getByRole('dialog', { name: '同意文：DXセミナー 大阪' });
  await expect(dialog.getByTestId('consent-none')).toBeVisible();

  await dialog.getByRole('textbox', { name: '同意文（日本語）' }).fill(v1.ja);
  await dialog.getByRole('textbox', { name: '同意文（英語）' }).fill(v1.en);
  await dialog.getByRole('button', { name: '新しいバージョンとして保存' }).click();
  await expect(dialog.getByTestId('consent-saved')).toHaveText('バージョン 1 として保存しました。');
  const current = dialog.getByTestId('consent-current');
  await expect(current.getByTestId('consent-version')).toContainText('バージョン 1');
  await expect(current.getByTestId('consent-version')).toContainText('同意したリード 0件');
  await expect(current.getByTestId('consent-text-ja')).toHaveText(v1.ja);

  const saved = await api(host, 'consent.get', { eventId: event.id });
  expect(saved.current).toMatchObject({ version: '1', textJa: v1.ja, textEn: v1.en, agreed: 0 });

  // A lead agrees to version 1: from now on the screen offers only a new version.
  const { lead } = await api(host, 'capture.manual', { eventId: event.id, fields: { fullName: '山田 太郎' } });
  await api(host, 'leads.update', { id: lead.id, consent: { version: '1' } });
  await dialog.getByRole('button', { name: '閉じる' }).first().click();
  await page.getByRole('button', { name: 'DXセミナー 大阪 の同意文' }).click();
  await expect(current.getByTestId('consent-version')).toContainText('同意したリード 1件');
  await expect(dialog.getByRole('button', { name: 'バージョン 1 を修正して保存' })).toHaveCount(0);
  await expect(dialog.getByRole('note')).toContainText('バージョン 1 にはすでに同意したリードがいる');

  await dialog.getByRole('textbox', { name: '同意文（日本語）' }).fill('個人情報は製品のご案内とグループ会社での共同利用に用います。');
  await dialog.getByRole('button', { name: '新しいバージョンとして保存' }).click();
  await expect(dialog.getByTestId('consent-saved')).toHaveText('バージョン 2 として保存しました。');
  await expect(current.getByTestId('consent-version')).toContainText('バージョン 2');
  const earlier = dialog.getByTestId('consent-earlier');
  await expect(earlier).toHaveCount(1);
  await expect(earlier.getByTestId('consent-version')).toContainText('バージョン 1');
  await expect(earlier.getByTestId('consent-version')).toContainText('同意したリード 1件');
  await expect(earlier.getByTestId('consent-text-ja')).toHaveText(v1.ja);
  await expect(earlier.getByTestId('consent-text-en')).toHaveText(v1.en);

  const after = await api(host, 'leads.get', { id: lead.id });
  expect(after.lead.consentVersion).toBe('1');
});
