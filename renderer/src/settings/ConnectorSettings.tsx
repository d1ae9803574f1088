import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConnectorInfo, SendPreview } from '../../../shared/delivery/api';
import { SendPolicy } from '../../../shared/delivery/policy';
import type { EventSummary } from '../../../shared/model';
import type { ConnectorSettings as Settings, SecretSlot } from '../../../shared/delivery/connectors';
import { LeadField, type FieldMapping } from '../../../shared/delivery/fields';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';

type StorageInfo = Awaited<ReturnType<typeof call<'connectors.secretStorage'>>>;

/** Settings → CRM connectors: one form per connector. */
export function ConnectorSettingsSection() {
  const { t, error } = useI18n();
  const [connectors, setConnectors] = useState<ConnectorInfo[] | null>(null);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('connectors.list', {}), call('connectors.secretStorage', {}), call('events.list', {})])
      .then(([list, info, evs]) => {
        setConnectors(list);
        setStorage(info);
        setEvents(evs);
      })
      .catch((err: unknown) => setProblem(error(errorCode(err))));
  }, [error]);

  const replace = (info: ConnectorInfo) => setConnectors((list) => list?.map((c) => (c.name === info.name ? info : c)) ?? list);

  return (
    <section className="panel" aria-labelledby="connectors-title">
      <h2 id="connectors-title" className="panel__title">
        {t('settings.connectors')}
      </h2>
      <p className="muted">{t('settings.connectors_help')}</p>
      {storage && <SecretStorageNotice storage={storage} />}
      <ProblemNotice problem={problem} />
      {connectors?.map((info) => (
        <ConnectorForm
          key={info.name}
          info={info}
          storage={storage}
          events={events}
          onSaved={(next) => {
            replace(next);
            void call('connectors.secretStorage', {}).then(setStorage, () => undefined);
          }}
        />
      ))}
    </section>
  );
}

function SecretStorageNotice({ storage }: { storage: StorageInfo }) {
  const { t } = useI18n();
  if (!storage.persistent) return <p className="notice notice--warning">{t('secrets.environment')}</p>;
  if (storage.needsConsent) return <p className="notice notice--warning">{t('secrets.needs_consent', { backend: storage.backend })}</p>;
  if (!storage.available) return <p className="notice notice--danger">{t('secrets.unavailable')}</p>;
  return <p className="muted">{t('secrets.persistent', { backend: storage.backend })}</p>;
}

/** The settings each connector reads, beyond the URL every one has. */
const EXTRA_FIELDS: Record<ConnectorInfo['name'], ('clientId' | 'tokenUrl' | 'auth' | 'user')[]> = {
  hubspot: [],
  salesforce: ['clientId', 'tokenUrl'],
  mautic: ['auth', 'user'],
  webhook: [],
};

interface Draft {
  enabled: boolean;
  url: string;
  idProperty: string;
  autoUploadMinutes: string;
  clientId: string;
  tokenUrl: string;
  auth: 'basic' | 'oauth2';
  user: string;
  mapping: FieldMapping;
  secrets: Partial<Record<SecretSlot, string>>;
  clear: SecretSlot[];
  agree: boolean;
  policy: SendPolicy;
  excludeEvents: string[];
}

function draftOf(info: ConnectorInfo): Draft {
  const s = info.settings;
  return {
    enabled: info.enabled,
    url: s.url ?? '',
    idProperty: s.idProperty ?? '',
    autoUploadMinutes: String(s.autoUploadMinutes ?? 0),
    clientId: s.clientId ?? '',
    tokenUrl: s.tokenUrl ?? '',
    auth: s.auth ?? 'basic',
    user: s.user ?? '',
    mapping: { ...info.mapping },
    secrets: {},
    clear: [],
    agree: false,
    policy: info.send.policy,
    excludeEvents: [...info.send.excludeEvents],
  };
}

/** Turning a connector on, or widening what it sends, first shows what would go now. */
const needsPreview = (info: ConnectorInfo, draft: Draft) =>
  draft.enabled &&
  (!info.enabled || draft.policy !== info.send.policy || draft.excludeEvents.join() !== info.send.excludeEvents.join());

