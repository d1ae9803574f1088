import { extend, RecordStore, startFakeServer, VALID_EMAIL, type FakeServer, type LoggedRequest, type Reply } from './fake-server';

/**
 * A Mautic stand-in: POST /api/contacts/batch/new (≤ 200 contacts) with basic auth. Like
 * Mautic, it updates the contact that matches on a unique identifier field (email is one by
 * default; any of them matching is a match, Mautic's default OR) and creates one otherwise; the
 * answer is {contacts, statusCodes, errors?} keyed by the input's index, with gaps (an object, as
 * PHP serializes a sparse array) where a contact was refused. Tags add to those the contact has.
 * GET /api/contacts/{id}; DELETE /api/contacts/{id}/delete (Mautic's REST API has no merge).
 */
export interface FakeMauticOptions {
  user?: string;
  password?: string;
  /** The fields Mautic matches contacts on (default: leadbooth_id and email). LeadBooth needs leadbooth_id among them. */
  uniqueFields?: string[];
  /** Mautic users: a contact's `owner` field takes one's id. */
  users?: { id: number; email: string; username?: string }[];
}

export interface FakeMautic extends FakeServer {
  user: string;
  password: string;
  contacts: RecordStore;
  /** Contacts deleted through the API, by id. */
  deleted: string[];
}

export async function startFakeMautic(options: FakeMauticOptions = {}): Promise<FakeMautic> {
  const user = options.user ?? 'leadbooth-api';
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const uniqueFields = options.uniqueFields ?? ['leadbooth_id', 'email'];
  const contacts = new RecordStore('');
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const denied: Reply = { status: 401, body: { errors: [{ code: 401, message: 'API authorization denied.', type: 'access_denied' }] } };

  function batchNew(req: LoggedRequest): Reply {
    if (req.headers.authorization !== expected) return denied;
    const inputs = JSON.parse(req.body) as Record<string, unknown>[];
    if (!Array.isArray(inputs)) return { status: 400, body: { errors: [{ code: 400, message: 'Request body must be an array', type: null }] } };
    if (inputs.length > 200) return { status: 400, body: { errors: [{ code: 400, message: 'A max of 200 entities are supported at a time.', type: null }] } };
    const out: Record<string, unknown> = {};
    const statusCodes: Record<string, number> = {};
    const errors: Record<string, unknown> = {};
    inputs.forEach((input, i) => {
      const { overwriteWithBlank: _ignored, ...fields } = input;
      const email = fields.email;
      if (typeof email === 'string' && !VALID_EMAIL.test(email)) {
        statusCodes[i] = 400;
        errors[i] = { code: 400, message: 'email: A valid email address is required.', details: { email: ['A valid email address is required.'] }, type: 'validation' };
        return;
      }
      const leadId = typeof fields.leadbooth_id === 'string' ? fields.leadbooth_id : null;
      let row;
      let created = true;
      const same = (a: unknown, b: unknown) => typeof a === 'string' && a !== '' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
      const match = contacts.rows.find((r) => uniqueFields.some((f) => same(fields[f], r.fields[f])));
      const tags = [...new Set([...((match?.fields.tags as string[] | undefined) ?? []), ...((fields.tags as string[] | undefined) ?? [])])];
      if (tags.length) fields.tags = tags;
      if (match) {
        Object.assign(match.fields, fields);
        match.writes++;
        contacts.rekey(match, leadId ?? match.leadId);
        row = match;
        created = false;
      } else row = contacts.create(leadId, fields);
      statusCodes[i] = created ? 201 : 200;
      out[i] = { id: Number(row.remoteId), isPublished: true, fields: { all: { id: Number(row.remoteId), ...row.fields } } };
    });
    const gaps = Object.keys(errors).length > 0;
    return {
      status: 201,
      body: {
        contacts: gaps ? out : Object.values(out),
        statusCodes: gaps ? statusCodes : Object.values(statusCodes),
        ...(gaps ? { errors } : {}),
      },
    };
  }

  const users = options.users ?? [];
  /** GET /api/users?search=email:…: Mautic's list, filtered by its search expression. */
  function listUsers(req: LoggedRequest, url: URL): Reply {
    if (req.headers.authorization !== expected) return denied;
    const search = url.searchParams.get('search') ?? '';
    const email = search.startsWith('email:') ? search.slice('email:'.length).toLowerCase() : null;
    const found = users.filter((u) => email === null || u.email.toLowerCase() === email);
    return { status: 200, body: { total: found.length, users: found.map((u) => ({ id: u.id, username: u.username ?? u.email, email: u.email, isPublished: true })) } };
  }

  const deleted: string[] = [];
  // Mautic's ids are numbers; the store keeps them zero-padded.
  const byId = (url: URL) => {
    const id = Number(/^\/api\/contacts\/(\d+)/u.exec(url.pathname)?.[1]);
    return contacts.rows.find((r) => Number(r.remoteId) === id);
  };
  function getOne(req: LoggedRequest, url: URL): Reply {
    if (req.headers.authorization !== expected) return denied;
    const row = byId(url);
    if (!row) return { status: 404, body: { errors: [{ code: 404, message: 'Item was not found.', type: null }] } };
    return { status: 200, body: { contact: { id: Number(row.remoteId), fields: { all: { id: Number(row.remoteId), ...row.fields } } } } };
  }
  function deleteOne(req: LoggedRequest, url: URL): Reply {
    if (req.headers.authorization !== expected) return denied;
    const row = byId(url);
    if (!row) return { status: 404, body: { errors: [{ code: 404, message: 'Item was not found.', type: null }] } };
    contacts.remove(row);
    deleted.push(row.remoteId);
    return { status: 200, body: { contact: { id: null, fields: { all: row.fields } } } };
  }

  const server = await startFakeServer({
    route(method, url) {
      if (method === 'GET' && /^\/api\/contacts\/\d+$/u.test(url.pathname)) return { writes: false, handle: getOne };
      if (method === 'DELETE' && /^\/api\/contacts\/\d+\/delete$/u.test(url.pathname)) return { writes: true, kind: 'merge', handle: deleteOne };
      if (method === 'GET' && url.pathname === '/api/users') return { writes: false, handle: listUsers };
      if (method === 'POST' && url.pathname === '/api/contacts/batch/new') return { writes: true, handle: batchNew };
      if (method === 'GET' && url.pathname === '/api/contacts') {
        return { writes: false, handle: (req) => (req.headers.authorization === expected ? { status: 200, body: { total: String(contacts.rows.length), contacts: {} } } : denied) };
      }
      return null;
    },
  });
  return extend(server, { user, password, contacts, deleted });
}
