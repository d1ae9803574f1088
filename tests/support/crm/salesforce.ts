import { randomUUID } from 'node:crypto';
import { extend, RecordStore, startFakeServer, VALID_EMAIL, type FakeServer, type LoggedRequest, type Reply } from './fake-server';

/**
 * A Salesforce stand-in: sObject Collections upsert
 * PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField} (≤ 200 records,
 * allOrNone false → one {id, success, errors, created} per record, in order), a Bearer access
 * token that can expire, and the OAuth token endpoint's refresh_token grant.
 */
export interface FakeSalesforceOptions {
  externalIdField?: string;
  clientId?: string;
  refreshToken?: string;
  clientSecret?: string;
  /** The org's users, as SOQL on User finds them (Lead.OwnerId takes their Id). */
  users?: { Id: string; Email: string; IsActive?: boolean }[];
}

export interface FakeSalesforce extends FakeServer {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  leads: RecordStore;
  refreshes: number;
  /** The current access token stops working; a refresh issues a new one. */
  expireToken(): void;
  /** The refresh token is revoked too: only new credentials help. */
  revokeRefreshToken(): void;
  /** What sales do in Salesforce: set the Lead's Status (and the reason text) on the Lead holding this LeadBooth id. */
  setLeadStatus(leadId: string, status: string, reason?: string | null): void;
}

