import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');

export interface Host {
  /** The URL with the per-run token, as `leadbooth serve` prints it. */
  openUrl: string;
  baseUrl: string;
  token: string;
  dbFile: string;
  /** Runs the CLI against the same database (as a second process would). */
  cli(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string };
  /** Calls a procedure through the host's HTTP API. */
  call<T = unknown>(name: string, input: unknown): Promise<T>;
}

async function startHost(dbFile: string): Promise<{ child: ChildProcess; openUrl: string }> {
  const child = spawn(process.execPath, [bin, '--db', dbFile, 'serve', '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/u.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
  return { child, openUrl };
}

export const test = base.extend<{ host: Host; app: Page }>({
  host: async ({}, use, testInfo) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-e2e-'));
    const dbFile = path.join(dir, 'leadbooth.db');
    const { child, openUrl } = await startHost(dbFile);
    const url = new URL(openUrl);
    const token = url.hash.replace('#token=', '');
    const baseUrl = `${url.origin}/`;
    const { spawnSync } = await import('node:child_process');
    await use({
      openUrl,
      baseUrl,
      token,
      dbFile,
      cli: (args, stdin) => {
        const r = spawnSync(process.execPath, [bin, '--db', dbFile, ...args], { cwd: repoRoot, input: stdin, encoding: 'utf8' });
        return { status: r.status, stdout: r.stdout, stderr: r.stderr };
      },
      call: async (name, input) => {
        const res = await fetch(`${baseUrl}api/call/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
        if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
        return body.data as never;
      },
    });
    child.kill('SIGTERM');
    if (testInfo.status === testInfo.expectedStatus) fs.rmSync(dir, { recursive: true, force: true });
  },
  /** A page opened on the host, token in hand. */
  app: async ({ page, host }, use) => {
    await page.goto(host.openUrl);
    await use(page);
  },
});
export { expect } from '@playwright/test';
