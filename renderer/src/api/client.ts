import type { Input, Output, ProcName, Result, TopicData, TopicName } from '../../../shared/api';

/**
 * The renderer's one door to the core. In Electron the preload's bridge carries the call
 * over IPC; in the browser host the same contract is spoken over HTTP with the per-run
 * token. Either way a failure arrives as an ApiError with a stable code for the UI to
 * translate.
 */

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What the error names (a roster's line number), for the translated text. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the preload exposes as window.leadbooth (electron/preload.ts). */
interface Bridge {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (topic: string, data: unknown) => void): () => void;
}

declare global {
  interface Window {
    leadbooth?: Bridge;
  }
}

export type TopicMessage = { [T in TopicName]: { topic: T; data: TopicData<T> } }[TopicName];
export type TopicListener = (message: TopicMessage) => void;
/** connected: the event stream is up (always, in Electron). */
export type ConnectionListener = (connected: boolean) => void;

const TOKEN_KEY = 'leadbooth.token';

/**
 * The host opens the page as `/#token=…`. The token is kept for this tab only (a reload must
 * keep working) and taken out of the address bar so it is not copied, bookmarked or shown.
 */
function takeToken(): string {
  const match = /^#token=([^&]+)/u.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

interface Transport {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Calls `onMessage` for every pushed event and `onConnection` when the stream goes up or down. */
  open(onMessage: (topic: string, data: unknown) => void, onConnection: ConnectionListener): () => void;
}

function bridgeTransport(bridge: Bridge): Transport {
  return {
    call: async (name, input) => (await bridge.call(name, input)) as Result<unknown>,
    open(onMessage, onConnection) {
      onConnection(true);
      return bridge.subscribe(onMessage);
    },
  };
}

function httpTransport(): Transport {
  const token = takeToken();
  const headers = { authorization: `Bearer ${token}` };

  async function call(name: string, input: unknown): Promise<Result<unknown>> {
    let res: Response;
    try {
      res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { code: 'api.unreachable', message: String(err) } };
    }
    try {
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'api.unreachable', message: `HTTP ${res.status} without a JSON body` } };
    }
  }

  /** NDJSON stream of events; reconnects with backoff until closed. */
  function open(onMessage: (topic: string, data: unknown) => void, onConnection: ConnectionListener): () => void {
    const abort = new AbortController();
    const { signal } = abort;
    let connected: boolean | null = null;
    const setConnected = (value: boolean) => {
      if (connected !== value) onConnection(value);
      connected = value;
    };

    void (async () => {
      let delay = 500;
      while (!signal.aborted) {
        try {
          const res = await fetch('/api/subscribe', { headers, signal, cache: 'no-store' });
          if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let newline: number;
            while ((newline = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, newline).trim();
              buffer = buffer.slice(newline + 1);
              if (!line) continue; // keep-alive
              const message = JSON.parse(line) as { topic: string; data: unknown };
              if (message.topic === 'hello') {
                delay = 500;
                setConnected(true);
              } else onMessage(message.topic, message.data);
            }
          }
        } catch {
          // Dropped, refused or aborted: fall through to the retry below.
        }
        if (signal.aborted) return;
        setConnected(false);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    })();
    return () => abort.abort();
  }

  return { call, open };
}

const transport: Transport = window.leadbooth ? bridgeTransport(window.leadbooth) : httpTransport();

/** Calls one procedure of the contract; resolves with its output or throws an ApiError. */
export async function call<N extends ProcName>(name: N, input: Input<N>): Promise<Output<N>> {
  const result = await transport.call(name, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.data as Output<N>;
}

/** The code to translate for anything a call may throw. */
export function errorCode(err: unknown): string {
  return err instanceof ApiError ? err.code : 'internal';
}

/** The details a call's error carries, for the translated text's placeholders. */
export function errorDetails(err: unknown): unknown {
  return err instanceof ApiError ? err.details : undefined;
}

// One event stream for the whole page, opened while anyone listens.
const topicListeners = new Set<TopicListener>();
const connectionListeners = new Set<ConnectionListener>();
let close: (() => void) | null = null;
let connected: boolean | null = null;

function ensureOpen(): void {
  if (close || (topicListeners.size === 0 && connectionListeners.size === 0)) return;
  close = transport.open(
    (topic, data) => {
      const message = { topic, data } as TopicMessage;
      for (const listener of topicListeners) listener(message);
    },
    (value) => {
      connected = value;
      for (const listener of connectionListeners) listener(value);
    },
  );
}

function closeIfUnused(): void {
  if (close && topicListeners.size === 0 && connectionListeners.size === 0) {
    close();
    close = null;
    connected = null;
  }
}

/** Listens to the events the core pushes (`lead.captured`, `roster.progress`). */
export function subscribe(listener: TopicListener): () => void {
  topicListeners.add(listener);
  ensureOpen();
  return () => {
    topicListeners.delete(listener);
    closeIfUnused();
  };
}

/** Listens to the stream going up or down; called at once when the state is already known. */
export function onConnection(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  ensureOpen();
  if (connected !== null) listener(connected);
  return () => {
    connectionListeners.delete(listener);
    closeIfUnused();
  };
}
