import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are integer milliseconds since the epoch (UTC); the API shows them as ISO strings.

export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['tradeshow', 'seminar'] }).notNull(),
  venue: text('venue'),
  startsOn: text('starts_on'),
  endsOn: text('ends_on'),
  createdAt: integer('created_at').notNull(),
});

/** One roster file read into an event: its header row, against which each entry's raw cells are read. */
/** A person's name and its reading, as both the roster and the leads keep them. */
const personName = () => ({
  fullName: text('full_name'),
  familyName: text('family_name'),
  givenName: text('given_name'),
  familyNameKana: text('family_name_kana'),
  givenNameKana: text('given_name_kana'),
});

export const rosterImports = sqliteTable('roster_imports', {
  id: integer('id').primaryKey(),
  eventId: text('event_id').notNull().references(() => events.id),
  /** The file's header row, as JSON: an array of the header cells. */
  headers: text('headers').notNull(),
  encoding: text('encoding').notNull(),
  importedAt: integer('imported_at').notNull(),
});

export const rosterEntries = sqliteTable(
  'roster_entries',
  {
    // A rowid alias, not a UUID: entries are never referenced from another device, and a
    // 100,000-row import pays for every extra index.
    id: integer('id').primaryKey(),
    eventId: text('event_id').notNull().references(() => events.id),
    badgeId: text('badge_id').notNull(),
    ...personName(),
    company: text('company'),
    department: text('department'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    /**
     * The organizer's row verbatim, as JSON: an array of its cells, one per header of the
     * import (`import_id`) that last wrote it. Rows imported before migration 0003 have no
     * import and hold a header → cell object instead.
     */
    raw: text('raw').notNull(),
    importId: integer('import_id').references(() => rosterImports.id),
    importedAt: integer('imported_at').notNull(),
    checkedInAt: integer('checked_in_at'),
  },
  (t) => [uniqueIndex('roster_event_badge').on(t.eventId, t.badgeId)],
);

export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull().references(() => events.id),
    badgeId: text('badge_id'),
    ...personName(),
    company: text('company'),
    companyKey: text('company_key'),
    department: text('department'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    url: text('url'),
    sourceFormat: text('source_format'),
    source: text('source').notNull(),
    rawPayload: text('raw_payload'),
    capturedBy: text('captured_by'),
    capturedAt: integer('captured_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    rating: text('rating', { enum: ['hot', 'warm', 'cold'] }),
    notes: text('notes'),
    status: text('status').notNull().default('new'),
    walkIn: integer('walk_in', { mode: 'boolean' }).notNull().default(false),
    /** The owner's email (owners.email), or null. Email rather than an id: it means the same on every device and in every CRM. */
    owner: text('owner'),
    consentVersion: text('consent_version'),
    consentAt: integer('consent_at'),
    /** Per-field edit times (JSON), so merging bundles from several devices can keep the newest edit of each field. */
    fieldTimes: text('field_times').notNull().default('{}'),
    deletedAt: integer('deleted_at'),
    /**
     * Answers to the event's qualification form, as JSON: question key → { value, label, and
     * the labels of the chosen options }, as the question read when it was answered, so a later
     * edit of the form never changes what a lead said.
     */
    answers: text('answers').notNull().default('{}'),
    /** The normalized payload of a scan with no badge id or email: a rescan of it is the same lead. */
    payloadKey: text('payload_key'),
    // Triage (issue 8). score and grade derive from the lead and the rules (shared/triage/rules.ts),
    // follow_up_due from grade and capture time; the lead writer keeps them in step on every write.
    score: integer('score').notNull().default(0),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] }).notNull().default('D'),
    /** Scans and check-ins of this person at this event: every extra one shows interest. */
    touchCount: integer('touch_count').notNull().default(1),
    /** A person marked the lead ready to send (delivery policies `ready` and `mql`). */
    readyAt: integer('ready_at'),
    followUpDue: integer('follow_up_due'),
    statusAt: integer('status_at'),
    /** Why sales rejected it (a key of the editable reasons list), while the status is rejected. */
    rejectionReason: text('rejection_reason'),
    // Data management (issue 9). The lead writer derives these on every write: the account from
    // the company name and the email's corporate domain (shared/accounts), the person across
    // events from the keys below (shared/dedupe). merged_into: the lead this one was merged
    // into (名寄せ); such a lead is soft-deleted and comes back when the merge is undone.
    accountId: text('account_id'),
    personId: text('person_id'),
    /** The email NFKC-folded, trimmed and lower-cased: full-width and case never make two people. */
    emailKey: text('email_key'),
    /** Family + given name folded (NFKC, no spaces, kana as katakana), for duplicate candidates. */
    nameKey: text('name_key'),
    /** The phone's digits in one national form, for duplicate rules. */
    phoneKey: text('phone_key'),
    mergedInto: text('merged_into'),
  },
  (t) => [
    index('leads_event_payload').on(t.eventId, t.payloadKey).where(sql`payload_key IS NOT NULL`),
    uniqueIndex('leads_event_badge').on(t.eventId, t.badgeId).where(sql`badge_id IS NOT NULL AND deleted_at IS NULL`),
    index('leads_event_email').on(t.eventId, t.email, t.capturedAt),
    index('leads_email_key').on(t.emailKey).where(sql`email_key IS NOT NULL`),
    index('leads_account').on(t.accountId).where(sql`account_id IS NOT NULL`),
    index('leads_person').on(t.personId).where(sql`person_id IS NOT NULL`),
    index('leads_name_key').on(t.nameKey).where(sql`name_key IS NOT NULL`),
    // The dashboard (electron/core/reports): every chart of an event of 100,000 leads within
    // 200 ms reads this index alone, never the 1–2 KB rows. Its order (event, status, staff,
    // reason, grade, products answer) lets one event's counts stream in one GROUP BY, and puts
    // the leads with sales' verdict side by side. The expressions: the answer to the products
    // question, whether the lead has answers, and the answers of a lead with a verdict (the
    // acceptance-by-answer chart; NULL for the others, so it costs the index little). Migration
    // 0010; the queries write these expressions exactly so (reports/dashboard-sql.ts).
    index('leads_dashboard').on(
      t.eventId, t.status, t.capturedBy, t.rejectionReason, t.grade, sql`(answers -> '$.interest.value')`,
      t.score, t.rating, t.walkIn, t.personId, t.accountId,
      sql`(answers <> '{}')`, sql`(CASE WHEN status = 'sal' OR status = 'rejected' THEN answers END)`,
    ).where(sql`deleted_at IS NULL`),
    // The live leads by event, newest first, ties by id, with every column the Triage table
    // filters and sorts on: the leads list pages through it alone (an offset skips entries, not
    // 1–2 KB rows) and the Triage query picks its page in it before reading the page's rows.
    // It replaces (event_id, captured_at), which every query on it paired with deleted_at IS
    // NULL anyway, so a capture still writes the same number of b-trees (migration 0008).
    index('leads_triage').on(
      t.eventId, t.capturedAt, t.id, t.score, t.grade, t.status, t.owner, t.rating, t.capturedBy, t.followUpDue,
      t.readyAt, t.consentVersion, t.updatedAt, t.company, t.title, t.familyName, t.givenName, t.fullName,
    ).where(sql`deleted_at IS NULL`),
  ],
);

