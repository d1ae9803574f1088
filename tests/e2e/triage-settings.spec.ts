import type { Page } from '@playwright/test';
import { api } from './support/booth';
import { saveScreen } from './support/screens';
import { expect, test, type Host } from './support/host';

/** A dictionary key that leaked onto the screen instead of its text. */
const KEY_NAME = /\b(?:settings|owners|rules|rule|assign|reason|status|rating|leadfield|error|common|connector)\.[a-z_]+/u;

async function expectNoKeyNames(page: Page) {
  expect(await page.locator('body').innerText()).not.toMatch(KEY_NAME);
}

const vcard = (family: string, given: string, company: string, title: string, email: string) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `N:${family};${given};;;`, `FN:${family} ${given}`, `ORG:${company}`, `TITLE:${title}`, `EMAIL:${email}`, 'END:VCARD'].join('\r\n');

async function seed(host: Host) {
  const event = await api(host, 'events.create', { name: 'Japan IT Week 秋', kind: 'tradeshow' });
  const scan = (payload: string) => api(host, 'capture.scan', { eventId: event.id, payload, staff: '佐藤' });
  // An executive at a company address (grade B) and a staff member on free mail (grade D), both hot; one not rated.
  const ceo = await scan(vcard('東雲', '彩花', '株式会社トリアージ商事', '代表取締役社長', 'ayaka.shinonome@triage-shoji.co.jp'));
  const staff = await scan(vcard('山田', '太郎', '山田商店', '担当', 'taro.yamada@gmail.com'));
  await scan(vcard('佐々木', '健', '株式会社ササキ', '課長', 'ken.sasaki@sasaki.co.jp'));
  await api(host, 'leads.rate', { id: ceo.lead.id, rating: 'hot' });
  await api(host, 'leads.rate', { id: staff.lead.id, rating: 'hot' });
  return { ceo: ceo.lead.id };
}

