import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The part every fake CRM shares: a real HTTP server on 127.0.0.1 (port 0), a log of requests,
 * a queue of injectable faults for the endpoint that writes, and latency around the commit.
 */

export type Fault =
  /** Answer with this status before touching any record (5xx, 429 + Retry-After, 401 …). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answer: the client's timeout must fire. */
  | { kind: 'hang' }
  /** Store the records, then destroy the connection: the CRM committed, the client never heard. */
  | { kind: 'drop_after_commit' }
  /** Destroy the connection without storing anything. */
  | { kind: 'drop_before_commit' }
  /** Answer a 500 whose body echoes the request's Authorization header, as a careless proxy would. */
  | { kind: 'echo_auth' };

export interface LoggedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The fault applied to it, if any. */
  fault: Fault['kind'] | null;
  status: number | null;
  /** Server time the request arrived (ms, performance.now()). */
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Route {
  /** True for the endpoints that write records: faults apply to them only. */
  writes: boolean;
  /**
   * Which fault queue a writing endpoint draws from: the main one (`faults`, the record upsert)
   * by default, or `faultsAt[kind]` for another write (a merge, a list membership), so a fault
   * meant for one endpoint is never spent by another.
   */
  kind?: string;
  /** Commits what the request asks and returns the answer. */
  handle(req: LoggedRequest, url: URL): Reply | Promise<Reply>;
}

export interface FakeServerOptions {
  /** Picks the route for a request; null answers 404. */
  route(method: string, url: URL): Route | null;
  /** Headers added to every answer (rate-limit headers). */
  headers?(req: LoggedRequest): Record<string, string>;
  /** A check before anything else, e.g. a rate limit; returns an answer to short-circuit. */
  gate?(req: LoggedRequest): Reply | null;
}

export interface FakeServer {
  url: string;
  requests: LoggedRequest[];
  /** Consumed one per write request, first in first out. */
  faults: Fault[];
  /** Faults for the other writing endpoints, by their route's kind. */
  faultsAt: Record<string, Fault[]>;
  /** Decides a fault for a write request when the queue is empty (random faults in the crash test). */
  faultWhen: ((n: number) => Fault | null) | null;
  /** Milliseconds to wait before committing / after committing, per write request. */
  latencyBefore: () => number;
  latencyAfter: () => number;
  /** Requests to the main writing endpoint. */
  writes(): LoggedRequest[];
  /** Requests to the writing endpoint of this kind. */
  writesOf(kind: string): LoggedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(res: http.ServerResponse, reply: Reply, extra: Record<string, string>): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json;charset=utf-8',
    ...extra,
    ...reply.headers,
  });
  res.end(body);
}

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  let writeCount = 0;
  const writeRequests = new WeakMap<LoggedRequest, string>();
  const isWrite = (r: LoggedRequest) => writeRequests.get(r) === 'write';
  const server: FakeServer = {
    url: '',
    requests: [],
    faults: [],
    faultsAt: {},
    faultWhen: null,
    latencyBefore: () => 0,
    latencyAfter: () => 0,
    writes: () => server.requests.filter(isWrite),
    writesOf: (kind) => server.requests.filter((r) => writeRequests.get(r) === kind),
    close: async () => {},
  };

  const httpServer = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      fault: null,
      status: null,
      at: performance.now(),
    };
    server.requests.push(logged);
    try {
      const extra = () => options.headers?.(logged) ?? {};
      const route = options.route(logged.method, url);
      if (!route) {
        logged.status = 404;
        return send(res, { status: 404, body: { message: `No route ${logged.method} ${url.pathname}` } }, {});
      }
      const gated = options.gate?.(logged);
      if (gated) {
        logged.status = gated.status;
        return send(res, gated, extra());
      }
      if (route.writes) {
        const kind = route.kind ?? 'write';
        writeRequests.set(logged, kind);
        let fault: Fault | null;
        if (kind === 'write') {
          fault = server.faults.shift() ?? server.faultWhen?.(writeCount) ?? null;
          writeCount++;
        } else fault = server.faultsAt[kind]?.shift() ?? null;
        if (fault) {
          logged.fault = fault.kind;
          switch (fault.kind) {
            case 'status':
              logged.status = fault.status;
              return send(res, { status: fault.status, body: fault.body ?? { message: `Injected ${fault.status}` }, headers: fault.headers }, extra());
            case 'hang':
              return; // the socket stays open until the client gives up or the server closes
            case 'drop_before_commit':
              return res.socket?.destroy();
            case 'echo_auth':
              logged.status = 500;
              return send(res, { status: 500, body: `Upstream failure. Request was: authorization: ${req.headers.authorization ?? ''}` }, {});
            case 'drop_after_commit':
              break;
          }
        }
        const before = server.latencyBefore();
        if (before > 0) await sleep(before);
        const reply = await route.handle(logged, url);
        logged.status = reply.status;
        if (fault?.kind === 'drop_after_commit') return res.socket?.destroy();
        const after = server.latencyAfter();
        if (after > 0) await sleep(after);
        return send(res, reply, extra());
      }
      const reply = await route.handle(logged, url);
      logged.status = reply.status;
      return send(res, reply, extra());
    } catch (err) {
      logged.status = 500;
      if (!res.headersSent) send(res, { status: 500, body: { message: err instanceof Error ? err.message : String(err) } }, {});
      else res.end();
    }
  });
  // Keep-alive as real CRMs do: a dropped connection must be a real surprise to the client.
  httpServer.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  server.url = `http://127.0.0.1:${port}`;
  server.close = () =>
    new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    });
  return server;
}

