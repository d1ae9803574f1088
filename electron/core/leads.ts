import type Database from 'better-sqlite3';
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { CoreDeps } from './deps';
import { LEAD_SELECT, leadStore, toLead, type LeadRow } from './lead-store';
import { leadSearchClause } from './search';
import type { SettingsStore } from './settings';
import { touchStore } from './touch-store';

type LeadHandlers = Pick<Handlers, 'leads.list' | 'leads.get' | 'leads.rate'>;

export function leadHandlers(deps: CoreDeps, settings: SettingsStore): LeadHandlers {
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const rate = deps.sqlite.prepare('UPDATE leads SET rating = ?, updated_at = ? WHERE id = ?');
  const pageCache = new Map<string, { rows: Database.Statement<unknown[]>; count: Database.Statement<unknown[]> }>();

  function statements(where: string) {
    let s = pageCache.get(where);
    if (!s) {
      const base = `FROM leads l WHERE l.event_id = ? AND l.deleted_at IS NULL${where}`;
      s = {
        rows: deps.sqlite.prepare(`SELECT ${LEAD_SELECT} ${base} ORDER BY l.captured_at DESC, l.id DESC LIMIT ? OFFSET ?`),
        count: deps.sqlite.prepare(`SELECT count(*) ${base}`).pluck(),
      };
      if (pageCache.size > 64) pageCache.clear();
      pageCache.set(where, s);
    }
    return s;
  }

  function getLead(id: string): LeadRow {
    const row = leads.get(id);
    if (!row) throw new AppError('lead.not_found', `No lead with id ${id}`);
    return row;
  }

  return {
    'leads.list': ({ eventId, query, offset, limit }) => {
      const { sql, params } = leadSearchClause(query);
      const s = statements(sql);
      const total = s.count.get(eventId, ...params) as number;
      const rows = (s.rows.all(eventId, ...params, limit, offset) as LeadRow[]).map(toLead);
      return { total, rows };
    },
    'leads.get': ({ id }) => ({ lead: toLead(getLead(id)), touches: touches.forLead(id) }),
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
