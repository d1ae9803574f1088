import { useEffect, useState } from 'react';
import { call, errorCode } from '../api/client';
import type { EventSummary } from '../../../shared/model';
import { useI18n } from '../app/i18n';
import { BundleImport } from '../handoff/BundleImport';
import { downloadFile } from '../handoff/download';
import { ConsentEditorDialog } from './ConsentEditor';
import { CreateEventForm } from './CreateEventForm';
import { FormEditorDialog } from './FormEditor';
import { RosterImportDialog } from './RosterImportDialog';

export function EventsScreen(props: {
  events: EventSummary[];
  current: EventSummary | null;
  onChoose(id: string): void;
  onChanged(): void;
}) {
  const { t, count, error } = useI18n();
  const [importFor, setImportFor] = useState<EventSummary | null>(null);
  const [formFor, setFormFor] = useState<EventSummary | null>(null);
  const [consentFor, setConsentFor] = useState<EventSummary | null>(null);
  const [bundleNote, setBundleNote] = useState<{ ok: boolean; text: string } | null>(null);

  async function exportBundle(event: EventSummary) {
    setBundleNote(null);
    try {
      const file = await call('bundle.export', { eventId: event.id });
      downloadFile(file);
      setBundleNote({ ok: true, text: t('bundle.exported', { leads: count(file.leads), touches: count(file.touches), file: file.fileName }) });
    } catch (err) {
      setBundleNote({ ok: false, text: error(errorCode(err)) });
    }
  }

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
                    <button type="button" className="button" onClick={() => setFormFor(event)} aria-label={t('form.open_for', { event: event.name })}>
                      {t('form.open')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setConsentFor(event)}
                      aria-label={t('consent.open_for', { event: event.name })}
                    >
                      {t('consent.open')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void exportBundle(event)}
                      aria-label={t('bundle.export_for', { event: event.name })}
                    >
                      {t('bundle.export')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="bundle-title">
        <h2 id="bundle-title" className="panel__title">
          {t('bundle.title')}
        </h2>
        <p className="muted">{t('bundle.help')}</p>
        {bundleNote && (
          <p className={bundleNote.ok ? 'notice notice--success' : 'notice notice--danger'} role={bundleNote.ok ? 'status' : 'alert'}>
            {bundleNote.text}
          </p>
        )}
        <BundleImport onImported={props.onChanged} />
      </section>
      <CreateEventForm
        onCreated={(event) => {
          props.onChoose(event.id);
          props.onChanged();
        }}
      />
      <FormEditorDialog event={formFor} onClose={() => setFormFor(null)} />
      <ConsentEditorDialog event={consentFor} onClose={() => setConsentFor(null)} />
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
