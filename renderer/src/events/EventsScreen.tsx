import { useEffect, useState } from 'react';
import type { EventSummary } from '../../../shared/model';
import { useI18n } from '../app/i18n';
import { CreateEventForm } from './CreateEventForm';
import { RosterImportDialog } from './RosterImportDialog';

export function EventsScreen(props: {
  events: EventSummary[];
  current: EventSummary | null;
  onChoose(id: string): void;
  onChanged(): void;
}) {
  const { t, count } = useI18n();
  const [importFor, setImportFor] = useState<EventSummary | null>(null);

  // Counts move while we were elsewhere: fresh ones on arrival.
  const { onChanged } = props;
  useEffect(() => onChanged(), [onChanged]);

  return (
    <div className="page">
      <h1>{t('events.title')}</h1>
      <section aria-labelledby="event-list-title">
        <h2 id="event-list-title" className="visually-hidden">
          {t('events.list')}
        </h2>
        {props.events.length === 0 ? (
          <p className="muted">{t('events.empty')}</p>
        ) : (
          <ul className="event-list">
            {props.events.map((event) => {
              const isCurrent = event.id === props.current?.id;
              return (
                <li key={event.id} className={isCurrent ? 'event-item event-item--current' : 'event-item'} data-testid="event-item">
                  <div className="event-item__info">
                    <h3 className="event-item__name">
                      {event.name}
                      <span className="tag">{t(`event.kind.${event.kind}`)}</span>
                      {isCurrent && <span className="tag tag--current">{t('events.current')}</span>}
                    </h3>
                    <p className="muted">
                      {[event.venue, event.startsOn && t('events.dates', { start: event.startsOn, end: event.endsOn ?? event.startsOn })]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    <p className="event-item__counts">
                      {event.kind === 'seminar' && (
                        <span data-testid="event-attendance">
                          {t('events.counts_seminar', {
                            registered: count(event.registered),
                            checkedIn: count(event.checkedIn),
                            walkIns: count(event.walkIns),
                          })}
                        </span>
                      )}
                      <span>{t('events.counts_leads', { leads: count(event.leads) })}</span>
                    </p>
                  </div>
                  <div className="event-item__actions">
                    {!isCurrent && (
                      <button type="button" className="button" onClick={() => props.onChoose(event.id)}>
                        {t('events.use')}
                      </button>
                    )}
                    <button type="button" className="button" onClick={() => setImportFor(event)}>
                      {t('events.import_roster')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <CreateEventForm
        onCreated={(event) => {
          props.onChoose(event.id);
          props.onChanged();
        }}
      />
      <RosterImportDialog
        event={importFor}
        onClose={() => {
          setImportFor(null);
          props.onChanged();
        }}
      />
    </div>
  );
}
