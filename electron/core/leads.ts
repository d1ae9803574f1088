import type Database from 'better-sqlite3';
import type { Handlers, LeadPage, ParsedInput } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { PersonFields } from '../../shared/model';
import { cleanPerson } from '../../shared/normalize/person';
import { stampAnswerTimes } from '../../shared/handoff/merge';
import { applyAnswers } from '../../shared/qualify/answers';
import { looksLikeEmail } from '../../shared/normalize/text';
import type { CoreDeps } from './deps';
import type { ConsentStore } from './qualify/consent';
import type { FormStore } from './qualify/forms';
import { LEAD_SELECT, leadStore, parseAnswers, toLead, type FullLeadRow, type LeadRow, type LeadValues } from './store/lead-store';
import type { LeadWriter } from './store/lead-writer';
import { byPhrase, likeClauses, parseLeadSearch, type LeadSearch } from './search';
import type { SearchIndex } from './search-index';
import type { SettingsStore } from './settings';
import { touchStore } from './store/touch-store';

type LeadHandlers = Pick<
  Handlers,
  | 'leads.list' | 'leads.get' | 'leads.rate' | 'leads.update' | 'leads.delete' | 'leads.restore'
  | 'forms.get' | 'forms.save' | 'consent.get' | 'consent.save'
>;

/**
 * Counting every match of a common word means reading thousands of lead rows; past this many
 * the list says "1,000+" and keeps loading pages as the user scrolls.
 */
export const SEARCH_COUNT_CAP = 1000;

/**
 * The plain list counts an event's leads up to here. An exact count of a million-lead event
 * read the whole event on every page (700 ms at 1,000,000); past the cap the total is a lower
 * bound that grows by a row while pages keep coming, so a scrolling list keeps asking for more.
 */
export const LIST_COUNT_CAP = 10_000;

export interface LeadParts {
  settings: SettingsStore;
  index: SearchIndex;
  writer: LeadWriter;
  forms: FormStore;
  consent: ConsentStore;
}

