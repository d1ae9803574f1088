import { randomUUID } from 'node:crypto';
import { extend, RecordStore, startFakeServer, VALID_EMAIL, type FakeServer, type LoggedRequest, type Reply } from './fake-server';

/**
 * A HubSpot CRM v3 stand-in: POST /crm/v3/objects/contacts/batch/upsert (idProperty, ≤ 100
 * inputs, 200 or 207 multi-status with per-input errors naming the objectWriteTraceId), Bearer
 * private-app token, the burst limit as a rolling window with X-HubSpot-RateLimit-* headers on
 * every answer and a 429 + Retry-After past it. One contact per email, as HubSpot keeps it: a
 * write that would give a second contact an email answers 409 CONFLICT "Contact already
 * exists. Existing ID: …". batch/update by record id; merge (POST …/contacts/merge: the contact
 * left gets a new id and lists both old ones in hs_merged_object_ids; an old id still reads it);
 * GET …/contacts/{id}. Lists v3: create (names unique), read by exact name, search, and
 * memberships/add. Every authenticated request counts against the one limit, whatever its path.
 */
export interface FakeHubspotOptions {
  token?: string;
  idProperty?: string;
  /** Requests per window, counted over every authenticated call (HubSpot counts probes too). */
  limit?: { requests: number; windowMs: number };
  /** How a batch with invalid inputs is answered: 207 with the valid ones stored, or 400 for the whole batch (nothing stored). */
  invalid?: 'multi-status' | 'reject-batch';
  /** Ignore the idProperty and create every input anew: what a non-idempotent client would get. */
  createOnly?: boolean;
  /** The account's owners (users), as GET /crm/v3/owners lists them. */
  owners?: { id: string; email: string; firstName?: string; lastName?: string }[];
}

export interface FakeHubspot extends FakeServer {
  token: string;
  contacts: RecordStore;
  /**
   * Server times (performance.now()) of every request the rate limit counted, oldest first,
   * never pruned: every authenticated request, whatever its path (an unknown one too), as
   * HubSpot counts them all against one limit. Not the ones refused with a 429.
   */
  counted: number[];
  rejected429: number;
  /** Pretend these requests were made just now, as another integration or an earlier upload would have. */
  spend(n: number): void;
  /** What sales do in HubSpot: set the contact's lead status (and the reason text) on the contact holding this LeadBooth id. */
  setLeadStatus(leadId: string, status: string | null, reason?: string | null): void;
  /** A new token is issued and the old one stops working (the private app's token was rotated). */
  rotateToken(): string;
  /** Merges HubSpot made: {primary, merged, result} record ids. */
  merges: { primary: string; merged: string; result: string }[];
  /** A contact someone made in HubSpot (a form, an import) with no LeadBooth id. */
  addContact(fields: Record<string, unknown>): string;
  /** Contact lists (Lists API v3): name, and the record ids of their members. */
  lists: Map<string, { name: string; members: Set<string> }>;
  /** The names of the lists this contact (by record id) is a member of. */
  listsOf(remoteId: string): string[];
}

const propertyError = (email: string) =>
  `Property values were not valid: [{"isValid":false,"message":"Email address ${email} is invalid","error":"INVALID_EMAIL","name":"email","localizedErrorMessage":"Email address ${email} is invalid"}]`;

