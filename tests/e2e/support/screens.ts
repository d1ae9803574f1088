import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './host';

/** Where e2e screenshots go: ignored by git, so a test run leaves the tree clean. */
export const screensDir = path.join(repoRoot, 'test-results', 'screens');

/**
 * Saves a screenshot under test-results/screens/. The README's pictures in docs/ are tracked,
 * so they change only on purpose: with LEADBOOTH_UPDATE_SCREENSHOTS=1 the shot is copied there.
 */
export async function saveScreen(page: Page, name: string): Promise<string> {
  const file = path.join(screensDir, name);
  await page.screenshot({ path: file });
  if (process.env.LEADBOOTH_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(repoRoot, 'docs', name));
  return file;
}
