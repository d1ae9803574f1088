import type Database from 'better-sqlite3';
import type { Handlers, LeadPage } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { companyKey } from '../../shared/normalize/company';
import { cleanPerson } from '../../shared/normalize/person';
import { looksLikeEmail } from '../../shared/normalize/text';
import type { CoreDeps } from './deps';
import { LEAD_SELECT, leadStore, toLead, type LeadRow } from './store/lead-store';
import { LIKE_CLAUSE, LIKE_PARAMS, parseLeadSearch, type LeadSearch } from './search';
import type { SearchIndex } from './search-index';
import type { SettingsStore } from './settings';
import { touchStore } from './store/touch-store';

type LeadHandlers = Pick<Handlers, 'leads.list' | 'leads.get' | 'leads.rate' | 'leads.update'>;

/**
 * Counting every match of a common word means reading thousands of lead rows; past this many
 * the list says "1,000+" and keeps loading pages as the user scrolls.
 */
export const SEARCH_COUNT_CAP = 1000;

export function leadHandlers(deps: CoreDeps, settings: SettingsStore, index: SearchIndex): LeadHandlers {
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const rate = deps.sqlite.prepare('UPDATE leads SET rating = ?, updated_at = ? WHERE id = ?');
  const setNotes = deps.sqlite.prepare('UPDATE leads SET notes = ?, updated_at = ? WHERE id = ?');
  const cache = new Map<string, { rows: Database.Statement<unknown[]>; count: Database.Statement<unknown[]> }>();

  const allRows = deps.sqlite.prepare(
    `SELECT ${LEAD_SELECT} FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL ORDER BY l.captured_at DESC, l.id DESC LIMIT ? OFFSET ?`,
  );
  const allCount = deps.sqlite.prepare('SELECT count(*) FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL').pluck();

  /**
   * With a 3+ character term the FTS index drives: its rowids come newest-stored first, so
   * the first page needs no sort of every match. Short terms alone walk the event's leads
   * newest first and stop once the page is full.
   */
  function statements(search: LeadSearch) {
    const key = `${search.match !== null}:${search.likes.length}`;
    let s = cache.get(key);
    if (!s) {
      const likes = search.likes.map(() => ` AND ${LIKE_CLAUSE}`).join('');
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

  const likeParams = (search: LeadSearch) => search.likes.flatMap((like) => Array<string>(LIKE_PARAMS).fill(like));

  function list(eventId: string, query: string | undefined, offset: number, limit: number): LeadPage {
    let search = parseLeadSearch(query);
    if (search?.match || search?.phrase) index.catchUp();
    if (search?.phrase) {
      const byPhrase = { match: search.phrase, likes: search.likes, phrase: null };
      if (statements(byPhrase).count.get(byPhrase.match, eventId, ...likeParams(byPhrase)) !== 0) search = byPhrase;
    }
    if (!search) {
      const rows = (allRows.all(eventId, limit, offset) as LeadRow[]).map(toLead);
      return { total: allCount.get(eventId) as number, totalExact: true, rows };
    }
    const params = [...(search.match ? [search.match] : []), eventId, ...likeParams(search)];
    const s = statements(search);
    const counted = s.count.get(...params) as number;
    const rows = (s.rows.all(...params, limit, offset) as LeadRow[]).map(toLead);
    const totalExact = counted <= SEARCH_COUNT_CAP;
    return { total: totalExact ? counted : Math.max(SEARCH_COUNT_CAP, offset + rows.length), totalExact, rows };
  }

  function getLead(id: string): LeadRow {
    const row = leads.get(id);
    if (!row) throw new AppError('lead.not_found', `No lead with id ${id}`);
    return row;
  }

  return {
    'leads.list': ({ eventId, query, offset, limit }) => list(eventId, query, offset, limit),
    'leads.get': ({ id }) => ({ lead: toLead(getLead(id)), touches: touches.forLead(id) }),
    'leads.update': ({ id, fields, clear, notes, staff }) => {
      const row = getLead(id);
      const cleaned = cleanPerson(fields);
      if (cleaned.email && !looksLikeEmail(cleaned.email)) {
        throw new AppError('lead.email_invalid', `Not an email address: ${cleaned.email}`);
      }
      const changes: Record<string, string | null> = { ...cleaned };
      for (const key of clear) changes[key] = null;
      if ('company' in changes) changes.companyKey = companyKey(changes.company) ?? null;
      const now = deps.clock();
      const changed = Object.keys(changes).filter((k) => changes[k] !== row[k as keyof LeadRow]);
      deps.sqlite.transaction(() => {
        leads.update(id, Object.fromEntries(changed.map((k) => [k, changes[k]])), now);
        if (notes !== undefined) setNotes.run(notes, now, id);
        touches.add({
          id: deps.newId(), leadId: id, eventId: row.eventId, kind: 'edit',
          staff: staff ?? settings.get().staffName, device: settings.get().deviceId, at: now,
          detail: {
            changed: Object.fromEntries(changed.map((k) => [k, { from: row[k as keyof LeadRow] ?? null, to: changes[k] }])),
            ...(notes !== undefined ? { notes: true } : {}),
          },
        });
        deps.onLeadWritten(id);
      })();
      return toLead(getLead(id));
    },
    'leads.rate': ({ id, rating, staff }) => {
      const row = getLead(id);
      const now = deps.clock();
      deps.sqlite.transaction(() => {
        rate.run(rating, now, id);
        touches.add({
          id: deps.newId(), leadId: id, eventId: row.eventId, kind: 'edit',
          staff: staff ?? settings.get().staffName, device: settings.get().deviceId, at: now,
          detail: { rating: { from: row.rating, to: rating } },
        });
        deps.onLeadWritten(id);
      })();
      return toLead(getLead(id));
    },
  };
}
