/**
 * Triage first rows, in the real UI: the browser host on 127.0.0.1 over a database already
 * holding the leads, Debian's Chromium, the app open on another screen. Measured in the page
 * from the click on the Triage tab to the frame after the first rows are in the document (a
 * requestAnimationFrame and a task later: that frame has been painted). Every open counts,
 * the first one too: it is the one a marketer waits for after starting the app.
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import { createApp } from '../../electron/app';
import { startHost } from '../../electron/host';
import { ensureRendererBuilt } from '../../electron/renderer-build';

/**
 * Runs in the page before the app's scripts, so the click is stamped before the router sees it.
 * Kept as text: this file is checked as Node code, without the DOM's types.
 */
const STAMPS = `
  window.benchTriage = { clickAt: 0, waiting: false, times: [] };
  document.addEventListener('click', (e) => {
    if (e.target && e.target.closest && e.target.closest('a[href="#/triage"]')) {
      window.benchTriage.clickAt = performance.now();
      window.benchTriage.waiting = true;
    }
  }, true);
  new MutationObserver(() => {
    const bench = window.benchTriage;
    if (!bench.waiting || !document.querySelector('[data-testid="triage-row"]')) return;
    bench.waiting = false;
    const at = bench.clickAt;
    requestAnimationFrame(() => setTimeout(() => bench.times.push(performance.now() - at), 0));
  }).observe(document, { subtree: true, childList: true });
`;

/** The page's stamps, read by functions Playwright runs in the page (a string would break its CSP). */
type Stamped = { benchTriage: { times: number[] } };

const percentileOf = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/**
 * Opens the Triage screen `runs` times over the leads in `dbFile` (seeded by the caller) and
 * returns the time to the first painted rows, in ms: {p50, p95}.
 */
export async function benchTriageFirstRows(dbFile: string, runs = 8): Promise<{ p50: number; p95: number }> {
  const core = createApp({ dbFile, shell: 'browser' });
  const host = await startHost({ core, rendererDir: ensureRendererBuilt() });
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: STAMPS });
    await page.goto(host.openUrl);
    const nav = page.getByRole('navigation');
    await page.locator('.topbar').waitFor();
    for (let run = 0; run < runs; run++) {
      await nav.locator('a[href="#/capture"]').click();
      await page.locator('.triage').waitFor({ state: 'detached' });
      await nav.locator('a[href="#/triage"]').click();
      await page.waitForFunction((n) => (globalThis as unknown as Stamped).benchTriage.times.length === n, run + 1, { timeout: 30_000 });
    }
    const times = await page.evaluate(() => (globalThis as unknown as Stamped).benchTriage.times);
    return { p50: Number(percentileOf(times, 50).toFixed(1)), p95: Number(percentileOf(times, 95).toFixed(1)) };
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
}
