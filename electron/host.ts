import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { App } from './app';
import { MIME_TYPES, SECURITY_HEADERS } from './csp';
import { dispatch } from './dispatch';

/**
 * A 100,000-row roster is ~16 MB as base64; a device bundle with card photos may be up to
 * 256 MiB (BUNDLE_MAX_BYTES as base64). Leave room for the JSON around it, refuse anything absurd.
 */
const MAX_BODY = 260 * 1024 * 1024;

export interface HostOptions {
  core: App;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which never reaches a server log. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A URL the request names (`//%` does not parse), and a path as the file system sees it (`/%`
 * or a cut-off UTF-8 sequence does not decode): undefined for either is the client's mistake,
 * a 400, not a server failure.
 */
function parseUrl(target: string, host: string): URL | undefined {
  try {
    return new URL(target, `http://${host}`);
  } catch {
    return undefined;
  }
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function badUrl(res: http.ServerResponse): void {
  send(res, 400, { ok: false, error: { code: 'api.bad_url', message: 'The URL is malformed' } });
}

/**
 * The browser host: the same core and renderer over plain HTTP on 127.0.0.1. Every API call
 * needs the per-run token; the Host header must name loopback so a DNS-rebinding page
 * cannot reach it.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = path.resolve(options.rendererDir);
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        return send(res, 421, { ok: false, error: { code: 'api.bad_host', message: 'Unexpected Host header' } });
      }
      const url = parseUrl(req.url ?? '/', host);
      if (!url) return badUrl(res);
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'api.method', message: 'Method not allowed' } });
      return await serveStatic(res, url.pathname);
    } catch (err) {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } });
      else res.end();
    }
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const auth = req.headers.authorization?.replace(/^Bearer\s+/iu, '');
    if (!sameToken(auth, token)) {
      return send(res, 401, { ok: false, error: { code: 'api.unauthorized', message: 'Missing or wrong token' } });
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) {
      return send(res, 403, { ok: false, error: { code: 'api.bad_origin', message: 'Cross-origin call refused' } });
    }
    if (url.pathname === '/api/subscribe' && req.method === 'GET') return subscribe(req, res);
    const match = /^\/api\/call\/([\w.]+)$/u.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      return send(res, 404, { ok: false, error: { code: 'api.unknown_procedure', message: 'No such endpoint' } });
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body ? JSON.parse(body) : {};
    } catch (err) {
      const tooLarge = err instanceof Error && err.message === 'too_large';
      return send(res, tooLarge ? 413 : 400, {
        ok: false,
        error: tooLarge
          ? { code: 'api.too_large', message: 'Request body too large' }
          : { code: 'api.invalid_json', message: 'Request body is not JSON' },
      });
    }
    return send(res, 200, await dispatch(options.core.handlers, match[1], input));
  }

  function subscribe(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.write(`${JSON.stringify({ topic: 'hello', data: null })}\n`);
    const unsubscribe = options.core.bus.subscribe((topic, data) => res.write(`${JSON.stringify({ topic, data })}\n`));
    const keepAlive = setInterval(() => res.write('\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function serveStatic(res: http.ServerResponse, pathname: string) {
    const decoded = decodePath(pathname);
    if (decoded === undefined) return badUrl(res);
    const relative = decoded.replace(/^\/+/u, '') || 'index.html';
    let file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return send(res, 403, { ok: false, error: { code: 'api.forbidden', message: 'Forbidden' } });
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      file = path.join(root, 'index.html');
      body = await fs.readFile(file);
    }
    res.writeHead(200, { 'Content-Type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
