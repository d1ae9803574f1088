import { useId, useMemo, useState } from 'react';
import { safeFileStem } from '../../../shared/handoff/local-time';
import type { EventSummary } from '../../../shared/model';
import { chartTables } from '../../../shared/reports/tables';
import { useI18n } from '../app/i18n';
import { ChartCard } from './ChartCard';
import { useDashboard } from './useDashboard';
import './dashboard.css';

const ALL = '';

/** The event's report: charts of the funnel, captures, interest, grades, accounts and what sales accepted. */
export function DashboardScreen({ events, current }: { events: readonly EventSummary[]; current: EventSummary | null }) {
  const { t, lang, error } = useI18n();
  const pickerId = useId();
  const [chosen, setChosen] = useState<string>(current?.id ?? ALL);
  const eventId = chosen === ALL || !events.some((e) => e.id === chosen) ? null : chosen;
  const { data, failure } = useDashboard(eventId);
  const tables = useMemo(() => (data ? chartTables(data, lang) : null), [data, lang]);
  const stem = safeFileStem(eventId === null ? t('dashboard.all_events') : events.find((e) => e.id === eventId)?.name ?? 'event');

  return (
    <div className="dashboard">
      <header className="dashboard__header">
        <h1>{t('dashboard.title')}</h1>
        <label htmlFor={pickerId} className="dashboard__picker">
          <span>{t('dashboard.event')}</span>
          <select id={pickerId} value={eventId ?? ALL} onChange={(e) => setChosen(e.target.value)}>
            <option value={ALL}>{t('dashboard.all_events')}</option>
            {events.map((event) => (
              <option key={event.id} value={event.id}>
                {event.name}
              </option>
            ))}
          </select>
        </label>
        <p className="dashboard__note">{t('dashboard.live')}</p>
      </header>
      {failure && (
        <p className="notice notice--danger" role="alert">
          {error(failure)}
        </p>
      )}
      {!tables ? (
        <p role="status">{t('dashboard.loading')}</p>
      ) : (
        <div className="dashboard__grid" data-testid="dashboard-charts">
          {tables.map((table) => (
            <ChartCard key={table.id} table={table} fileStem={stem} />
          ))}
        </div>
      )}
    </div>
  );
}