export const touches = sqliteTable(
  'touches',
  {
    id: text('id').primaryKey(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    eventId: text('event_id').notNull().references(() => events.id),
    kind: text('kind', { enum: ['scan', 'checkin', 'edit', 'merge', 'note', 'import', 'delete', 'restore', 'photo'] }).notNull(),
    staff: text('staff'),
    device: text('device'),
    at: integer('at').notNull(),
    /** The payload read, the source, what changed: JSON. */
    detail: text('detail'),
  },
  (t) => [index('touches_lead_at').on(t.leadId, t.at), index('touches_event_at').on(t.eventId, t.at)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id').notNull().references(() => leads.id),
    connector: text('connector').notNull(),
    state: text('state', { enum: ['pending', 'in_flight', 'done', 'attention'] }).notNull(),
    /**
     * What the row sends: the lead's values to its person's contact (upsert), or — for a lead
     * merged away after it was delivered — the merge of its contact into the survivor's (merge).
     */
    kind: text('kind', { enum: ['upsert', 'merge'] }).notNull().default('upsert'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    remoteId: text('remote_id'),
    batchId: text('batch_id'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('outbox_lead_connector').on(t.leadId, t.connector),
    index('outbox_connector_state').on(t.connector, t.state, t.nextAttemptAt),
  ],
);

export const uploadBatches = sqliteTable(
  'upload_batches',
  {
    id: text('id').primaryKey(),
    connector: text('connector').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    sent: integer('sent').notNull().default(0),
    done: integer('done').notNull().default(0),
    retrying: integer('retrying').notNull().default(0),
    attention: integer('attention').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('upload_batches_connector').on(t.connector, t.startedAt)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON. Secrets are stored only as safeStorage ciphertext, never in plain text. */
  value: text('value').notNull(),
});

/**
 * An event's qualification form, versioned: an edit adds a version, so the answers a lead gave
 * under an earlier one keep the questions they were given under.
 */
export const forms = sqliteTable(
  'forms',
  {
    eventId: text('event_id').notNull().references(() => events.id),
    version: integer('version').notNull(),
    /** JSON: the questions (shared/qualify/form.ts). */
    questions: text('questions').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version] })],
);

