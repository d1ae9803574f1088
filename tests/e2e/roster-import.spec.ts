import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { api, captureCard, scanWithScanner, sharedFixture } from './support/booth';
import { expect, repoRoot, test } from './support/host';

test('a Shift_JIS roster imported through the UI turns a scanned badge id into the person, checked in', async ({ app: page }) => {
  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByLabel('イベント名').fill('DXセミナー 東京');
  await page.getByLabel('種類').selectOption({ label: 'セミナー' });
  await page.getByRole('button', { name: '作成' }).click();
  await expect(page.getByRole('status').filter({ hasText: '「DXセミナー 東京」を作成しました。' })).toBeVisible();

  const item = page.getByTestId('event-item').filter({ hasText: 'DXセミナー 東京' });
  await expect(item).toContainText('登録 0 / 来場 0 / 当日 0');
  await item.getByRole('button', { name: '名簿を取り込む' }).click();

  const dialog = page.getByRole('dialog', { name: '名簿の取り込み：DXセミナー 東京' });
  await dialog.getByLabel('名簿ファイル（CSV）').setInputFiles(sharedFixture('roster-sjis.csv'));
  await expect(dialog.getByTestId('roster-encoding')).toHaveText('文字コード：Shift_JIS');
  await expect(dialog.getByRole('combobox', { name: '列「氏名」の取り込み先' })).toHaveValue('fullName');
  await expect(dialog.getByRole('combobox', { name: '列「来場者ID」の取り込み先' })).toHaveValue('badgeId');
  await expect(dialog.getByRole('cell', { name: '山田 太郎' })).toBeVisible();

  await dialog.getByRole('button', { name: '取り込む' }).click();
  const result = dialog.getByTestId('roster-result');
  await expect(result).toContainText('追加 3');
  await expect(result).toContainText('更新 0');
  await expect(result).toContainText('除外 0');
  await dialog.getByRole('button', { name: '閉じる' }).first().click();
  await expect(dialog).toBeHidden();
  await expect(item).toContainText('登録 3 / 来場 0 / 当日 0');

  await scanWithScanner(page, 'EXPO2026-000123');
  await expect(captureCard(page)).toContainText('山田 太郎');
  await expect(captureCard(page)).toContainText('ヤマダ タロウ');
  await expect(captureCard(page)).toContainText('チェックインしました');

  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await expect(item).toContainText('登録 3 / 来場 1 / 当日 0');
});

/** What the page saw during an import: every value the bar showed, and every progress event. */
interface ProgressSeen {
  bar: { now: number; max: number }[];
  events: { done: number; total: number }[];
}

/**
 * Installs, before the import starts, two recorders in the page: one keeps every value the
 * progress bar shows (from the attribute changes' old values, so none is lost however briefly
 * it shows), the other every roster.progress event on the host's stream. The test then waits
 * for the final state and reads what was seen: nothing depends on catching the bar on screen.
 */
async function recordProgress(page: Page, token: string): Promise<void> {
  await page.evaluate(async (token) => {
    const seen: ProgressSeen = { bar: [], events: [] };
    (window as unknown as { progressSeen: ProgressSeen }).progressSeen = seen;
    const push = (now: number, max: number) => {
      const last = seen.bar.at(-1);
      if (!last || last.now !== now || last.max !== max) seen.bar.push({ now, max });
    };
    const valueOf = (bar: Element, name: string) => Number(bar.getAttribute(name));
    new MutationObserver((records) => {
      // One batch may hold several changes: each record's old value is what the bar showed
      // before that change, and the bar's current value what it shows after the last one.
      const touched = new Set<Element>();
      for (const record of records) {
        if (record.type === 'childList') {
          for (const node of record.addedNodes) {
            if (!(node instanceof Element)) continue;
            if (node.matches('[role="progressbar"]')) touched.add(node);
            node.querySelectorAll('[role="progressbar"]').forEach((bar) => touched.add(bar));
          }
        } else if (record.target instanceof Element && record.target.getAttribute('role') === 'progressbar') {
          const bar = record.target;
          touched.add(bar);
          if (record.attributeName === 'aria-valuenow' && record.oldValue !== null) {
            push(Number(record.oldValue), valueOf(bar, 'aria-valuemax'));
          }
        }
      }
      for (const bar of touched) push(valueOf(bar, 'aria-valuenow'), valueOf(bar, 'aria-valuemax'));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['aria-valuenow', 'aria-valuemax'] });

    const res = await fetch('/api/subscribe', { headers: { authorization: `Bearer ${token}` } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let resolveHello = () => {};
    const hello = new Promise<void>((resolve) => (resolveHello = resolve));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as { topic: string; data: { done: number; total: number } };
          if (message.topic === 'hello') resolveHello();
          if (message.topic === 'roster.progress') seen.events.push({ done: message.data.done, total: message.data.total });
        }
      }
    })();
    // Subscribed before the import starts, so no event can slip past the recorder.
    await hello;
  }, token);
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { progressSeen: ProgressSeen }).progressSeen);

