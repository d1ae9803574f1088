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

export { scanWithScanner } from '../../support/scanner';

export const captureCard = (page: Page) => page.getByTestId('capture-card');