export const VALID_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/u;

/**
 * Stored records, each under the LeadBooth id it carries. `create` appends whatever it is
 * given, so a client that creates instead of upserting leaves a visible duplicate.
 */
export class RecordStore {
  readonly rows: { remoteId: string; leadId: string | null; fields: Record<string, unknown>; writes: number }[] = [];
  private readonly byLead = new Map<string, RecordStore['rows']>();
  /** Rows by CRM id: a list membership call names 10,000 of them, a scan each would be quadratic. */
  private readonly byRemoteId = new Map<string, RecordStore['rows'][number]>();
  private next = 1;

  constructor(private readonly prefix: string) {}

  find(leadId: string) {
    return this.byLead.get(leadId)?.[0];
  }

  /** Every stored record carrying this LeadBooth id (more than one is a duplicate). */
  all(leadId: string) {
    return this.byLead.get(leadId) ?? [];
  }

  create(leadId: string | null, fields: Record<string, unknown>) {
    const row = { remoteId: `${this.prefix}${String(this.next++).padStart(6, '0')}`, leadId, fields: { ...fields }, writes: 1 };
    this.rows.push(row);
    this.byRemoteId.set(row.remoteId, row);
    if (leadId) this.byLead.set(leadId, [...this.all(leadId), row]);
    return row;
  }

  /** Updates the record with this id, or creates it: returns whether it was new. */
  upsert(leadId: string, fields: Record<string, unknown>) {
    const found = this.find(leadId);
    if (!found) return { row: this.create(leadId, fields), created: true };
    Object.assign(found.fields, fields);
    found.writes++;
    return { row: found, created: false };
  }

  /** The record with this CRM id. */
  byRemote(remoteId: string) {
    return this.byRemoteId.get(remoteId);
  }

  /** The record now holds another LeadBooth id (a CRM update wrote the id property). */
  rekey(row: RecordStore['rows'][number], leadId: string | null) {
    if (row.leadId === leadId) return;
    if (row.leadId) {
      const left = this.all(row.leadId).filter((r) => r !== row);
      if (left.length) this.byLead.set(row.leadId, left);
      else this.byLead.delete(row.leadId);
    }
    row.leadId = leadId;
    if (leadId) this.byLead.set(leadId, [...this.all(leadId), row]);
  }

  /** The record is gone (merged into another, deleted). */
  remove(row: RecordStore['rows'][number]) {
    this.rekey(row, null);
    this.rows.splice(this.rows.indexOf(row), 1);
    this.byRemoteId.delete(row.remoteId);
  }

  /** A new record with a fresh CRM id and these fields (what a merge leaves in HubSpot). */
  reissue(leadId: string | null, fields: Record<string, unknown>, writes: number) {
    const row = this.create(leadId, fields);
    row.writes = writes;
    return row;
  }

  /** LeadBooth ids stored more than once. */
  duplicates(): string[] {
    return [...this.byLead].filter(([, rows]) => rows.length > 1).map(([id]) => id);
  }
}

/** Adds fields to the server object keeping getters live (Object.assign would freeze their first value). */
export function extend<T extends object, U extends object>(target: T, source: U): T & U {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(source)) as T & U;
}