/**
 * Consent wording per event, in both languages. A version a lead agreed to is never edited
 * (APPI: what was agreed to must be shown later word for word); a change is a new version.
 */
export const consentTexts = sqliteTable(
  'consent_texts',
  {
    eventId: text('event_id').notNull().references(() => events.id),
    version: text('version').notNull(),
    textJa: text('text_ja').notNull(),
    textEn: text('text_en').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version] })],
);

/** A photo attached to a lead (a business card, say); the bytes live in the user-data folder by content hash. */
export const leadPhotos = sqliteTable(
  'lead_photos',
  {
    id: text('id').primaryKey(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    /** SHA-256 of the bytes, hex: the file's name in the photo folder. */
    hash: text('hash').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    addedAt: integer('added_at').notNull(),
    addedBy: text('added_by'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [uniqueIndex('lead_photos_lead_hash').on(t.leadId, t.hash)],
);

/** The people leads are assigned to, kept in Settings; email is the key a CRM resolves owners by. */
export const owners = sqliteTable('owners', {
  email: text('email').primaryKey(),
  name: text('name').notNull(),
  team: text('team'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
});

/** Every status transition of a lead: who, when, from, to, why; automatic ones and the CRM's verdicts included. */
export const statusChanges = sqliteTable(
  'status_changes',
  {
    id: text('id').primaryKey(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actor: text('actor'),
    auto: integer('auto', { mode: 'boolean' }).notNull().default(false),
    /** app, cli, rules, crm:hubspot, crm:salesforce … */
    source: text('source').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('status_changes_lead_at').on(t.leadId, t.at)],
);

/** Companies on the target-account list (ABM): key is the normalized company name (shared/normalize/company.ts). */
export const targetAccounts = sqliteTable('target_accounts', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  domain: text('domain'),
  tier: text('tier'),
});

/**
 * What each CRM holds of a lead, once a delivery succeeded: the record's id there, what owner
 * was last sent as the CRM's own owner field, and sales' verdict as last read back. One row per
 * (lead, connector), kept when the outbox row is re-queued: it is how delivery knows a lead was
 * delivered before (its status changes keep going after it stops being selected), and how a
 * verdict is applied once per change in the CRM rather than on every pull.
 */
export const crmRecords = sqliteTable(
  'crm_records',
  {
    leadId: text('lead_id').notNull().references(() => leads.id),
    connector: text('connector').notNull(),
    remoteId: text('remote_id'),
    deliveredAt: integer('delivered_at').notNull(),
    /** The owner email whose CRM owner id went with the last delivery; null: none resolved yet. */
    ownerSent: text('owner_sent'),
    /**
     * The value the contact holds in the connector's id property (the person's key, or the lead
     * id it was first sent under); null in rows written before persons: the lead id.
     */
    contactKey: text('contact_key'),
    /** The CRM's own status value (hs_lead_status, Lead.Status) and reason text as last read. */
    verdictValue: text('verdict_value'),
    verdictReason: text('verdict_reason'),
    /** What it mapped to (sal, rejected) and what the core answered (applied, unchanged, refused). */
    verdictTo: text('verdict_to'),
    verdictOutcome: text('verdict_outcome'),
    verdictAt: integer('verdict_at'),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.connector] }), index('crm_records_connector').on(t.connector, t.remoteId)],
);

/**
 * One company (ABM). Found without a person from the normalized company name and the email's
 * corporate domain (shared/accounts); merged or split by hand, which account_keys remembers.
 */
export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  /** The spelling shown: the first seen, or the one a person chose. */
  name: text('name').notNull(),
  nameKey: text('name_key'),
  /** The corporate (registrable) domain, never a free-mail one. */
  domain: text('domain'),
  createdAt: integer('created_at').notNull(),
  /** Set when a person merged this account into another: its keys point there now. */
  mergedInto: text('merged_into'),
});

