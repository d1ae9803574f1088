import { randomUUID } from 'node:crypto';
import { extend, RecordStore, startFakeServer, VALID_EMAIL, type FakeServer, type LoggedRequest, type Reply } from './fake-server';

/**
 * A Salesforce stand-in: sObject Collections upsert
 * PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField} (≤ 200 records,
 * allOrNone false → one {id, success, errors, created} per record, in order), a Bearer access
 * token that can expire, and the OAuth token endpoint's refresh_token grant. An active
 * duplicate rule on Lead email that blocks, as orgs set the standard one: a second Lead with an
 * email fails with DUPLICATES_DETECTED naming the Lead it matched. sObject Collections update
 * by Id; the SOAP API's merge() (the REST API has none), after which the victim is deleted and
 * queryAll still finds it with its MasterRecordId.
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
  /** merge() calls Salesforce carried out: {master, victim}. */
  merges: { master: string; victim: string }[];
  /** A Lead someone made in Salesforce (web-to-lead, an import) with no LeadBooth id. */
  addLead(fields: Record<string, unknown>): string;
  /** Campaigns by Id: the external id, the name, and the Lead Ids of their members. */
  campaigns: Map<string, { eventId: string; name: string; members: Set<string> }>;
  /** The names of the Campaigns this Lead (by Id) is a member of. */
  campaignsOf(leadId: string): string[];
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

  const merges: { master: string; victim: string }[] = [];
  /** Leads merged away: Id → MasterRecordId (queryAll still reads them, IsDeleted true). */
  const deleted = new Map<string, string>();
  const emailHolder = (email: unknown, except: unknown) =>
    typeof email === 'string' && email
      ? leads.rows.find((r) => r !== except && String(r.fields.Email ?? '').toLowerCase() === email.toLowerCase())
      : undefined;
  const duplicate = (holder: { remoteId: string }) => ({
    statusCode: 'DUPLICATES_DETECTED',
    message: 'Use one of these records?',
    fields: [],
    duplicateResult: {
      allowSave: false,
      duplicateRule: 'Standard_Lead_Duplicate_Rule',
      duplicateRuleEntityType: 'Lead',
      errorMessage: 'Use one of these records?',
      matchResults: [{
        entityType: 'Lead', errors: [], matchEngine: 'FuzzyMatchEngine', rule: 'Standard_Lead_Match_Rule_v1_0', size: 1, success: true,
        matchRecords: [{ additionalInformation: [], fieldDiffs: [], matchConfidence: 100, record: { attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${holder.remoteId}` }, Id: holder.remoteId } }],
      }],
    },
  });

  /** PATCH …/composite/sobjects: update by Id, one answer per record in order; the duplicate rule applies. */
  function update(req: LoggedRequest): Reply {
    if (!authorized(req)) return invalidSession;
    const body = JSON.parse(req.body) as { records?: Record<string, unknown>[] };
    return {
      status: 200,
      body: (body.records ?? []).map((record) => {
        const { attributes: _type, id, ...fields } = record as { attributes?: unknown; id?: string } & Record<string, unknown>;
        const row = leads.byRemote(String(id ?? ''));
        if (!row) return { success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] };
        const holder = emailHolder(fields.Email, row);
        if (holder) return { success: false, errors: [duplicate(holder)] };
        Object.assign(row.fields, fields);
        row.writes++;
        const key = row.fields[externalIdField];
        leads.rekey(row, typeof key === 'string' && key ? key : row.leadId);
        return { id: row.remoteId, success: true, errors: [] };
      }),
    };
  }

  const campaigns = new Map<string, { eventId: string; name: string; members: Set<string> }>();
  let nextCampaign = 1;

  /** PATCH …/sobjects/Campaign/LeadBooth_Event_Id__c/{value}: upsert by the external id. */
  function upsertCampaign(req: LoggedRequest, url: URL): Reply {
    if (!authorized(req)) return invalidSession;
    const eventId = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    const fields = JSON.parse(req.body) as { Name?: string };
    const found = [...campaigns].find(([, c]) => c.eventId === eventId);
    if (found) {
      if (fields.Name) found[1].name = fields.Name;
      return { status: 200, body: { id: found[0], success: true, errors: [], created: false } };
    }
    if (!fields.Name) return { status: 400, body: [{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING' }] };
    const id = `7015g0000${String(nextCampaign++).padStart(6, '0')}`;
    campaigns.set(id, { eventId, name: fields.Name, members: new Set() });
    return { status: 201, body: { id, success: true, errors: [], created: true } };
  }

  /** POST …/composite/sobjects: CampaignMember records; one per Lead and Campaign (DUPLICATE_VALUE for a second). */
  function create(req: LoggedRequest): Reply {
    if (!authorized(req)) return invalidSession;
    const body = JSON.parse(req.body) as { records?: Record<string, unknown>[] };
    return {
      status: 200,
      body: (body.records ?? []).map((record) => {
        const { attributes, CampaignId, LeadId } = record as { attributes?: { type?: string }; CampaignId?: string; LeadId?: string };
        if (attributes?.type !== 'CampaignMember') return { success: false, errors: [{ statusCode: 'INVALID_TYPE', message: 'only CampaignMember here', fields: [] }] };
        const campaign = campaigns.get(String(CampaignId ?? ''));
        if (!campaign || !leads.byRemote(String(LeadId ?? ''))) {
          return { success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] };
        }
        if (campaign.members.has(String(LeadId))) {
          return { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'Already a campaign member.', fields: [] }] };
        }
        campaign.members.add(String(LeadId));
        return { id: `00v5g0000${randomUUID().slice(0, 6)}`, success: true, errors: [] };
      }),
    };
  }

  /** GET …/queryAll?q=SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = '…' */
  function queryAll(req: LoggedRequest, url: URL): Reply {
    if (!authorized(req)) return invalidSession;
    const q = url.searchParams.get('q') ?? '';
    const match = /^SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = '([^']*)'$/u.exec(q);
    if (!match) return { status: 400, body: [{ message: `unexpected query: ${q}`, errorCode: 'MALFORMED_QUERY' }] };
    const id = match[1]!;
    const live = leads.byRemote(id);
    const master = deleted.get(id);
    const records = live || master
      ? [{ attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` }, Id: id, IsDeleted: !live, MasterRecordId: master ?? null }]
      : [];
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  }

  const soapFault = (code: string, message: string): Reply => ({
    status: 500,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
  });

  /** POST /services/Soap/u/XX.X merge(): the master keeps its values, the victim is deleted with its MasterRecordId. */
  function soap(req: LoggedRequest): Reply {
    const session = /<(?:\w+:)?sessionId>([^<]*)</u.exec(req.body)?.[1];
    if (session !== state.accessToken) return soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
    const master = /<(?:\w+:)?masterRecord>[\s\S]*?<(?:\w+:)?Id>([^<]*)</u.exec(req.body)?.[1] ?? '';
    const victim = /<(?:\w+:)?recordToMergeIds>([^<]*)</u.exec(req.body)?.[1] ?? '';
    const keep = leads.byRemote(master);
    const gone = leads.byRemote(victim);
    const result = (inner: string) => ({
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><mergeResponse><result>${inner}</result></mergeResponse></soapenv:Body></soapenv:Envelope>`,
    });
    if (!keep || !gone) {
      return result(`<errors><message>entity is deleted</message><statusCode>ENTITY_IS_DELETED</statusCode></errors><id xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><success>false</success>`);
    }
    for (const [name, value] of Object.entries(gone.fields)) if (keep.fields[name] === undefined || keep.fields[name] === null || keep.fields[name] === '') keep.fields[name] = value;
    leads.remove(gone);
    deleted.set(victim, master);
    // merge() reparents the victim's related records: its campaign memberships go to the master.
    for (const campaign of campaigns.values()) if (campaign.members.delete(victim)) campaign.members.add(master);
    merges.push({ master, victim });
    return result(`<id>${master}</id><mergedRecordIds>${victim}</mergedRecordIds><success>true</success>`);
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
        const holder = emailHolder(fields.Email, leads.find(key as string));
        if (holder) return { success: false, errors: [duplicate(holder)] };
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
      if (method === 'PATCH' && /^\/services\/data\/v\d+\.\d\/composite\/sobjects$/u.test(url.pathname)) return { writes: true, kind: 'update', handle: update };
      if (method === 'GET' && /^\/services\/data\/v\d+\.\d\/queryAll$/u.test(url.pathname)) return { writes: false, handle: queryAll };
      if (method === 'POST' && /^\/services\/data\/v\d+\.\d\/composite\/sobjects$/u.test(url.pathname)) return { writes: true, kind: 'campaigns', handle: create };
      if (method === 'PATCH' && /^\/services\/data\/v\d+\.\d\/sobjects\/Campaign\/LeadBooth_Event_Id__c\/[^/]+$/u.test(url.pathname)) {
        return { writes: true, kind: 'campaigns', handle: upsertCampaign };
      }
      if (method === 'POST' && /^\/services\/Soap\/u\/\d+\.\d$/u.test(url.pathname)) return { writes: true, kind: 'merge', handle: soap };
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
    merges,
    campaigns,
    campaignsOf(leadId: string) {
      return [...campaigns.values()].filter((c) => c.members.has(leadId)).map((c) => c.name).sort();
    },
    addLead(fields: Record<string, unknown>) {
      return leads.create(null, fields).remoteId;
    },
    setLeadStatus(leadId: string, status: string, reason: string | null = null) {
      const row = leads.find(leadId);
      if (!row) throw new Error(`No Lead for ${leadId}`);
      row.fields.Status = status;
      if (reason !== undefined) row.fields.LeadBooth_Rejection_Reason__c = reason;
    },
  });
}
