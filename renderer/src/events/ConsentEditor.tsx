import { useCallback, useEffect, useId, useState } from 'react';
import type { Output } from '../../../shared/api';
import type { EventSummary } from '../../../shared/model';
import type { ConsentText } from '../../../shared/qualify/api';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/ProblemNotice';

export function ConsentEditorDialog({ event, onClose }: { event: EventSummary | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={event !== null} wide title={t('consent.title', { event: event?.name ?? '' })} onClose={onClose}>
      {event && <ConsentEditor eventId={event.id} />}
    </Dialog>
  );
}

type Consent = Output<'consent.get'>;

/**
 * The event's consent wording. APPI: what a person agreed to must be shown later word for word,
 * so a version anyone agreed to is offered only as the start of a new version (the core refuses
 * a rewording with consent.version_agreed anyway), and earlier versions are shown, not edited.
 */
function ConsentEditor({ eventId }: { eventId: string }) {
  const { t, error } = useI18n();
  const ids = useId();
  const [consent, setConsent] = useState<Consent | null>(null);
  const [textJa, setTextJa] = useState('');
  const [textEn, setTextEn] = useState('');
  const [versionName, setVersionName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const loaded = await call('consent.get', { eventId });
    setConsent(loaded);
    setTextJa(loaded.current?.textJa ?? '');
    setTextEn(loaded.current?.textEn ?? '');
    setVersionName('');
  }, [eventId]);

  useEffect(() => {
    load().catch((err: unknown) => setFailure(error(errorCode(err), errorDetails(err))));
  }, [load, error]);

  if (!consent) return failure ? <ProblemNotice problem={failure} /> : <p role="status">{t('consent.loading')}</p>;

  const { current } = consent;
  const earlier = consent.versions.filter((v) => v !== current && v.version !== current?.version);
  // Only a version nobody agreed to may be reworded under its own name.
  const canReword = current !== null && current.agreed === 0;
  const name = versionName.trim();
  const nameTaken = name !== '' && consent.versions.some((v) => v.version === name);
  const empty = textJa.trim() === '' || textEn.trim() === '';

  async function save(version: string | undefined) {
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      const saved = await call('consent.save', { eventId, textJa, textEn, ...(version ? { version } : {}) });
      await load();
      setNote(t('consent.saved', { version: saved.version }));
    } catch (err) {
      setFailure(error(errorCode(err), errorDetails(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 18 }}>
      {current ? (
        <section className="panel" aria-labelledby={`${ids}current`} data-testid="consent-current">
          <h3 id={`${ids}current`} className="panel__title">
            {t('consent.current')}
          </h3>
          <VersionFacts version={current} />
          <Wording version={current} />
        </section>
      ) : (
        <p className="muted" data-testid="consent-none">
          {t('consent.none')}
        </p>
      )}

      <section className="panel" aria-labelledby={`${ids}edit`}>
        <h3 id={`${ids}edit`} className="panel__title">
          {t('consent.edit_title')}
        </h3>
        {current && current.agreed > 0 && (
          <p className="notice notice--warning" role="note">
            {t('consent.locked', { version: current.version })}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t('consent.text_ja')}</span>
          <textarea lang="ja" rows={5} maxLength={5000} value={textJa} onChange={(e) => setTextJa(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('consent.text_en')}</span>
          <textarea lang="en" rows={5} maxLength={5000} value={textEn} onChange={(e) => setTextEn(e.target.value)} />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}name`}>
            {t('consent.version_name')}
          </label>
          <input
            id={`${ids}name`}
            value={versionName}
            maxLength={50}
            aria-describedby={`${ids}name-hint`}
            aria-invalid={nameTaken || undefined}
            onChange={(e) => setVersionName(e.target.value)}
          />
          <span id={`${ids}name-hint`} className={nameTaken ? 'notice notice--danger' : 'muted'}>
            {nameTaken ? t('consent.version_exists', { version: name }) : t('consent.version_hint')}
          </span>
        </div>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy || empty || nameTaken} onClick={() => void save(name || undefined)}>
            {t('consent.save_new')}
          </button>
          {canReword && (
            <button type="button" className="button" disabled={busy || empty} onClick={() => void save(current.version)}>
              {t('consent.save_same', { version: current.version })}
            </button>
          )}
          {note && (
            <span className="notice notice--success" role="status" data-testid="consent-saved">
              {note}
            </span>
          )}
        </div>
        <ProblemNotice problem={failure} />
      </section>

      <section aria-labelledby={`${ids}earlier`} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        <h3 id={`${ids}earlier`}>{t('consent.earlier')}</h3>
        {earlier.length === 0 ? (
          <p className="muted">{t('consent.no_earlier')}</p>
        ) : (
          <>
            <p className="muted">{t('consent.earlier_help')}</p>
            {earlier.map((v) => (
              <article key={v.version} className="panel" data-testid="consent-earlier">
                <VersionFacts version={v} />
                <Wording version={v} />
              </article>
            ))}
          </>
        )}
      </section>
    </div>
  );
}

function VersionFacts({ version }: { version: ConsentText }) {
  const { t, count } = useI18n();
  return (
    <p className="consent__facts" data-testid="consent-version">
      <strong>{t('consent.version', { version: version.version })}</strong>
      {' · '}
      {t('consent.saved_at', { date: dateTimeHm(version.createdAt) })}
      {' · '}
      {t('consent.agreed', { count: count(version.agreed) })}
    </p>
  );
}

/** The wording exactly as stored: line breaks and spaces kept, in both languages. */
function Wording({ version }: { version: ConsentText }) {
  const { t } = useI18n();
  const block = { whiteSpace: 'pre-wrap', margin: 0 } as const;
  return (
    <dl style={{ display: 'grid', gap: 8, margin: 0 }}>
      <dt className="field__label">{t('consent.text_ja')}</dt>
      <dd lang="ja" style={block} data-testid="consent-text-ja">
        {version.textJa}
      </dd>
      <dt className="field__label">{t('consent.text_en')}</dt>
      <dd lang="en" style={block} data-testid="consent-text-en">
        {version.textEn}
      </dd>
    </dl>
  );
}
