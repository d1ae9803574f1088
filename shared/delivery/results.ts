import { parseRetryAfter } from './backoff';
import { clip } from './scrub';

/**
 * What a CRM said about the records of one request. Every record sent gets exactly one result:
 * done, retry later (the CRM or the network had a moment), or needs attention (the CRM refused
 * this record's data; a person must fix it, and we keep the CRM's words for them).
 */
export type RecordResult =
  | { leadId: string; outcome: 'done'; remoteId: string | null }
  | { leadId: string; outcome: 'retry'; message: string; retryAfterMs: number | null }
  | { leadId: string; outcome: 'attention'; message: string };

/** Why a whole request must be tried again later. Network, timeout and server failures count against reachability. */
export type RetryCause = 'network' | 'timeout' | 'server' | 'rate_limit';

export type Verdict =
  /** The CRM answered record by record (possibly some done, some refused). */
  | { kind: 'records'; results: RecordResult[] }
  /** Nothing was decided: send the same records again later. */
  | { kind: 'retry'; cause: RetryCause; message: string; retryAfterMs: number | null }
  /** The CRM refused the request as a whole over its content; one bad record may be the cause, so the sender splits it. */
  | { kind: 'rejected'; message: string }
  /**
   * The CRM refused the request for reasons that are not the leads': credentials, permissions,
   * a wrong URL. The records wait; the connector shows the error until someone fixes the setup.
   */
  | {
      kind: 'setup';
      message: string;
      /** 401/403 that is not a rate limit: the CRM refused the credentials (or their scopes); retrying cannot help. */
      credentials?: boolean;
    };

/** A CRM's HTTP answer, read already: the status, a header getter and the body (JSON when it parsed, else text). */
export interface Answer {
  status: number;
  header(name: string): string | null;
  body: unknown;
}

export interface SentRecord {
  leadId: string;
  /** The value it went under in the id property (the person's contact key), when not the lead id. */
  key?: string;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The body as a short message for a person or a log. */
export function bodyMessage(body: unknown): string {
  if (typeof body === 'string') return clip(body.trim() || '(empty body)', 500);
  if (isObject(body)) {
    const message = text(body.message) ?? text(body.error) ?? text(body.error_description);
    if (message) return clip(message, 500);
  }
  if (Array.isArray(body) && isObject(body[0])) {
    const first = body[0];
    const code = text(first.errorCode);
    const message = text(first.message);
    if (message) return clip(code ? `${code}: ${message}` : message, 500);
  }
  return clip(JSON.stringify(body) ?? '', 500);
}

/**
 * The verdict for statuses every CRM uses the same way; null when the status is a success the
 * connector must read itself.
 */
export type WholeVerdict = Exclude<Verdict, { kind: 'records' }>;

export function classifyStatus(answer: Answer, nowMs: number): WholeVerdict | null {
  const { status } = answer;
  if (status >= 200 && status < 300) return null;
  const message = `HTTP ${status}: ${bodyMessage(answer.body)}`;
  const retryAfterMs = parseRetryAfter(answer.header('retry-after'), nowMs);
  if (status === 429) return { kind: 'retry', cause: 'rate_limit', message, retryAfterMs };
  if (status === 408) return { kind: 'retry', cause: 'timeout', message, retryAfterMs };
  if (status >= 500) return { kind: 'retry', cause: 'server', message, retryAfterMs };
  // 400/422: the content; 413: too large — splitting the batch helps either way.
  if (status === 400 || status === 409 || status === 413 || status === 422) return { kind: 'rejected', message };
  return { kind: 'setup', message, credentials: status === 401 || status === 403 };
}

/** Every record of a request gets the same result. */
export function allRecords(sent: readonly SentRecord[], result: (leadId: string) => RecordResult): RecordResult[] {
  return sent.map((r) => result(r.leadId));
}

/** Records the CRM's answer did not mention: sent again, which an upsert keyed by the LeadBooth id makes harmless. */
export function unmentioned(leadId: string): RecordResult {
  return { leadId, outcome: 'retry', message: 'The CRM did not report on this record', retryAfterMs: null };
}
