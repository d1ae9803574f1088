import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Input, Output, ProcName } from '../../../shared/api';
import { repoRoot, type Host } from './host';

/** Typed calls through the host's HTTP API. */
export function api<N extends ProcName>(host: Host, name: N, input: Input<N>): Promise<Output<N>> {
  return host.call<Output<N>>(name, input);
}

/** The team's fixtures folder sits beside the repository. */
export const sharedFixture = (name: string) => path.resolve(repoRoot, '..', 'shared', 'fixtures', name);

export const fileBase64 = (file: string) => fs.readFileSync(file).toString('base64');

/**
 * What a handheld scanner in keyboard-wedge mode does: the code typed a few milliseconds per
 * key, then Enter. (Payloads must be ASCII: Playwright types other characters as text
 * insertion, with no key events, which no scanner does.)
 */
export async function scanWithScanner(page: Page, payload: string): Promise<void> {
  await page.keyboard.type(payload, { delay: 5 });
  await page.keyboard.press('Enter');
}

export const captureCard = (page: Page) => page.getByTestId('capture-card');
