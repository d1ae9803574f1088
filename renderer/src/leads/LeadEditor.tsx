import { useEffect, useId, useState } from 'react';
import type { Output } from '../../../shared/api';
import type { Lead, PersonFields, Rating, Touch } from '../../../shared/model';
import { answerText } from '../../../shared/qualify/answers';
import type { Form } from '../../../shared/qualify/form';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm, displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { AnswerInputs } from '../ui/AnswerInputs';
import { PhotoStrip } from '../ui/PhotoStrip';
import { Dialog } from '../ui/Dialog';
import { PersonInputs } from '../ui/PersonInputs';
import { ProblemNotice } from '../ui/ProblemNotice';
import { changesOf, draftOf, type LeadDraft } from './lead-edit';
import './lead-editor.css';

/** Every person field, in the order a person reads a business card. */
const PERSON_FIELDS = [
  'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'fullName', 'company', 'department', 'title',
  'email', 'phone', 'url', 'badgeId',
] as const satisfies readonly (keyof PersonFields)[];

const RATINGS: readonly (Rating | null)[] = ['hot', 'warm', 'cold', null];

type Consent = Output<'consent.get'>;

interface Loaded {
  lead: Lead;
  touches: Touch[];
  form: Form;
  consent: Consent;
}

export interface LeadEditorProps {
  /** The lead to edit; null: the editor is closed. */
  leadId: string | null;
  eventId: string;
  onClose(): void;
  onSaved(lead: Lead): void;
  /** Deletes the lead (the list shows the undo); throws the call's error. */
  onDelete(lead: Lead): Promise<void>;
}

/** A lead's every field, rating, notes, answers and consent, with its history, in one dialog. */
export function LeadEditor(props: LeadEditorProps) {
  const { t } = useI18n();
  const [title, setTitle] = useState<string | null>(null);
  return (
    <Dialog open={props.leadId !== null} title={title ?? t('leads.editor_loading')} onClose={props.onClose} wide>
      {props.leadId !== null && <EditorBody {...props} leadId={props.leadId} onTitle={setTitle} />}
    </Dialog>
  );
}