export async function startFakeHubspot(options: FakeHubspotOptions = {}): Promise<FakeHubspot> {
  let token = options.token ?? `pat-na1-${randomUUID()}`;
  const owners = options.owners ?? [];
  const idProperty = options.idProperty ?? 'leadbooth_id';
  const limit = options.limit ?? { requests: 100, windowMs: 10_000 };
  const contacts = new RecordStore('');
  const counted: number[] = [];
  /** Index of the oldest counted request still inside the window. */
  let windowStart = 0;
  let rejected429 = 0;

  const inWindow = (now: number) => {
    while (windowStart < counted.length && counted[windowStart]! <= now - limit.windowMs) windowStart++;
    return counted.length - windowStart;
  };
  const rateHeaders = (now: number) => ({
    'X-HubSpot-RateLimit-Max': String(limit.requests),
    'X-HubSpot-RateLimit-Remaining': String(Math.max(0, limit.requests - inWindow(now))),
    'X-HubSpot-RateLimit-Interval-Milliseconds': String(limit.windowMs),
  });

  const merges: { primary: string; merged: string; result: string }[] = [];
  /** Merged-away ids → the contact they went into (HubSpot still reads an old id). */
  const aliases = new Map<string, string>();
  const resolve = (id: string) => {
    let at = id;
    while (aliases.has(at)) at = aliases.get(at)!;
    return contacts.byRemote(at);
  };
  const conflict = (holder: { remoteId: string }): Reply => ({
    status: 409,
    body: { status: 'error', message: `Contact already exists. Existing ID: ${holder.remoteId}`, category: 'CONFLICT', correlationId: randomUUID() },
  });
  const emailHolder = (email: unknown, except: unknown) =>
    typeof email === 'string' && email
      ? contacts.rows.find((r) => r !== except && String(r.fields.email ?? '').toLowerCase() === email.toLowerCase())
      : undefined;
  const publicObject = (row: (typeof contacts.rows)[number], properties: Record<string, unknown>) => {
    const now = new Date().toISOString();
    return { id: row.remoteId, properties, createdAt: now, updatedAt: now, archived: false };
  };

  /** POST /crm/v3/objects/contacts/batch/update: by record id; an email another contact holds is a conflict. */
  function batchUpdate(req: LoggedRequest): Reply {
    const body = JSON.parse(req.body) as { inputs?: { id?: string; objectWriteTraceId?: string; properties?: Record<string, string> }[] };
    const inputs = body.inputs ?? [];
    if (inputs.length > 100) return { status: 400, body: { status: 'error', message: 'Batch input is limited to 100 inputs', category: 'VALIDATION_ERROR' } };
    const rows = inputs.map((input) => resolve(String(input.id ?? '')));
    const missing = inputs.filter((_, i) => !rows[i]).map((input) => String(input.id ?? ''));
    if (missing.length) {
      return { status: 404, body: { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND', context: { id: missing } } };
    }
    for (const [i, input] of inputs.entries()) {
      const holder = emailHolder(input.properties?.email, rows[i]);
      if (holder) return conflict(holder);
    }
    const now = new Date().toISOString();
    const results = inputs.map((input, i) => {
      const row = rows[i]!;
      Object.assign(row.fields, input.properties ?? {});
      row.writes++;
      const key = row.fields[idProperty];
      contacts.rekey(row, typeof key === 'string' && key ? key : row.leadId);
      return { ...publicObject(row, { ...row.fields, hs_object_id: row.remoteId }), objectWriteTraceId: input.objectWriteTraceId };
    });
    return { status: 200, body: { status: 'COMPLETE', results, requestedAt: now, startedAt: now, completedAt: now } };
  }

  /**
   * POST /crm/v3/objects/contacts/merge: the primary's values win, the merged contact's fill its
   * blanks; the contact left has a new id, and both old ids in hs_merged_object_ids.
   */
  function merge(req: LoggedRequest): Reply {
    const body = JSON.parse(req.body) as { primaryObjectId?: string; objectIdToMerge?: string };
    const primary = resolve(String(body.primaryObjectId ?? ''));
    const merged = resolve(String(body.objectIdToMerge ?? ''));
    if (!primary || !merged) return { status: 404, body: { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' } };
    if (primary === merged) {
      return { status: 400, body: { status: 'error', message: 'Cannot merge an object with itself', category: 'VALIDATION_ERROR', correlationId: randomUUID() } };
    }
    const fields: Record<string, unknown> = { ...merged.fields };
    for (const [name, value] of Object.entries(primary.fields)) if (value !== undefined && value !== null && value !== '') fields[name] = value;
    const ids = [
      ...String(primary.fields.hs_merged_object_ids ?? '').split(';'),
      ...String(merged.fields.hs_merged_object_ids ?? '').split(';'),
      primary.remoteId,
      merged.remoteId,
    ].filter(Boolean);
    fields.hs_merged_object_ids = [...new Set(ids)].join(';');
    const key = primary.leadId;
    contacts.remove(primary);
    contacts.remove(merged);
    const left = contacts.reissue(key, fields, primary.writes + merged.writes);
    // The contact left keeps the list memberships of both.
    for (const list of lists.values()) {
      const hadPrimary = list.members.delete(primary.remoteId);
      const hadMerged = list.members.delete(merged.remoteId);
      if (hadPrimary || hadMerged) list.members.add(left.remoteId);
    }
    aliases.set(primary.remoteId, left.remoteId);
    aliases.set(merged.remoteId, left.remoteId);
    merges.push({ primary: primary.remoteId, merged: merged.remoteId, result: left.remoteId });
    return { status: 200, body: publicObject(left, { ...left.fields, hs_object_id: left.remoteId }) };
  }

  const lists = new Map<string, { name: string; members: Set<string> }>();
  let nextList = 1;
  const listJson = (listId: string, list: { name: string; members: Set<string> }) => ({
    listId, name: list.name, objectTypeId: '0-1', processingType: 'MANUAL', size: list.members.size,
  });

  /** POST /crm/v3/lists/search {query}: lists whose name holds the query. */
  function searchLists(req: LoggedRequest): Reply {
    const query = String((JSON.parse(req.body) as { query?: string }).query ?? '').toLowerCase();
    const found = [...lists].filter(([, l]) => l.name.toLowerCase().includes(query)).map(([id, l]) => listJson(id, l));
    return { status: 200, body: { offset: found.length, hasMore: false, lists: found, total: found.length } };
  }

  /** POST /crm/v3/lists {name, objectTypeId, processingType}: names are unique. */
  function createList(req: LoggedRequest): Reply {
    const body = JSON.parse(req.body) as { name?: string; objectTypeId?: string; processingType?: string };
    if (!body.name || body.objectTypeId !== '0-1' || !['MANUAL', 'DYNAMIC', 'SNAPSHOT'].includes(body.processingType ?? '')) {
      return { status: 400, body: { status: 'error', message: 'Invalid list definition', category: 'VALIDATION_ERROR' } };
    }
    if ([...lists.values()].some((l) => l.name === body.name)) {
      return { status: 400, body: { status: 'error', message: `A list named ${body.name} already exists`, category: 'VALIDATION_ERROR' } };
    }
    const id = String(nextList++);
    const list = { name: body.name, members: new Set<string>() };
    lists.set(id, list);
    return { status: 200, body: { list: listJson(id, list) } };
  }

  /** GET /crm/v3/lists/object-type-id/0-1/name/{listName}: the list of exactly this name (case ignored), or 404. */
  function listByName(_req: LoggedRequest, url: URL): Reply {
    const parts = url.pathname.split('/');
    const name = decodeURIComponent(parts[parts.length - 1] ?? '').toLowerCase();
    const found = [...lists].find(([, l]) => parts[5] === '0-1' && l.name.toLowerCase() === name);
    if (!found) return { status: 404, body: { status: 'error', message: 'List does not exist', category: 'OBJECT_NOT_FOUND' } };
    return { status: 200, body: { list: listJson(found[0], found[1]) } };
  }

  /** PUT /crm/v3/lists/{listId}/memberships/add [recordIds]: adding a member twice changes nothing. */
  function addMembers(req: LoggedRequest, url: URL): Reply {
    const list = lists.get(url.pathname.split('/')[4] ?? '');
    if (!list) return { status: 404, body: { status: 'error', message: 'List not found', category: 'OBJECT_NOT_FOUND' } };
    const ids = JSON.parse(req.body) as string[];
    const added: string[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const row = resolve(String(id));
      if (!row) missing.push(String(id));
      else if (!list.members.has(row.remoteId)) {
        list.members.add(row.remoteId);
        added.push(row.remoteId);
      }
    }
    return { status: 200, body: { recordIdsAdded: added, recordIdsMissing: missing } };
  }

  /** GET /crm/v3/objects/contacts/{id}?properties=…: an old (merged) id reads the contact it went into. */
  function readOne(_req: LoggedRequest, url: URL): Reply {
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    const row = resolve(id);
    if (!row) return { status: 404, body: { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' } };
    const properties: Record<string, unknown> = { hs_object_id: row.remoteId };
    for (const name of (url.searchParams.get('properties') ?? '').split(',').filter(Boolean)) properties[name] = row.fields[name] ?? null;
    return { status: 200, body: publicObject(row, properties) };
  }

  function upsert(req: LoggedRequest): Reply {
    let body: { inputs?: { id?: string; idProperty?: string; objectWriteTraceId?: string; properties?: Record<string, string> }[] };
    try {
      body = JSON.parse(req.body);
    } catch {
      return { status: 400, body: { status: 'error', message: 'Invalid input JSON', category: 'VALIDATION_ERROR' } };
    }
    const inputs = body.inputs ?? [];
    if (inputs.length > 100) {
      return { status: 400, body: { status: 'error', message: 'Batch input is limited to 100 inputs', category: 'VALIDATION_ERROR' } };
    }
    const errors: unknown[] = [];
    const valid = inputs.filter((input) => {
      const email = input.properties?.email;
      const bad = input.idProperty !== idProperty || !input.id || (email !== undefined && !VALID_EMAIL.test(email));
      if (bad) {
        errors.push({
          status: 'error',
          category: 'VALIDATION_ERROR',
          message: input.idProperty !== idProperty ? `Property ${input.idProperty} is not a unique property` : propertyError(email ?? ''),
          context: { objectWriteTraceId: [input.objectWriteTraceId ?? ''] },
        });
      }
      return !bad;
    });
    if (errors.length && options.invalid === 'reject-batch') {
      const first = errors[0] as { message: string };
      return { status: 400, body: { status: 'error', message: first.message, category: 'VALIDATION_ERROR', correlationId: randomUUID() } };
    }
    // HubSpot keeps one contact per email: an input whose email another contact holds is
    // refused, and with it the batch (nothing stored), as HubSpot answers such a conflict.
    const inBatch = new Map<string, string>();
    // Who holds the batch's emails, found in one pass over the contacts per request: a lookup
    // per input over every contact made the stand-in, in the bench's process, the slowest part
    // of a 20,000-lead upload. Only the batch's emails are kept.
    const holders = new Map<string, (typeof contacts.rows)[number][]>();
    if (valid.length && !options.createOnly) {
      for (const input of valid) if (input.properties?.email) holders.set(input.properties.email.toLowerCase(), []);
      for (const r of contacts.rows) {
        const email = r.fields.email;
        if (typeof email === 'string' && email) holders.get(email.toLowerCase())?.push(r);
      }
    }
    for (const input of valid) {
      const email = input.properties?.email?.toLowerCase();
      if (!email || options.createOnly) continue;
      const holder = holders.get(email)?.find((r) => r.leadId !== input.id);
      const twin = inBatch.get(email);
      inBatch.set(email, input.id!);
      if (twin !== undefined && twin !== input.id) {
        return { status: 400, body: { status: 'error', message: `Duplicate email ${email} in batch input`, category: 'VALIDATION_ERROR', correlationId: randomUUID() } };
      }
      if (holder) return conflict(holder);
    }
    const now = new Date().toISOString();
    const results = valid.map((input) => {
      const fields = { ...input.properties, [idProperty]: input.id! };
      const { row, created } = options.createOnly ? { row: contacts.create(input.id!, fields), created: true } : contacts.upsert(input.id!, fields);
      return {
        id: row.remoteId,
        properties: { ...row.fields, hs_object_id: row.remoteId },
        createdAt: now,
        updatedAt: now,
        archived: false,
        new: created,
        objectWriteTraceId: input.objectWriteTraceId,
      };
    });
    const status = errors.length ? 207 : 200;
    return {
      status,
      body: {
        status: 'COMPLETE',
        results,
        ...(errors.length ? { numErrors: errors.length, errors } : {}),
        requestedAt: now,
        startedAt: now,
        completedAt: now,
      },
    };
  }

  /** POST /crm/v3/objects/contacts/batch/read: by record id (or idProperty), only the properties asked for. */
  function batchRead(req: LoggedRequest): Reply {
    const body = JSON.parse(req.body) as { properties?: string[]; inputs?: { id?: string }[]; idProperty?: string };
    const inputs = body.inputs ?? [];
    if (inputs.length > 100) return { status: 400, body: { status: 'error', message: 'Batch input is limited to 100 inputs', category: 'VALIDATION_ERROR' } };
    const now = new Date().toISOString();
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = String(input.id ?? '');
      const row = body.idProperty ? contacts.find(id) : contacts.byRemote(id);
      if (!row) {
        missing.push(id);
        continue;
      }
      const properties: Record<string, string | null> = { hs_object_id: row.remoteId };
      for (const name of body.properties ?? []) properties[name] = row.fields[name] == null ? null : String(row.fields[name]);
      results.push({ id: row.remoteId, properties, createdAt: now, updatedAt: now, archived: false });
    }
    const errors = missing.length
      ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects, they may be deleted or not exist.', context: { ids: missing } }]
      : [];
    return {
      status: errors.length ? 207 : 200,
      body: { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), requestedAt: now, startedAt: now, completedAt: now },
    };
  }

  /** GET /crm/v3/owners/?email=…: the owner with exactly this email, or none. */
  function listOwners(_req: LoggedRequest, url: URL): Reply {
    const email = url.searchParams.get('email')?.toLowerCase();
    const now = new Date().toISOString();
    const matching = owners.filter((o) => !email || o.email.toLowerCase() === email);
    return {
      status: 200,
      body: {
        results: matching.map((o) => ({ id: o.id, email: o.email, type: 'PERSON', firstName: o.firstName ?? '', lastName: o.lastName ?? '', userId: Number(o.id) + 1000, createdAt: now, updatedAt: now, archived: false })),
      },
    };
  }

  const server = await startFakeServer({
    route(method, url) {
      if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/upsert') return { writes: true, handle: upsert };
      if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/read') return { writes: false, handle: batchRead };
      if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/update') return { writes: true, kind: 'update', handle: batchUpdate };
      if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/merge') return { writes: true, kind: 'merge', handle: merge };
      if (method === 'POST' && url.pathname === '/crm/v3/lists/search') return { writes: false, handle: searchLists };
      if (method === 'POST' && url.pathname === '/crm/v3/lists') return { writes: true, kind: 'lists', handle: createList };
      if (method === 'GET' && /^\/crm\/v3\/lists\/object-type-id\/[^/]+\/name\/[^/]+$/u.test(url.pathname)) return { writes: false, handle: listByName };
      if (method === 'PUT' && /^\/crm\/v3\/lists\/[^/]+\/memberships\/add$/u.test(url.pathname)) return { writes: true, kind: 'lists', handle: addMembers };
      if (method === 'GET' && /^\/crm\/v3\/objects\/contacts\/[^/]+$/u.test(url.pathname)) return { writes: false, handle: readOne };
      if (method === 'GET' && /^\/crm\/v3\/owners\/?$/u.test(url.pathname)) return { writes: false, handle: listOwners };
      if (method === 'GET' && url.pathname === '/crm/v3/objects/contacts') {
        return { writes: false, handle: () => ({ status: 200, body: { results: [], paging: null } }) };
      }
      // Any other path still passes the gate (the token, the limit), then answers 404: HubSpot
      // counts a call to a path it does not know against the same limit.
      return { writes: false, handle: () => ({ status: 404, body: { status: 'error', message: `No route ${method} ${url.pathname}`, category: 'OBJECT_NOT_FOUND' } }) };
    },
    gate(req) {
      if (req.headers.authorization !== `Bearer ${token}`) {
        return {
          status: 401,
          body: {
            status: 'error',
            message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
            correlationId: randomUUID(),
            category: 'INVALID_AUTHENTICATION',
          },
        };
      }
      const now = performance.now();
      if (inWindow(now) >= limit.requests) {
        rejected429++;
        const retryAfterS = Math.max(1, Math.ceil((counted[windowStart]! + limit.windowMs - now) / 1000));
        return {
          status: 429,
          headers: { 'Retry-After': String(retryAfterS) },
          body: {
            status: 'error',
            message: 'You have reached your ten_secondly_rolling limit.',
            errorType: 'RATE_LIMIT',
            correlationId: randomUUID(),
            policyName: 'TEN_SECONDLY_ROLLING',
          },
        };
      }
      counted.push(now);
      return null;
    },
    headers: () => rateHeaders(performance.now()),
  });

  return extend(server, {
    contacts,
    counted,
    get rejected429() {
      return rejected429;
    },
    spend(n: number) {
      const now = performance.now();
      for (let i = 0; i < n; i++) counted.push(now);
    },
    /** Sales' verdict on the contact of this LeadBooth key (the person's, as delivery keys contacts). */
    setLeadStatus(key: string, status: string | null, reason: string | null = null) {
      const row = contacts.find(key);
      if (!row) throw new Error(`No contact for ${key}`);
      row.fields.hs_lead_status = status;
      if (reason !== undefined) row.fields.leadbooth_rejection_reason = reason;
    },
    merges,
    lists,
    listsOf(remoteId: string) {
      return [...lists.values()].filter((l) => l.members.has(remoteId)).map((l) => l.name).sort();
    },
    addContact(fields: Record<string, unknown>) {
      return contacts.create(null, fields).remoteId;
    },
    rotateToken() {
      token = `pat-na1-${randomUUID()}`;
      return token;
    },
    get token() {
      return token;
    },
  });
}
