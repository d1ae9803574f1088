import type { Handlers } from '../../shared/api';
import { bytesToBase64 } from '../../shared/base64';
import { layoutRows } from '../../shared/handoff/csv-layouts';
import { toCsv } from '../../shared/handoff/csv-write';
import { localStamp, safeFileStem } from '../../shared/handoff/local-time';
import { encodeCsv } from './csv-encode';
import type { CoreDeps } from './deps';
import type { EventStore } from './events';
import { LEAD_SELECT, toLead, type LeadRow } from './store/lead-store';
import type { TriageFilter } from '../../shared/triage/api';
import { leadSearchClause } from './search';
import type { SearchIndex } from './search-index';
import { triageQuery } from './triage/query';
import type { FormStore } from './qualify/forms';
import type { SettingsStore } from './settings';

type ExportHandlers = Pick<Handlers, 'export.csv'>;

const MIME = { utf8: 'text/csv; charset=utf-8', cp932: 'text/csv; charset=Windows-31J' } as const;

export const systemTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** CSV hand-off of an event's leads (the selection, or all of them) in one of three layouts. */
export function exportHandlers(
  deps: CoreDeps,
  events: EventStore,
  index: SearchIndex,
  forms: FormStore,
  settings: SettingsStore,
): ExportHandlers {
  const triage = triageQuery(deps, index);

  /**
   * The same leads the list shows for this search (leads.list), or the Triage table for its
   * filter, in capture order.
   */
  function selectLeads(eventId: string, leadIds: string[] | undefined, query: string | undefined, filter: TriageFilter | undefined): LeadRow[] {
    let where = 'l.event_id = ? AND l.deleted_at IS NULL';
    const params: unknown[] = [eventId];
    if (filter) {
      // Within this event: a filter naming only other events matches none of its leads.
      if (filter.eventIds?.length && !filter.eventIds.includes(eventId)) return [];
      const ids = triage.matchingIds({ ...filter, eventIds: [eventId] });
      if (ids.length === 0) return [];
      where += ' AND l.id IN (SELECT value FROM json_each(?))';
      params.push(JSON.stringify(ids));
    }
    if (leadIds) {
      // One JSON parameter: a 50,000-lead selection as IN (?, ?, …) would overflow SQLite's
      // limit on bound parameters.
      where += ' AND l.id IN (SELECT value FROM json_each(?))';
      params.push(JSON.stringify(leadIds));
    }
    if (query) index.catchUp();
    const search = leadSearchClause(query);
    where += search.sql;
    params.push(...search.params);
    return deps.sqlite
      .prepare(`SELECT ${LEAD_SELECT} FROM leads l WHERE ${where} ORDER BY l.captured_at, l.id`)
      .all(...params) as LeadRow[];
  }

  return {
    'export.csv': ({ eventId, leadIds, query, filter, format, encoding, timeZone, language }) => {
      const event = events.get(eventId);
      const zone = timeZone ?? systemTimeZone();
      const leads = selectLeads(eventId, leadIds, query, filter).map(toLead);
      const ctx = {
        event,
        timeZone: zone,
        language: language ?? settings.read<'ja' | 'en' | null>('language', null) ?? 'ja',
        questions: forms.current(eventId).questions,
      };
      const { bytes, replaced } = encodeCsv(toCsv(layoutRows(format, leads, ctx)), encoding);
      return {
        fileName: `${safeFileStem(event.name)}-${format}-${localStamp(deps.clock(), zone)}.csv`,
        mime: MIME[encoding],
        base64: bytesToBase64(bytes),
        rows: leads.length,
        encoding,
        replaced,
      };
    },
  };
}