const invalidSession = { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const externalIdField = options.externalIdField ?? 'LeadBooth_Id__c';
  const leads = new RecordStore('00Q5g00000');
  const state = {
    accessToken: `00D5g000001!${randomUUID()}`,
    refreshToken: options.refreshToken ?? `5Aep861${randomUUID()}`,
    clientId: options.clientId ?? '3MVG9-leadbooth',
    clientSecret: options.clientSecret ?? `secret-${randomUUID()}`,
    refreshes: 0,
  };
  const authorized = (req: LoggedRequest) => req.headers.authorization === `Bearer ${state.accessToken}`;
  const users = options.users ?? [];

  /** GET …/composite/sobjects/Lead?ids=…&fields=…: one entry per id, in order, null where the id is unknown. */
  function retrieve(req: LoggedRequest, url: URL): Reply {
    if (!authorized(req)) return invalidSession;
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    if (ids.length === 0 || fields.length === 0) return { status: 400, body: [{ message: 'ids and fields are required', errorCode: 'INVALID_QUERY_FILTER_OPERATOR' }] };
    if (ids.length > 800) return { status: 414, body: 'URI Too Long' };
    return {
      status: 200,
      body: ids.map((id) => {
        const row = leads.rows.find((r) => r.remoteId === id);
        if (!row) return null;
        const record: Record<string, unknown> = { attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` } };
        for (const f of fields) record[f] = f === 'Id' ? row.remoteId : (row.fields[f] ?? null);
        return record;
      }),
    };
  }

  /** GET …/query?q=SELECT Id FROM User WHERE Email = '…' …: the one query the connector makes. */
  function query(req: LoggedRequest, url: URL): Reply {
    if (!authorized(req)) return invalidSession;
    const q = url.searchParams.get('q') ?? '';
    const match = /^SELECT Id FROM User WHERE Email = '((?:\\.|[^'\\])*)'/u.exec(q);
    if (!match) return { status: 400, body: [{ message: `unexpected query: ${q}`, errorCode: 'MALFORMED_QUERY' }] };
    const email = match[1]!.replace(/\\(.)/gu, '$1').toLowerCase();
    const found = users.filter((u) => u.Email.toLowerCase() === email && u.IsActive !== false);
    return {
      status: 200,
      body: { totalSize: found.length, done: true, records: found.map((u) => ({ attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${u.Id}` }, Id: u.Id })) },
    };
  }

  function upsert(req: LoggedRequest, url: URL): Reply {
    if (!authorized(req)) return invalidSession;
    const field = url.pathname.split('/').pop();
    if (field !== externalIdField) {
      return { status: 400, body: [{ message: `Provided external ID field does not exist or is not accessible: ${field}`, errorCode: 'NOT_FOUND' }] };
    }
    const body = JSON.parse(req.body) as { allOrNone?: boolean; records?: Record<string, unknown>[] };
    const records = body.records ?? [];
    if (records.length > 200) return { status: 400, body: [{ message: 'Maximum number of records is 200', errorCode: 'EXCEEDED_ID_LIMIT' }] };
    return {
      status: 200,
      body: records.map((record) => {
        const { attributes, ...fields } = record as { attributes?: { type?: string } } & Record<string, unknown>;
        const errors: { statusCode: string; message: string; fields: string[] }[] = [];
        if (attributes?.type !== 'Lead') errors.push({ statusCode: 'INVALID_TYPE', message: 'Record type must be Lead', fields: [] });
        const key = fields[externalIdField];
        if (typeof key !== 'string' || !key) errors.push({ statusCode: 'MISSING_ARGUMENT', message: `${externalIdField} not specified`, fields: [] });
        for (const required of ['LastName', 'Company']) {
          if (!fields[required]) errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${required}]`, fields: [required] });
        }
        if (typeof fields.Email === 'string' && !VALID_EMAIL.test(fields.Email)) {
          errors.push({ statusCode: 'INVALID_EMAIL_ADDRESS', message: `Email: invalid email address: ${fields.Email}`, fields: ['Email'] });
        }
        if (errors.length) return { success: false, errors };
        const isNew = !leads.find(key as string);
        // A new Lead starts in the org's default status, as Salesforce's picklist default does.
        const { row, created } = leads.upsert(key as string, isNew && !fields.Status ? { Status: 'Open - Not Contacted', ...fields } : fields);
        return { id: row.remoteId, success: true, errors: [], created };
      }),
    };
  }

  function token(req: LoggedRequest): Reply {
    const form = new URLSearchParams(req.body);
    const ok =
      form.get('grant_type') === 'refresh_token' &&
      form.get('refresh_token') === state.refreshToken &&
      form.get('client_id') === state.clientId &&
      (form.get('client_secret') ?? state.clientSecret) === state.clientSecret;
    if (!ok) return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
    state.accessToken = `00D5g000001!${randomUUID()}`;
    state.refreshes++;
    return {
      status: 200,
      body: {
        access_token: state.accessToken,
        signature: randomUUID(),
        scope: 'api refresh_token',
        instance_url: server.url,
        id: `${server.url}/id/00D5g000001/0055g000001`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  }

  const server = await startFakeServer({
    route(method, url) {
      if (method === 'PATCH' && /^\/services\/data\/v\d+\.\d\/composite\/sobjects\/Lead\/\w+$/u.test(url.pathname)) {
        return { writes: true, handle: upsert };
      }
      if (method === 'POST' && url.pathname === '/services/oauth2/token') return { writes: false, handle: token };
      if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/composite\/sobjects\/Lead$/u.test(url.pathname)) return { writes: false, handle: retrieve };
      if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/query$/u.test(url.pathname)) return { writes: false, handle: query };
      if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/limits$/u.test(url.pathname)) {
        return { writes: false, handle: (req) => (authorized(req) ? { status: 200, body: { DailyApiRequests: { Max: 15000, Remaining: 14999 } } } : invalidSession) };
      }
      return null;
    },
  });

  return extend(server, {
    leads,
    get accessToken() {
      return state.accessToken;
    },
    get refreshToken() {
      return state.refreshToken;
    },
    get clientId() {
      return state.clientId;
    },
    get clientSecret() {
      return state.clientSecret;
    },
    get refreshes() {
      return state.refreshes;
    },
    expireToken() {
      state.accessToken = `expired-${randomUUID()}`;
    },
    revokeRefreshToken() {
      state.refreshToken = `revoked-${randomUUID()}`;
    },
    setLeadStatus(leadId: string, status: string, reason: string | null = null) {
      const row = leads.find(leadId);
      if (!row) throw new Error(`No Lead for ${leadId}`);
      row.fields.Status = status;
      if (reason !== undefined) row.fields.LeadBooth_Rejection_Reason__c = reason;
    },
  });
}