/**
 * What each identity key belongs to: `d:<domain>` or `n:<name key>` → account. Rows a person
 * made (merge, split) are manual and win over what derivation would decide, across re-imports.
 */
export const accountKeys = sqliteTable(
  'account_keys',
  {
    key: text('key').primaryKey(),
    accountId: text('account_id').notNull(),
    manual: integer('manual', { mode: 'boolean' }).notNull().default(false),
    at: integer('at').notNull(),
  },
  (t) => [index('account_keys_account').on(t.accountId)],
);

/** Something about accounts a person should look at, e.g. one name under two unrelated domains. */
export const accountFlags = sqliteTable(
  'account_flags',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    nameKey: text('name_key'),
    /** JSON array of the account ids concerned. */
    accountIds: text('account_ids').notNull(),
    state: text('state').notNull().default('open'),
    at: integer('at').notNull(),
  },
  // The account linker probes for a name's flag on every capture that meets a second domain.
  (t) => [index('account_flags_name').on(t.kind, t.nameKey)],
);

/** One human across events (名寄せ): the CRM contact is keyed on it. */
export const persons = sqliteTable('persons', {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
  mergedInto: text('merged_into'),
});

/**
 * Pairs of leads that may be one person: suggested for a person, merged (by the rules or by a
 * person), or "not the same person" (remembered, never suggested again). lead_a < lead_b.
 */
export const duplicatePairs = sqliteTable(
  'duplicate_pairs',
  {
    leadA: text('lead_a').notNull(),
    leadB: text('lead_b').notNull(),
    /** event: two leads of one event (merge); person: two events (link to one person). */
    scope: text('scope').notNull(),
    rule: text('rule').notNull(),
    state: text('state').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadA, t.leadB] }), index('duplicate_pairs_state').on(t.state, t.createdAt)],
);

/** Every merge of two leads, with what undoing it needs (the rows as they were, what moved). */
export const merges = sqliteTable(
  'merges',
  {
    id: text('id').primaryKey(),
    survivorId: text('survivor_id').notNull(),
    mergedId: text('merged_id').notNull(),
    rule: text('rule').notNull(),
    auto: integer('auto', { mode: 'boolean' }).notNull().default(false),
    actor: text('actor'),
    at: integer('at').notNull(),
    undoneAt: integer('undone_at'),
    /** JSON: both rows before, the ids of what moved (touches, photos, status changes). */
    snapshot: text('snapshot').notNull(),
  },
  (t) => [index('merges_survivor').on(t.survivorId), index('merges_merged').on(t.mergedId)],
);