function ConnectorForm(props: { info: ConnectorInfo; storage: StorageInfo | null; events: EventSummary[]; onSaved(info: ConnectorInfo): void }) {
  const { info, storage, events, onSaved } = props;
  const { t, error } = useI18n();
  const [preview, setPreview] = useState<SendPreview | null>(null);
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(info));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = t(`connector.${info.name}`);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const slots = Object.keys(info.secrets) as SecretSlot[];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (needsPreview(info, draft)) {
      setSaving(true);
      try {
        setPreview(await call('sync.preview', { connector: info.name, policy: draft.policy, excludeEvents: draft.excludeEvents }));
      } catch (err) {
        setProblem(error(errorCode(err)));
      } finally {
        setSaving(false);
      }
      return;
    }
    await save();
  }

  async function save() {
    setPreview(null);
    setProblem(null);
    setSaving(true);
    const minutes = Number.parseInt(draft.autoUploadMinutes, 10);
    // The settings in force stay as they are (batch size, rate limit …); the form's fields go over them.
    const settings: Settings = {
      ...info.settings,
      url: draft.url.trim(),
      idProperty: draft.idProperty.trim() || undefined,
      autoUploadMinutes: Number.isFinite(minutes) && minutes >= 0 ? minutes : 0,
      ...(EXTRA_FIELDS[info.name].includes('clientId') ? { clientId: draft.clientId.trim(), tokenUrl: draft.tokenUrl.trim() } : {}),
      ...(EXTRA_FIELDS[info.name].includes('auth') ? { auth: draft.auth, user: draft.user.trim() } : {}),
    };
    const secrets: Partial<Record<SecretSlot, string | null>> = {};
    for (const slot of draft.clear) secrets[slot] = null;
    for (const [slot, value] of Object.entries(draft.secrets) as [SecretSlot, string][]) if (value) secrets[slot] = value;
    try {
      const next = await call('connectors.configure', {
        name: info.name,
        enabled: draft.enabled,
        settings,
        mapping: Object.fromEntries(Object.entries(draft.mapping).map(([k, v]) => [k, v?.trim() ?? ''])),
        send: { policy: draft.policy, excludeEvents: draft.excludeEvents },
        ...(Object.keys(secrets).length ? { secrets } : {}),
        ...(draft.agree ? { allowWeakSecretStorage: true } : {}),
      });
      onSaved(next);
      // Write-only: typed secrets leave the form once sent.
      setDraft(draftOf(next));
      setSaved(true);
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="connector-form panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid={`connector-form-${info.name}`}>
      <header className="connector-panel__header">
        <h3 id={`${id}-title`}>{name}</h3>
        <span className={info.usable ? 'delivery-state delivery-state--online' : 'delivery-state'} data-testid="connector-readiness">
          {info.usable
            ? t('connector.ready')
            : info.problem && info.problem.code !== 'connector.disabled'
              ? t('connector.problem', { reason: error(info.problem.code) })
              : t('upload.state.off')}
        </span>
      </header>
      {info.configuredBy === 'environment' && <p className="notice notice--warning">{t('connector.by_environment')}</p>}
      {info.problem?.code === 'connector.credentials_rejected' && (
        <div className="notice notice--danger" role="alert" data-testid="credentials-rejected">
          <strong>{error(info.problem.code)}</strong>
          <p>{t(`connector.fix.${info.name}`)}</p>
          <p className="message-text">{info.problem.message}</p>
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('connector.enabled')}
      </label>
      <div className="form-grid">
        <div className="field form-grid__wide">
          <label className="field__label" htmlFor={`${id}-url`}>
            {t('connector.url')}
          </label>
          <input id={`${id}-url`} type="url" value={draft.url} onChange={(e) => set('url', e.target.value)} autoComplete="off" />
        </div>
        {EXTRA_FIELDS[info.name].includes('auth') && (
          <>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-auth`}>
                {t('connector.auth')}
              </label>
              <select id={`${id}-auth`} value={draft.auth} onChange={(e) => set('auth', e.target.value as Draft['auth'])}>
                <option value="basic">{t('connector.auth.basic')}</option>
                <option value="oauth2">{t('connector.auth.oauth2')}</option>
              </select>
            </div>
            <TextField id={`${id}-user`} label={t('connector.user')} value={draft.user} onChange={(v) => set('user', v)} />
          </>
        )}
        {EXTRA_FIELDS[info.name].includes('clientId') && (
          <>
            <TextField id={`${id}-client`} label={t('connector.client_id')} value={draft.clientId} onChange={(v) => set('clientId', v)} />
            <TextField id={`${id}-token-url`} label={t('connector.token_url')} value={draft.tokenUrl} onChange={(v) => set('tokenUrl', v)} />
          </>
        )}
        {slots.map((slot) => {
          const isSet = info.secrets[slot] === true && !draft.clear.includes(slot);
          const label = t(`connector.secret.${slot}`);
          return (
            <div className="field" key={slot}>
              <label className="field__label" htmlFor={`${id}-${slot}`}>
                {label}
              </label>
              <input
                id={`${id}-${slot}`}
                type="password"
                autoComplete="new-password"
                value={draft.secrets[slot] ?? ''}
                placeholder={isSet ? t('connector.secret_placeholder') : ''}
                aria-describedby={`${id}-${slot}-state`}
                onChange={(e) => set('secrets', { ...draft.secrets, [slot]: e.target.value })}
              />
              <span className="actions actions--tight">
                <span id={`${id}-${slot}-state`} className={isSet ? 'secret-state secret-state--set' : 'secret-state'} data-testid={`secret-${slot}`}>
                  {isSet ? t('connector.secret_saved') : t('connector.secret_unset')}
                </span>
                {isSet && (
                  <button type="button" className="button button--quiet" onClick={() => set('clear', [...draft.clear, slot])}>
                    {t('connector.secret_clear', { name: label })}
                  </button>
                )}
              </span>
            </div>
          );
        })}
        <TextField id={`${id}-id-property`} label={t('connector.id_property')} value={draft.idProperty} onChange={(v) => set('idProperty', v)} />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-auto`}>
            {t('connector.auto_upload')}
          </label>
          <input
            id={`${id}-auto`}
            type="number"
            min={0}
            max={1440}
            inputMode="numeric"
            value={draft.autoUploadMinutes}
            onChange={(e) => set('autoUploadMinutes', e.target.value)}
          />
        </div>
      </div>
      <fieldset className="field send-policy">
        <legend className="field__label">{t('connector.policy')}</legend>
        {SendPolicy.options.map((policy) => (
          <label className="check" key={policy}>
            <input
              type="radio"
              name={`${id}-policy`}
              value={policy}
              checked={draft.policy === policy}
              disabled={info.sendFromEnvironment}
              onChange={() => set('policy', policy)}
            />
            {t(`connector.policy.${policy}`)}
          </label>
        ))}
        {info.sendFromEnvironment && <p className="muted">{t('connector.policy_env', { name: info.name.toUpperCase() })}</p>}
      </fieldset>
      {events.length > 0 && (
        <details className="field send-exclude">
          <summary>{t('connector.exclude_events')}</summary>
          {events.map((event) => (
            <label className="check" key={event.id}>
              <input
                type="checkbox"
                checked={draft.excludeEvents.includes(event.id)}
                onChange={(e) =>
                  set('excludeEvents', e.target.checked ? [...draft.excludeEvents, event.id] : draft.excludeEvents.filter((x) => x !== event.id))
                }
              />
              {event.name}
            </label>
          ))}
        </details>
      )}
      <p className="muted" data-testid="verdicts">
        {info.verdicts
          ? t('connector.verdicts_help', { property: info.verdicts.statusProperty, reason: info.verdicts.reasonProperty ?? '—' })
          : t('connector.verdicts_off')}
      </p>
      {storage?.needsConsent && (
        <label className="check">
          <input type="checkbox" checked={draft.agree} onChange={(e) => set('agree', e.target.checked)} />
          {t('secrets.consent')}
        </label>
      )}
      <MappingEditor id={id} mapping={draft.mapping} defaults={info.defaultMapping} onChange={(m) => set('mapping', m)} />
      <ProblemNotice problem={problem} />
      {preview && <PreviewConfirm preview={preview} saving={saving} onConfirm={() => void save()} onCancel={() => setPreview(null)} />}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={saving || preview !== null}>
          {t('common.save')}
        </button>
        {saved && (
          <span className="notice notice--success" role="status">
            {t('common.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

/** What turning the connector on would send now, asked before the first run (nothing leaves unseen). */
function PreviewConfirm(props: { preview: SendPreview; saving: boolean; onConfirm(): void; onCancel(): void }) {
  const { t, count } = useI18n();
  const { preview } = props;
  const titleId = useId();
  const list = Object.entries(preview.byStatus)
    .map(([status, n]) => `${t(`status.${status as keyof typeof preview.byStatus}`)} ${count(n ?? 0)}`)
    .join('・');
  return (
    <div className="notice notice--warning send-preview" role="alertdialog" aria-labelledby={titleId} data-testid="send-preview">
      <strong id={titleId}>{t('connector.preview_title')}</strong>
      <p data-testid="send-preview-count">
        {preview.wouldSend > 0 ? t('connector.preview_count', { count: count(preview.wouldSend) }) : t('connector.preview_none')}
      </p>
      {preview.wouldSend > 0 && <p className="muted">{t('connector.preview_by_status', { list })}</p>}
      {preview.markedReady > 0 && <p className="muted">{t('connector.preview_ready', { count: count(preview.markedReady) })}</p>}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={props.saving} onClick={props.onConfirm}>
          {t('connector.preview_confirm')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('connector.preview_cancel')}
        </button>
      </div>
    </div>
  );
}

function TextField(props: { id: string; label: string; value: string; onChange(value: string): void }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <input id={props.id} type="text" value={props.value} autoComplete="off" onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

function MappingEditor(props: { id: string; mapping: FieldMapping; defaults: FieldMapping; onChange(m: FieldMapping): void }) {
  const { t } = useI18n();
  return (
    <details className="mapping">
      <summary>{t('connector.mapping')}</summary>
      <p className="muted">{t('connector.mapping_help')}</p>
      <table className="table table--compact mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('connector.mapping_field')}</th>
            <th scope="col">{t('connector.mapping_property_header')}</th>
          </tr>
        </thead>
        <tbody>
          {LeadField.options.map((field) => {
            const label = t(`leadfield.${field}`);
            return (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    type="text"
                    aria-label={t('connector.mapping_property', { field: label })}
                    value={props.mapping[field] ?? ''}
                    placeholder={props.defaults[field] ?? ''}
                    onChange={(e) => props.onChange({ ...props.mapping, [field]: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button" onClick={() => props.onChange({ ...props.defaults })}>
        {t('connector.mapping_reset')}
      </button>
    </details>
  );
}