function EditorBody(props: LeadEditorProps & { leadId: string; onTitle(title: string | null): void }) {
  const { t, error } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<LeadDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { leadId, eventId, onTitle } = props;

  useEffect(() => {
    let live = true;
    onTitle(null);
    Promise.all([call('leads.get', { id: leadId }), call('forms.get', { eventId }), call('consent.get', { eventId })])
      .then(([{ lead, touches }, form, consent]) => {
        if (!live) return;
        setLoaded({ lead, touches, form, consent });
        setDraft(draftOf(lead));
        onTitle(t('leads.editor_title', { name: displayName(lead) ?? t('card.unnamed') }));
      })
      .catch((err: unknown) => live && setProblem(error(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, [leadId, eventId, onTitle, t, error]);

  if (!loaded || !draft) {
    return problem ? <ProblemNotice problem={problem} /> : <p>{t('leads.editor_loading')}</p>;
  }
  const { lead, touches, form, consent } = loaded;
  const deleted = lead.deletedAt !== null;
  const edit = (change: (d: LeadDraft) => LeadDraft) => {
    setInfo(null);
    setDraft((d) => (d ? change(d) : d));
  };

  async function save() {
    if (!draft) return;
    const update = changesOf(lead, draft, form.questions);
    if (!update) {
      setInfo(t('leads.no_changes'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      props.onSaved(await call('leads.update', update));
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      await props.onDelete(lead);
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
      setBusy(false);
    }
  }

  return (
    <form
      className="form-grid lead-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {deleted && <p className="notice notice--warning form-grid__wide">{t('leads.editor_deleted')}</p>}
      <fieldset className="form-grid form-grid__wide lead-editor__section" disabled={deleted}>
        <legend className="lead-editor__heading">{t('leads.section_person')}</legend>
        <PersonInputs
          fields={PERSON_FIELDS}
          values={draft.fields}
          autoFocusFirst
          onChange={(name, value) => edit((d) => ({ ...d, fields: { ...d.fields, [name]: value } }))}
        />
      </fieldset>

      <fieldset className="form-grid form-grid__wide lead-editor__section" disabled={deleted}>
        <legend className="lead-editor__heading">{t('leads.section_qualify')}</legend>
        <fieldset className="field choice-group form-grid__wide lead-editor__rating">
          <legend className="field__label">{t('leads.col.rating')}</legend>
          {RATINGS.map((rating) => (
            <label key={rating ?? 'none'} className="lead-editor__choice">
              <input type="radio" name="rating" checked={draft.rating === rating} onChange={() => edit((d) => ({ ...d, rating }))} />
              <span>{t(rating ? `rating.${rating}` : 'leads.rating_none')}</span>
            </label>
          ))}
        </fieldset>
        <AnswerInputs
          questions={form.questions}
          values={draft.answers}
          onChange={(key, value) => edit((d) => ({ ...d, answers: { ...d.answers, [key]: value } }))}
        />
        <EarlierAnswers lead={lead} form={form} />
        <label className="field form-grid__wide">
          <span className="field__label">{t('leads.notes')}</span>
          <textarea name="notes" rows={4} maxLength={10_000} value={draft.notes} onChange={(e) => edit((d) => ({ ...d, notes: e.target.value }))} />
        </label>
      </fieldset>

      <ConsentSection lead={lead} consent={consent} version={draft.consentVersion} disabled={deleted} onChange={(consentVersion) => edit((d) => ({ ...d, consentVersion }))} />

      <div className="form-grid__wide lead-editor__section">
        <PhotoStrip leadId={lead.id} readOnly={deleted} />
      </div>

      <ProblemNotice problem={problem} className="form-grid__wide" />
      {info && (
        <p className="notice notice--success form-grid__wide" role="status">
          {info}
        </p>
      )}
      <div className="form-grid__wide actions">
        <button type="submit" className="button button--primary" disabled={busy || deleted}>
          {busy ? t('leads.saving') : t('leads.save')}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button lead-editor__delete" onClick={() => void remove()} disabled={busy || deleted}>
          {t('leads.delete')}
        </button>
      </div>

      <History touches={touches} />
    </form>
  );
}

/** Answers given under an older form whose question is gone: kept with the words they were given under. */
function EarlierAnswers({ lead, form }: { lead: Lead; form: Form }) {
  const { t, lang } = useI18n();
  const current = new Set(form.questions.map((q) => q.key));
  const earlier = Object.entries(lead.answers).filter(([key]) => !current.has(key));
  if (earlier.length === 0) return null;
  return (
    <div className="form-grid__wide lead-editor__earlier" data-testid="earlier-answers">
      <p className="field__label">{t('leads.answers_earlier')}</p>
      <dl>
        {earlier.map(([key, answer]) => (
          <div key={key}>
            <dt>{answer.label[lang]}</dt>
            <dd>{answerText(answer, lang)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ConsentSection(props: { lead: Lead; consent: Consent; version: string | null; disabled: boolean; onChange(version: string | null): void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const { lead, consent, version } = props;
  const chosen = consent.versions.find((v) => v.version === version);
  return (
    <fieldset className="form-grid__wide lead-editor__section" disabled={props.disabled}>
      <legend className="lead-editor__heading">{t('leads.section_consent')}</legend>
      <p data-testid="consent-state">
        {lead.consentVersion && lead.consentAt
          ? t('leads.consent_agreed', { version: lead.consentVersion, at: dateTimeHm(lead.consentAt) })
          : t('leads.consent_missing')}
      </p>
      {consent.versions.length === 0 ? (
        <p className="lead-editor__muted">{t('leads.consent_no_texts')}</p>
      ) : (
        <div className="field">
          <label htmlFor={id} className="field__label">
            {t('leads.consent_version')}
          </label>
          <select id={id} name="consent" value={version ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
            <option value="">{t('leads.consent_choice_none')}</option>
            {consent.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version} ({dateTimeHm(v.createdAt)})
              </option>
            ))}
          </select>
        </div>
      )}
      {/* What was agreed to is shown word for word (APPI). */}
      {chosen && <blockquote className="lead-editor__consent-text">{lang === 'ja' ? chosen.textJa : chosen.textEn}</blockquote>}
    </fieldset>
  );
}

function History({ touches }: { touches: Touch[] }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="form-grid__wide lead-editor__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="lead-editor__heading">
        {t('leads.section_history')}
      </h3>
      <table className="lead-editor__history" data-testid="lead-history">
        <thead>
          <tr>
            <th scope="col">{t('leads.history_time')}</th>
            <th scope="col">{t('leads.history_kind')}</th>
            <th scope="col">{t('leads.history_staff')}</th>
          </tr>
        </thead>
        <tbody>
          {touches.map((touch) => (
            <tr key={touch.id}>
              <td className="nowrap">{dateTimeHm(touch.at)}</td>
              <td>{t(`recent.kind.${touch.kind}`)}</td>
              <td>{touch.staff ?? t('leads.history_no_staff')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