test('owners, an assignment rule, scoring points and the MQL threshold edited in Settings re-score the leads, and are kept', async ({ page, host }) => {
  const { ceo } = await seed(host);
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  const tabs = page.getByRole('tablist', { name: '設定' });
  await expectNoKeyNames(page);

  // Owners: add one with a team, with the keyboard's Enter.
  await tabs.getByRole('tab', { name: '担当者と割り当て' }).click();
  await expect(page.getByText('担当者はまだいません。下から追加してください。')).toBeVisible();
  await expectNoKeyNames(page);
  await page.getByRole('button', { name: '担当者を追加' }).click();
  await expect(page.getByText('氏名を入力してください（100文字まで）。')).toBeVisible();
  await page.getByLabel('氏名', { exact: true }).fill('田中 一郎');
  await page.getByLabel('メールアドレス', { exact: true }).fill('Tanaka@Example.co.jp');
  await page.getByLabel('チーム', { exact: true }).fill('営業1課');
  await page.getByLabel('チーム', { exact: true }).press('Enter');
  await expect(page.getByTestId('owner-saved')).toHaveText('田中 一郎 を追加しました。');
  const owner = page.getByTestId('owner-row');
  await expect(owner).toHaveCount(1);
  await expect(owner).toContainText('tanaka@example.co.jp');
  await expect(owner).toContainText('営業1課');

  // An assignment rule: grade A or B → the team in turn.
  await page.getByRole('button', { name: '割り当てルールを追加' }).click();
  const rule = page.getByTestId('assignment-rule');
  await rule.getByLabel('ルール名').fill('B以上は営業1課');
  await rule.getByRole('group', { name: '「B以上は営業1課」の条件 1: グレード' }).getByLabel('A', { exact: true }).check();
  await rule.getByRole('group', { name: '「B以上は営業1課」の条件 1: グレード' }).getByLabel('B', { exact: true }).check();
  await expect(rule.getByLabel('割り当て先')).toHaveValue('team');
  await expect(rule.getByLabel('チーム', { exact: true })).toHaveValue('営業1課');
  await expect(rule).toContainText('グレード A、B');
  await expect(rule).toContainText('→ チーム 営業1課 に順番に');
  await saveScreen(page, 'settings-owners.png');
  await page.getByLabel('既定の担当者').selectOption('tanaka@example.co.jp');

  // Scoring: a hot rating is worth 40 points, and MQL starts at 40. A typo is named and kept.
  await tabs.getByRole('tab', { name: 'スコアリングとステータス' }).click();
  await expectNoKeyNames(page);
  const hot = page.getByLabel('「評価: ホット」の点数', { exact: true });
  await expect(hot).toHaveValue('25');
  await hot.fill('4O');
  await page.getByLabel('スコア（以上）', { exact: true }).fill('40');
  await page.getByTestId('rules-save').click();
  const problems = page.getByTestId('rules-problems');
  await expect(problems).toContainText('ルール「評価: ホット」: 点数は -100〜100 の整数で入力してください。');
  await expect(problems).toBeFocused();
  await expect(hot).toHaveValue('4O');
  await expect(hot).toHaveAttribute('aria-invalid', 'true');
  await saveScreen(page, 'settings-scoring.png');
  await hot.fill('40');
  await expect(problems).toBeHidden();
  await page.getByTestId('rules-save').click();
  // Only the two hot leads change; the executive (grade B, score 40) becomes MQL.
  await expect(page.getByTestId('rules-saved')).toHaveText('保存しました。2 件のリードを再計算し、1 件がMQLになりました。');

  const saved = await api(host, 'rules.get', {});
  expect(saved.scoring.rules.find((r) => r.id === 'interest.rating.hot')?.points).toBe(40);
  expect(saved.triage.mql).toEqual({ grade: 'B', score: 40 });
  expect(saved.triage.defaultOwner).toBe('tanaka@example.co.jp');
  expect(saved.triage.assignmentRules).toEqual([
    expect.objectContaining({ label: 'B以上は営業1課', when: [{ kind: 'grade', in: ['A', 'B'] }], assign: { kind: 'team', team: '営業1課' }, enabled: true }),
  ]);
  const lead = (await api(host, 'leads.detail', { id: ceo })).lead;
  expect([lead.status, lead.score, lead.grade]).toEqual(['mql', 40, 'B']);

  // Reload: everything is kept, on the same tab.
  await page.reload();
  await expect(page.getByLabel('「評価: ホット」の点数', { exact: true })).toHaveValue('40');
  await expect(page.getByLabel('スコア（以上）', { exact: true })).toHaveValue('40');
  await tabs.getByRole('tab', { name: '担当者と割り当て' }).click();
  await expect(page.getByTestId('owner-row')).toContainText('田中 一郎');
  await expect(page.getByTestId('assignment-rule')).toContainText('B以上は営業1課');
  await expect(page.getByLabel('既定の担当者')).toHaveValue('tanaka@example.co.jp');

  // English: every tab, with a rule's editor open, shows no key names; an unsaved edit survives the switch.
  await tabs.getByRole('tab', { name: 'スコアリングとステータス' }).click();
  await page.getByLabel('スコア（以上）', { exact: true }).fill('45');
  await tabs.getByRole('tab', { name: '一般' }).click();
  await page.getByLabel('表示言語').selectOption('en');
  const tabsEn = page.getByRole('tablist', { name: 'Settings' });
  await expect(tabsEn.getByRole('tab')).toHaveText(['General', 'Scoring and status', 'Owners and assignment']);
  await expectNoKeyNames(page);
  await tabsEn.getByRole('tab', { name: 'Scoring and status' }).click();
  await expect(page.getByLabel('Score at least', { exact: true })).toHaveValue('45');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await tabsEn.getByRole('tab', { name: 'Owners and assignment' }).click();
  await page.getByRole('button', { name: 'Edit “B以上は営業1課”' }).click();
  await expect(page.getByTestId('assignment-rule')).toContainText('Grade A or B');
  await expectNoKeyNames(page);
  await tabsEn.getByRole('tab', { name: 'Scoring and status' }).click();
  await page.getByRole('button', { name: 'Edit “Timeline: within 3 months”' }).click();
  await expect(page.getByTestId('scoring-rule').filter({ hasText: 'Timeline: within 3 months' })).toContainText('Timeline: Within 3 months');
  await page.getByTestId('scoring-rule').filter({ hasText: 'Timeline: within 3 months' }).scrollIntoViewIfNeeded();
  await saveScreen(page, 'settings-rule-editor.png');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Score at least', { exact: true })).toHaveValue('40');
  await expectNoKeyNames(page);
});

test('the tabs and a rule’s editor work from the keyboard', async ({ page, host }) => {
  await page.goto(host.openUrl);
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  const general = page.getByRole('tab', { name: '一般' });
  await general.focus();
  await page.keyboard.press('ArrowRight');
  const scoring = page.getByRole('tab', { name: 'スコアリングとステータス' });
  await expect(scoring).toBeFocused();
  await expect(scoring).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'スコアリングルール' })).toBeVisible();

  // Add an interest rule: the editor opens on its Japanese name; the English one is required too.
  await page.getByRole('button', { name: '関心度のルールを追加' }).click();
  await expect(page.getByLabel('名前（日本語）')).toBeFocused();
  await page.keyboard.type('セミナー参加');
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-problems')).toContainText('ルール「セミナー参加」: 名前を日本語と英語の両方で入力してください（200文字まで）。');
  await page.getByTestId('rules-problems').getByRole('button').first().click();
  await expect(page.getByLabel('名前（英語）')).toBeFocused();
  await page.keyboard.type('Attended a seminar');
  // Its condition still needs a rating chosen: the list says so, and the tick box fixes it.
  await expect(page.getByTestId('rules-problems')).toContainText('ルール「セミナー参加」 › 条件 1: 1つ以上選んでください。');
  await page.getByRole('group', { name: '「セミナー参加」の条件 1: 評価' }).getByLabel('ホット', { exact: true }).check();
  await expect(page.getByTestId('rules-problems')).toBeHidden();
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-saved')).toBeVisible();
  const saved = await api(host, 'rules.get', {});
  expect(saved.scoring.rules.at(-1)).toMatchObject({
    label: { ja: 'セミナー参加', en: 'Attended a seminar' },
    dimension: 'interest',
    points: 10,
    when: [{ kind: 'rating', in: ['hot'] }],
    enabled: true,
  });
});
