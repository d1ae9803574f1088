import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

describe('npm start', () => {
  it('without Electron’s binary says so in one line and serves the app from the browser host', async () => {
    const dbFile = path.join(tempDir(), 'start.db');
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'electron/start.ts', '--db', dbFile], {
      cwd: repoRoot,
      // An unreachable mirror makes sure no download can succeed, whatever this machine's network.
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 170_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/u.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const notice = out.split('\n').filter((l) => l.includes('Electron cannot start here'));
      expect(notice).toHaveLength(1);
      const page = await fetch(url.replace(/#.*/u, ''));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const token = new URL(url).hash.replace('#token=', '');
      const info = await fetch(new URL('/api/call/app.info', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({ ok: true, data: { shell: 'browser' } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 180_000);
});