/**
 * The Triage table's orders (migration 0011): a narrow copy of each lead's sort and filter
 * columns with one index per sort column, so a page sorted by anything but capture time walks
 * that order and stops after the page, instead of every entry of the event in leads_triage.
 * Kept off the capture path as the search index is (electron/core/triage/order-index.ts): new
 * leads are copied by rowid above the table's highest, edits and deletions of copied leads are
 * marked in triage_order_dirty by triggers and copied again; both before a query reads it and
 * when the booth goes quiet. Deleted leads stay (deleted_at set), so the highest rowid is the
 * high-water mark; the indexes hold live leads only. The index expressions are written exactly
 * as electron/core/triage/query.ts sorts.
 */
export const triageOrder = sqliteTable(
  'triage_order',
  {
    leadRowid: integer('lead_rowid').primaryKey(),
    id: text('id').notNull(),
    eventId: text('event_id').notNull(),
    deletedAt: integer('deleted_at'),
    capturedAt: integer('captured_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    score: integer('score').notNull(),
    grade: text('grade').notNull(),
    status: text('status').notNull(),
    rating: text('rating'),
    owner: text('owner'),
    capturedBy: text('captured_by'),
    followUpDue: integer('follow_up_due'),
    readyAt: integer('ready_at'),
    consentVersion: text('consent_version'),
    company: text('company'),
    title: text('title'),
    familyName: text('family_name'),
    givenName: text('given_name'),
    fullName: text('full_name'),
    /**
     * Grade, status, rating, whether owned, consented and ready, one bit per value
     * (electron/core/triage/order-index.ts FILTER_BITS): in every index, so a walk skips the
     * leads these filters leave out without reading their row.
     */
    filterBits: integer('filter_bits').notNull(),
  },
  (t) => {
    const live = sql`deleted_at IS NULL`;
    return [
      index('triage_order_updated').on(t.eventId, t.updatedAt, t.id, t.filterBits).where(live),
      index('triage_order_score').on(t.eventId, t.score, t.id, t.filterBits).where(live),
      index('triage_order_grade').on(t.eventId, t.grade, t.id, t.filterBits).where(live),
      index('triage_order_status').on(
        t.eventId,
        sql`(CASE status WHEN 'new' THEN 1 WHEN 'working' THEN 2 WHEN 'mql' THEN 3 WHEN 'sal' THEN 4 WHEN 'rejected' THEN 5 WHEN 'nurture' THEN 6 WHEN 'disqualified' THEN 7 END)`,
        t.id, t.filterBits,
      ).where(live),
      index('triage_order_name').on(t.eventId, sql`(coalesce(family_name || ' ' || coalesce(given_name, ''), full_name))`, t.id, t.filterBits).where(live),
      index('triage_order_company').on(t.eventId, t.company, t.id, t.filterBits).where(live),
      index('triage_order_title').on(t.eventId, t.title, t.id, t.filterBits).where(live),
      index('triage_order_rating').on(t.eventId, sql`(CASE rating WHEN 'cold' THEN 1 WHEN 'warm' THEN 2 WHEN 'hot' THEN 3 END)`, t.id, t.filterBits).where(live),
      index('triage_order_owner').on(t.eventId, t.owner, t.id, t.filterBits).where(live),
      index('triage_order_captured_by').on(t.eventId, t.capturedBy, t.id, t.filterBits).where(live),
      index('triage_order_follow_up').on(t.eventId, t.followUpDue, t.id, t.filterBits).where(live),
      // By event: one event's leads by id (the sort value is the event's name, the same for all).
      index('triage_order_event').on(t.eventId, t.id, t.filterBits).where(live),
    ];
  },
);

/** Leads copied to triage_order and changed since: copied again by the catch-up (migration 0011). */
export const triageOrderDirty = sqliteTable('triage_order_dirty', {
  leadRowid: integer('lead_rowid').primaryKey(),
});

/**
 * How far the late links have come (migration 0012): every lead up to this rowid has had its
 * account, person and 名寄せ decided after its capture committed (electron/core/late-links.ts).
 * One row. A capture writes nothing here, so it commits no page of it.
 */
export const lateLinks = sqliteTable('late_links', {
  id: integer('id').primaryKey(),
  leadRowid: integer('lead_rowid').notNull(),
});
