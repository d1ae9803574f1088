/**
 * Scan to card, in the real UI: the browser host on 127.0.0.1, Debian's Chromium, a handheld
 * scanner's keystrokes (CDP, 5 ms apart), measured in the page from the Enter that ends the
 * scan to the moment the result card shows that badge. This is the path after a decode; a
 * camera decode enters it at the same call.
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { startHost } from '../../electron/host';
import { ensureRendererBuilt } from '../../electron/renderer-build';
import { scanWithScanner } from '../support/scanner';

const SCANS = 60;

declare global {
  interface Window {
    benchScan: { enterAt: number; times: Record<string, number> };
  }
}

export async function benchScanToCard(percentile: (samples: number[], p: number) => number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-bench-ui-'));
  const core = createApp({ dbFile: path.join(dir, 'ui.db'), shell: 'browser' });
  const host = await startHost({ core, rendererDir: ensureRendererBuilt() });
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await core.handlers['events.create']({ name: 'Bench Expo', kind: 'tradeshow' });
    const page = await browser.newPage();
    // Installed before the app's own scripts, so the stamp is taken before the scanner
    // listener handles (and stops) the Enter.
    await page.addInitScript(() => {
      window.benchScan = { enterAt: 0, times: {} };
      window.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') window.benchScan.enterAt = performance.now();
      }, true);
      new MutationObserver(() => {
        const name = document.querySelector('.card__name')?.textContent ?? '';
        if (name.startsWith('BENCH-') && !(name in window.benchScan.times)) {
          window.benchScan.times[name] = performance.now() - window.benchScan.enterAt;
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(host.openUrl);
    await page.getByTestId('capture-card').waitFor();
    for (let i = 0; i < SCANS; i++) {
      const id = `BENCH-${String(i).padStart(5, '0')}`;
      await scanWithScanner(page, id);
      await page.waitForFunction((want) => want in window.benchScan.times, id);
    }
    const times = Object.values(await page.evaluate(() => window.benchScan.times));
    return {
      scan_to_card_p50_ms: Number(percentile(times, 50).toFixed(1)),
      scan_to_card_p95_ms: Number(percentile(times, 95).toFixed(1)),
    };
  } finally {
    await browser.close();
    await host.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
