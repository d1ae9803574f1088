import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host';
import { openTestCore, tempDir, type TestCore } from '../../support/temp-core';

let core: TestCore;
let host: RunningHost;

beforeEach(async () => {
  core = openTestCore();
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>LeadBooth</title>');
  fs.mkdirSync(path.join(renderer, 'assets'));
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  host = await startHost({ core, rendererDir: renderer });
});
afterEach(async () => {
  await host.close();
  core.close();
});

/** Raw HTTP so the Host header can be set to anything (fetch will not allow it). */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
const auth = () => ({ authorization: `Bearer ${host.token}`, 'content-type': 'application/json' });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
    expect(host.openUrl).toBe(`${host.url}#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses an API call without the token, or with a wrong one', async () => {
    const none = await request('/api/call/events.list', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('api.unauthorized');
    const wrong = await request('/api/call/events.list', { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses a request whose Host header is not loopback (DNS rebinding)', async () => {
    const res = await request('/api/call/events.list', { method: 'POST', body: '{}', headers: { ...auth(), host: `evil.example:${host.port}` } });
    expect(res.status).toBe(421);
  });

  it('refuses a cross-origin call even with the token', async () => {
    const res = await request('/api/call/events.list', { method: 'POST', body: '{}', headers: { ...auth(), origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('answers a call with {ok, data}, and bad calls with coded errors', async () => {
    const ok = await request('/api/call/events.create', { method: 'POST', headers: auth(), body: JSON.stringify({ name: '展示会' }) });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, data: { name: '展示会', kind: 'tradeshow' } });
    const unknown = await request('/api/call/leads.dropAll', { method: 'POST', headers: auth(), body: '{}' });
    expect(JSON.parse(unknown.body).error.code).toBe('api.unknown_procedure');
    const invalid = await request('/api/call/events.create', { method: 'POST', headers: auth(), body: JSON.stringify({ name: 42 }) });
    expect(JSON.parse(invalid.body).error.code).toBe('api.invalid_input');
    const notJson = await request('/api/call/events.create', { method: 'POST', headers: auth(), body: '{nope' });
    expect(JSON.parse(notJson.body).error.code).toBe('api.invalid_json');
    const proto = await request('/api/call/__proto__', { method: 'POST', headers: auth(), body: '{}' });
    expect(JSON.parse(proto.body).error.code).toBe('api.unknown_procedure');
  });

  it('serves the renderer with a strict CSP and never outside its folder', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    const js = await request('/assets/app.js');
    expect(js.headers['content-type']).toContain('text/javascript');
    const climb = await request('/..%2f..%2f..%2fetc%2fpasswd');
    expect(climb.body).not.toContain('root:');
  });

  it.each(['/%', '/%E0%A4%A', '/assets/%zz.js', '//%'])('answers a malformed URL (%s) with 400, not a server error', async (pathname) => {
    const res = await request(pathname);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'api.bad_url', message: 'The URL is malformed' } });
  });

  it.each([
    ['0 bytes', ''],
    ['only a UTF-8 BOM', Buffer.of(0xef, 0xbb, 0xbf).toString('base64')],
    ['only blank lines', Buffer.from('\r\n  \n\t\r\n').toString('base64')],
  ])('answers roster.empty for a roster file with %s, at preview and at import', async (_name, file) => {
    const event = await core.call('events.create', { name: 'Seminar' });
    for (const [name, input] of [
      ['roster.preview', { file }],
      ['roster.import', { eventId: event.id, file }],
    ] as const) {
      const res = await request(`/api/call/${name}`, { method: 'POST', headers: auth(), body: JSON.stringify(input) });
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'roster.empty' } });
    }
  });

  it('streams core events to a subscriber', async () => {
    const event = await core.call('events.create', { name: 'Expo' });
    const controller = new AbortController();
    const res = await fetch(`${host.url}api/subscribe`, { headers: auth(), signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // hello
    await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000777' });
    let text = '';
    while (!text.includes('lead.captured')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('EXPO2026-000777');
    controller.abort();
  });
});