export function leadHandlers(deps: CoreDeps, { settings, index, writer, forms, consent }: LeadParts): LeadHandlers {
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const cache = new Map<string, { rows: Database.Statement<unknown[]>; count: Database.Statement<unknown[]> }>();

  // The offset is walked in the event's live-leads index alone (migration 0007: event, capture
  // time and id, deleted leads left out), and only the page's rows are read from the table:
  // page 5,000 of a million-lead event skips index entries, not rows.
  const allRows = deps.sqlite.prepare(
    `SELECT ${LEAD_SELECT} FROM leads l WHERE l.rowid IN (
       SELECT rowid FROM leads INDEXED BY leads_triage WHERE event_id = ? AND deleted_at IS NULL
       ORDER BY captured_at DESC, id DESC LIMIT ? OFFSET ?)
     ORDER BY l.captured_at DESC, l.id DESC`,
  );
  const allCount = deps.sqlite
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM leads WHERE event_id = ? AND deleted_at IS NULL LIMIT ${LIST_COUNT_CAP + 1})`)
    .pluck();

  /**
   * With a 3+ character term the FTS index drives: its rowids come newest-stored first, so
   * the first page needs no sort of every match. Short terms alone walk the event's leads
   * newest first and stop once the page is full.
   */
  function statements(search: LeadSearch) {
    // A short kana term is tried in two spellings (search.ts), so the SQL is the key.
    const likes = likeClauses(search).sql;
    const key = `${search.match !== null}:${likes}`;
    let s = cache.get(key);
    if (!s) {
      const from = search.match
        ? `FROM leads_fts f CROSS JOIN leads l ON l.rowid = f.rowid WHERE leads_fts MATCH ? AND l.event_id = ? AND l.deleted_at IS NULL${likes}`
        : `FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL${likes}`;
      const order = search.match ? 'ORDER BY f.rowid DESC' : 'ORDER BY l.captured_at DESC, l.id DESC';
      s = {
        rows: deps.sqlite.prepare(`SELECT ${LEAD_SELECT} ${from} ${order} LIMIT ? OFFSET ?`),
        count: deps.sqlite.prepare(`SELECT count(*) FROM (SELECT 1 ${from} LIMIT ${SEARCH_COUNT_CAP + 1})`).pluck(),
      };
      cache.set(key, s);
    }
    return s;
  }

  function plainList(eventId: string, offset: number, limit: number): LeadPage {
    // One row more than the page says whether another page follows.
    const fetched = (allRows.all(eventId, limit + 1, offset) as LeadRow[]).map(toLead);
    const rows = fetched.slice(0, limit);
    const more = fetched.length > limit;
    // The last page knows the total without counting.
    if (!more && (rows.length > 0 || offset === 0)) return { total: offset + rows.length, totalExact: true, rows };
    const counted = allCount.get(eventId) as number;
    if (counted <= LIST_COUNT_CAP) return { total: counted, totalExact: true, rows };
    return { total: Math.max(LIST_COUNT_CAP, offset + rows.length + (more ? 1 : 0)), totalExact: false, rows };
  }

  function list(eventId: string, query: string | undefined, offset: number, limit: number): LeadPage {
    let search = parseLeadSearch(query);
    if (search?.match || search?.phrase) index.catchUp();
    const phrase = search && byPhrase(search);
    if (phrase) {
      if (statements(phrase).count.get(phrase.match, eventId, ...likeClauses(phrase).params) !== 0) search = phrase;
    }
    if (!search) return plainList(eventId, offset, limit);
    const params = [...(search.match ? [search.match] : []), eventId, ...likeClauses(search).params];
    const s = statements(search);
    const counted = s.count.get(...params) as number;
    const rows = (s.rows.all(...params, limit, offset) as LeadRow[]).map(toLead);
    const totalExact = counted <= SEARCH_COUNT_CAP;
    return { total: totalExact ? counted : Math.max(SEARCH_COUNT_CAP, offset + rows.length), totalExact, rows };
  }

  function getLead(id: string): FullLeadRow {
    const row = leads.get(id);
    if (!row) throw new AppError('lead.not_found', `No lead with id ${id}`);
    return row;
  }

  const touchBy = (staff: string | undefined) => staff ?? settings.get().staffName;

  /** What a person changed, in one write with one touch that records each change. */
  const update = writer.transaction((input: ParsedInput<'leads.update'>, now: number): FullLeadRow => {
    const row = getLead(input.id);
    const values: LeadValues = {};
    const changed: Record<string, unknown> = {};
    const set = <K extends keyof LeadValues>(key: K, to: LeadValues[K]) => {
      if (to === row[key as keyof FullLeadRow]) return;
      values[key] = to;
      changed[key] = { from: row[key as keyof FullLeadRow] ?? null, to };
    };

    const cleaned = cleanPerson(input.fields);
    if (cleaned.email && !looksLikeEmail(cleaned.email)) {
      throw new AppError('lead.email_invalid', `Not an email address: ${cleaned.email}`);
    }
    for (const [key, value] of Object.entries(cleaned)) set(key as keyof PersonFields, value ?? null);
    for (const key of input.clear) set(key, null);
    if (input.notes !== undefined) set('notes', input.notes === null || input.notes.trim() === '' ? null : input.notes);
    if (input.rating !== undefined) set('rating', input.rating);
    if (input.answers !== undefined && Object.keys(input.answers).length > 0) {
      const form = forms.current(row.eventId);
      const applied = applyAnswers(form.questions, form.version, parseAnswers(row.answers), input.answers);
      if (!applied.ok) {
        const { code, key } = applied.problem;
        throw new AppError(code, code === 'answer.unknown_question' ? `The form has no question ${key}` : `Not a valid answer to ${key}`, { key });
      }
      const json = JSON.stringify(applied.answers);
      if (json !== row.answers) {
        values.answers = json;
        // The audit trail keeps the values that changed, not every answer's labels twice.
        const before = parseAnswers(row.answers);
        changed.answers = Object.fromEntries(
          Object.keys(input.answers).map((key) => [key, { from: before[key]?.value ?? null, to: applied.answers[key]?.value ?? null }]),
        );
        // Each question is its own field when device bundles merge: stamp only the ones answered.
        values.fieldTimes = stampAnswerTimes(row.fieldTimes, applied.answers, Object.keys(input.answers), now);
      }
    }
    if (input.consent !== undefined) {
      const version = input.consent?.version ?? null;
      if (version !== null && !consent.exists(row.eventId, version)) {
        throw new AppError('consent.unknown_version', `This event has no consent text version ${version}`);
      }
      if (version !== row.consentVersion) {
        set('consentVersion', version);
        values.consentAt = version === null ? null : now;
      }
    }
    if (Object.keys(values).length === 0) return row;
    return writer.change(row, values, { kind: 'edit', staff: touchBy(input.staff), detail: { changed } }, now);
  });

  const setDeleted = writer.transaction((id: string, deleted: boolean, staff: string | undefined, now: number): FullLeadRow => {
    const row = getLead(id);
    if ((row.deletedAt !== null) === deleted) return row;
    if (!deleted && row.badgeId !== null) {
      // A badge id is unique among an event's live leads: a restore must not make two.
      const holder = leads.findByBadge(row.eventId, row.badgeId);
      if (holder) throw new AppError('lead.restore_conflict', `Badge ${row.badgeId} now belongs to another lead`, { leadId: holder.id });
    }
    const kind = deleted ? 'delete' : 'restore';
    return writer.change(row, { deletedAt: deleted ? now : null }, { kind, staff: touchBy(staff), detail: null }, now);
  });

  return {
    'leads.list': ({ eventId, query, offset, limit }) => list(eventId, query, offset, limit),
    'leads.get': ({ id }) => ({ lead: toLead(getLead(id)), touches: touches.forLead(id) }),
    'leads.update': (input) => toLead(update(input, deps.clock())),
    'leads.rate': ({ id, rating, staff }) => toLead(update({ id, rating, staff, fields: {}, clear: [] }, deps.clock())),
    'leads.delete': ({ id, staff }) => toLead(setDeleted(id, true, staff, deps.clock())),
    'leads.restore': ({ id, staff }) => toLead(setDeleted(id, false, staff, deps.clock())),
    'forms.get': ({ eventId }) => forms.current(eventId),
    'forms.save': ({ eventId, questions }) => forms.save(eventId, questions),
    'consent.get': ({ eventId }) => {
      const versions = consent.versions(eventId);
      return { current: versions[0] ?? null, versions };
    },
    'consent.save': (input) => consent.save(input),
  };
}
