import { useCallback, useEffect, useState } from 'react';
import type { RecentCapture } from '../../../shared/api';
import { call, onConnection, subscribe } from '../api/client';
import { displayName, timeHm } from '../app/format';
import { useI18n } from '../app/i18n';

/**
 * The last captures at this event, newest first, refreshed whenever the core reports one and
 * whenever `refresh` changes (the card's lead was saved, deleted or restored).
 */
export function RecentCaptures({ eventId, refresh }: { eventId: string; refresh?: string | null }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<RecentCapture[] | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await call('capture.recent', { eventId, limit: 20 }));
    } catch {
      // Kept as it was; the next capture or reconnect loads it again.
    }
  }, [eventId]);

  useEffect(() => {
    void load();
    const off = subscribe((message) => {
      if (message.topic === 'lead.captured' && message.data.lead.eventId === eventId) void load();
    });
    const offConnection = onConnection((up) => up && void load());
    return () => {
      off();
      offConnection();
    };
  }, [eventId, load]);

  useEffect(() => {
    if (refresh) void load();
  }, [refresh, load]);

  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="panel__title">
        {t('recent.title')}
      </h2>
      {rows && rows.length === 0 ? (
        <p className="muted">{t('recent.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="recent-captures">
            <thead>
              <tr>
                <th scope="col">{t('recent.time')}</th>
                <th scope="col">{t('recent.name')}</th>
                <th scope="col">{t('recent.company')}</th>
                <th scope="col">{t('recent.kind')}</th>
                <th scope="col">{t('card.rating')}</th>
                <th scope="col">{t('recent.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {(rows ?? []).map((row) => (
                <tr key={row.touchId}>
                  <td className="nowrap">{timeHm(row.at)}</td>
                  <td>{displayName(row.lead) ?? t('card.unnamed')}</td>
                  <td>{row.lead.company}</td>
                  <td className="nowrap">{t(`recent.kind.${row.kind}`)}</td>
                  <td className="nowrap">{row.lead.rating && <span className={`pill pill--${row.lead.rating}`}>{t(`rating.${row.lead.rating}`)}</span>}</td>
                  <td>{row.staff}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
