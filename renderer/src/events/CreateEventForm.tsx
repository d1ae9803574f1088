import { useState } from 'react';
import type { Event, EventKind } from '../../../shared/model';
import { EventKind as EventKindSchema } from '../../../shared/model';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';

export function CreateEventForm({ onCreated }: { onCreated(event: Event): void }) {
  const { t, error } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<EventKind>('tradeshow');
  const [venue, setVenue] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setMessage(null);
    try {
      const event = await call('events.create', {
        name,
        kind,
        ...(venue.trim() ? { venue } : {}),
        ...(startsOn ? { startsOn } : {}),
        ...(endsOn ? { endsOn } : {}),
      });
      setName('');
      setVenue('');
      setStartsOn('');
      setEndsOn('');
      setMessage({ ok: true, text: t('events.created', { name: event.name }) });
      onCreated(event);
    } catch (err) {
      setMessage({ ok: false, text: error(errorCode(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-event-title">
      <h2 id="create-event-title" className="panel__title">
        {t('events.create_title')}
      </h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field form-grid__wide">
          <span className="field__label">{t('events.name')}</span>
          <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('events.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
            {EventKindSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`event.kind.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('events.venue')}</span>
          <input value={venue} maxLength={200} onChange={(e) => setVenue(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('events.starts_on')}</span>
          <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('events.ends_on')}</span>
          <input type="date" value={endsOn} min={startsOn || undefined} onChange={(e) => setEndsOn(e.target.value)} />
        </label>
        <div className="form-grid__wide actions">
          <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>
            {t('events.create')}
          </button>
          {message && (
            <span className={message.ok ? 'notice notice--success' : 'notice notice--danger'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
