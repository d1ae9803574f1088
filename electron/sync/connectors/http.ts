import type { Answer, RetryCause } from '../../../shared/delivery/results';
import type { Timer } from '../timer';

export type Fetch = typeof fetch;

export interface Request {
  url: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type CallResult =
  | { ok: true; answer: Answer; ms: number }
  | { ok: false; cause: Extract<RetryCause, 'network' | 'timeout'>; message: string; ms: number };

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici hides the socket's reason in `cause` ("other side closed", ECONNREFUSED …).
  const cause = (err as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? `${cause.message}${(cause as { code?: string }).code ? ` (${(cause as { code?: string }).code})` : ''}` : '';
  return inner && inner !== err.message ? `${err.message}: ${inner}` : err.message;
}

/**
 * One HTTP call with a deadline. A network failure or a timeout is a result, not an exception:
 * the engine decides what it means (retry later, go offline). The body is read in full inside
 * the deadline, so a server that sends headers and then stalls is a timeout too.
 */
export async function call(fetchImpl: Fetch, timer: Timer, req: Request, signal?: AbortSignal): Promise<CallResult> {
  const started = timer.now();
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const combined = signal ? AbortSignal.any([deadline, signal]) : deadline;
  try {
    const res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body, signal: combined });
    const raw = req.method === 'HEAD' ? '' : await res.text();
    let body: unknown = raw;
    if (raw && /json/iu.test(res.headers.get('content-type') ?? 'application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    return { ok: true, answer: { status: res.status, header: (name) => res.headers.get(name), body }, ms: timer.now() - started };
  } catch (err) {
    const ms = timer.now() - started;
    if (deadline.aborted) return { ok: false, cause: 'timeout', message: `No answer within ${req.timeoutMs} ms`, ms };
    if (signal?.aborted) return { ok: false, cause: 'network', message: 'Stopped', ms };
    return { ok: false, cause: 'network', message: `Network error: ${describe(err)}`, ms };
  }
}

/** Joins a base URL and a path without doubling or dropping the slash. */
export const join = (base: string, path: string) => `${base.replace(/\/+$/u, '')}/${path.replace(/^\/+/u, '')}`;
