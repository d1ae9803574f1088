import { createHmac, timingSafeEqual } from 'node:crypto';
import { extend, RecordStore, startFakeServer, VALID_EMAIL, type FakeServer, type LoggedRequest, type Reply } from './fake-server';

/**
 * A careful webhook receiver: checks X-LeadBooth-Signature (HMAC-SHA256 of the body), applies
 * each Idempotency-Key once and answers a repeat from memory, stores leads by their id, and
 * names the records it refuses (invalid email) in `results`. A `{"event": "merge"}` body folds
 * the merged record into the other (the receiver's own merge), keeping the events of both.
 */
export interface FakeWebhook extends FakeServer {
  secret: string;
  leads: RecordStore;
  /** Idempotency keys seen, with how many times each arrived. */
  keys: Map<string, number>;
  /** Requests answered from the idempotency memory instead of being applied. */
  replays: number;
  /** Merge events applied: {merged, into} ids. */
  merges: { merged: string; into: string }[];
}

export async function startFakeWebhook(options: { secret?: string } = {}): Promise<FakeWebhook> {
  const secret = options.secret ?? `whsec_${Math.random().toString(36).slice(2)}${Date.now()}`;
  const leads = new RecordStore('wh-');
  const keys = new Map<string, number>();
  const answers = new Map<string, Reply>();
  let replays = 0;
  const merges: { merged: string; into: string }[] = [];

  function verify(req: LoggedRequest): boolean {
    const given = String(req.headers['x-leadbooth-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(req.body, 'utf8').digest('hex')}`;
    return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  }

  function receive(req: LoggedRequest): Reply {
    if (!verify(req)) return { status: 401, body: { error: 'bad signature' } };
    const key = String(req.headers['idempotency-key'] ?? '');
    keys.set(key, (keys.get(key) ?? 0) + 1);
    const known = key ? answers.get(key) : undefined;
    if (known) {
      replays++;
      return known;
    }
    const body = JSON.parse(req.body) as { leads?: Record<string, unknown>[]; event?: string; merged?: { id?: string }; into?: { id?: string } };
    if (body.event === 'merge') {
      const merged = String(body.merged?.id ?? '');
      const into = String(body.into?.id ?? '');
      const gone = leads.find(merged);
      const kept = leads.find(into);
      if (gone && kept) {
        const events = [...((kept.fields.events as unknown[]) ?? []), ...((gone.fields.events as unknown[]) ?? [])];
        kept.fields.events = events;
        leads.remove(gone);
      }
      merges.push({ merged, into });
      const reply: Reply = { status: 200, body: { ok: true } };
      if (key) answers.set(key, reply);
      return reply;
    }
    const results: unknown[] = [];
    for (const lead of body.leads ?? []) {
      const id = String(lead.id ?? '');
      if (typeof lead.email === 'string' && !VALID_EMAIL.test(lead.email)) {
        results.push({ id, ok: false, error: `invalid email: ${lead.email}` });
        continue;
      }
      const { row } = leads.upsert(id, lead);
      results.push({ id, ok: true, remoteId: row.remoteId });
    }
    const reply: Reply = { status: 200, body: { results } };
    if (key) answers.set(key, reply);
    return reply;
  }

  const server = await startFakeServer({
    route(method, url) {
      if (url.pathname !== '/hook') return null;
      if (method === 'POST') return { writes: true, handle: receive };
      if (method === 'HEAD') return { writes: false, handle: () => ({ status: 405 }) };
      return null;
    },
  });
  return extend(server, {
    secret,
    leads,
    keys,
    merges,
    get replays() {
      return replays;
    },
  });
}