test('a 100,000-row roster imports with a progress bar while the screen stays responsive', async ({ page, host }) => {
  const rows = Array.from({ length: 100_000 }, (_, i) => {
    const id = String(i + 1).padStart(6, '0');
    return `EXPO-${id},来場者 ${id},ライジョウシャ,株式会社テスト${i % 500},visitor${id}@example.jp`;
  });
  const file = path.join(repoRoot, 'tests', '.tmp', 'roster-100k.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ['受付番号,氏名,フリガナ,会社名,メールアドレス', ...rows].join('\r\n'));
  const event = await host.call<{ id: string }>('events.create', { name: '大型セミナー', kind: 'seminar' });
  await page.goto(host.openUrl);

  await page.getByRole('link', { name: 'イベント', exact: true }).click();
  await page.getByTestId('event-item').filter({ hasText: '大型セミナー' }).getByRole('button', { name: '名簿を取り込む' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名簿ファイル（CSV）').setInputFiles(file);
  // Reading 100,000 rows for the preview shares 2 cores with the other e2e worker (card OCR
  // among them); the test is about the import's progress, not the preview's speed.
  await expect(dialog.getByText('100,000行')).toBeVisible({ timeout: 30_000 });

  await recordProgress(page, host.token);
  await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
  // The page answers while the import runs.
  await expect(page.getByRole('link', { name: 'リード' })).toBeVisible();

  // The final state first: the result, and the last progress event recorded.
  await expect(dialog.getByTestId('roster-result')).toContainText('追加 100,000', { timeout: 60_000 });
  await expect.poll(async () => (await progressSeen(page)).events.at(-1)).toEqual({ done: 100_000, total: 100_000 });
  const seen = await progressSeen(page);

  // The core reported progress from 0 up to every row, one step at a time.
  const done = seen.events.map((e) => e.done);
  expect(done[0]).toBe(0);
  expect(done.length).toBeGreaterThan(2);
  expect(done.every((value, i) => i === 0 || value > done[i - 1]!)).toBe(true);
  expect(seen.events.every((e) => e.total === 100_000)).toBe(true);

  // The bar showed that progress: out of 100,000, from 0, moving up and never back.
  const shown = seen.bar.map((b) => b.now);
  expect(seen.bar.length).toBeGreaterThan(0);
  expect(seen.bar.every((b) => b.max === 100_000)).toBe(true);
  expect(shown[0]).toBe(0);
  expect(shown.every((value, i) => i === 0 || value > shown[i - 1]!)).toBe(true);
  expect(shown.every((value) => done.includes(value))).toBe(true);
  expect(shown.some((value) => value > 0)).toBe(true);

  const summary = await host.call<{ registered: number }>('events.get', { id: event.id });
  expect(summary.registered).toBe(100_000);
});

test('a UTF-8 roster with one Shift_JIS line is refused, naming the line, in both languages', async ({ page, host }) => {
  const file = path.join(repoRoot, 'tests', '.tmp', 'roster-mixed.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('来場者ID,氏名,会社名\r\nEXPO-1,山田 太郎,株式会社サンプル\r\nEXPO-2,佐藤 花子,サンプル商事\r\n', 'utf8'),
      iconv.encode('EXPO-3,高橋 健一,株式会社ミライ\r\n', 'Shift_JIS'),
      Buffer.from('EXPO-4,鈴木 一郎,テスト工業\r\n', 'utf8'),
    ]),
  );
  await api(host, 'events.create', { name: '混在セミナー', kind: 'seminar' });
  await page.goto(host.openUrl);

  for (const lang of [
    { code: 'ja', events: 'イベント', importRoster: '名簿を取り込む', file: '名簿ファイル（CSV）', text: /4行目だけ文字コードがほかの行（UTF-8）と違います/u },
    { code: 'en', events: 'Events', importRoster: 'Import roster', file: 'Roster file (CSV)', text: /Line 4 is not in UTF-8 like the rest of the file/u },
  ] as const) {
    await api(host, 'settings.update', { language: lang.code });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
    await page.getByRole('link', { name: lang.events, exact: true }).click();
    await page.getByTestId('event-item').filter({ hasText: '混在セミナー' }).getByRole('button', { name: lang.importRoster }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(lang.file).setInputFiles(file);
    await expect(dialog.getByRole('alert')).toHaveText(lang.text);
  }
});
