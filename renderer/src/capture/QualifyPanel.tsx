import { useEffect, useMemo, useRef, useState } from 'react';
import type { Lead } from '../../../shared/model';
import { DEFAULT_WEDGE_OPTIONS } from './wedge';
import { onBurst } from './wedge-burst';
import { useI18n } from '../app/i18n';
import type { EventQualify } from './useQualify';
import { useSaver } from './useQualify';
import type { QualifySaver } from './qualify-saver';
import {
  isChosen,
  optionsOf,
  pick,
  qualifyKey,
  stepsOf,
  toggleConsent,
  waitsForScanner,
  type KeyState,
  type Step,
  type StepOption,
} from './qualify-keys';
import './qualify.css';

/**
 * A printable key acts once no other key followed it this soon: a handheld scanner's keys come
 * closer than the wedge's break gap, a person's do not.
 */
const SCANNER_WAIT_MS = DEFAULT_WEDGE_OPTIONS.breakGapMs;

/**
 * Rating, the form's questions as chips, a note and consent for the lead on the card, all
 * reachable from the keyboard (keys in qualify-keys.ts). What is chosen goes to the saver,
 * which stores it; this panel keeps only where the person is (question, note).
 */
export function QualifyPanel(props: {
  lead: Lead;
  qualify: EventQualify;
  saver: QualifySaver;
  onDelete(): void;
  /** Opens the full editor (every field, notes, answers) on this lead. */
  onEdit(): void;
  active: boolean;
}) {
  const { t, lang, error } = useI18n();
  const { lead, qualify, onDelete } = props;
  const saver = useSaver(props.saver);
  const entry = saver.get(lead.id);
  const steps = useMemo(() => stepsOf(qualify.questions), [qualify.questions]);
  const consentVersion = qualify.consent?.version ?? null;
  const [step, setStep] = useState(0);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const values = entry?.draft;

  // Keys read the latest state through a ref: the listener stays put while the card changes.
  const latest = useRef({ values, step, steps, consentVersion, onDelete, leadId: lead.id });
  latest.current = { values, step, steps, consentVersion, onDelete, leadId: lead.id };

  const apply = (next: KeyState) => {
    const now = latest.current;
    if (next.values !== now.values) saver.set(now.leadId, next.values);
    setStep(next.step);
    // A key right behind this one, before React renders again, starts from here.
    latest.current = { ...now, values: next.values, step: next.step };
    if (next.focus === 'note') noteRef.current?.focus();
  };

  // Two scans answered out of order can leave the shown lead untracked: the card always has its draft.
  useEffect(() => {
    if (!saver.get(lead.id)) saver.track(lead);
  });

  useEffect(() => {
    if (!props.active) return;
    let waiting: ReturnType<typeof setTimeout> | undefined;
    const drop = () => clearTimeout(waiting);
    const offBurst = onBurst(drop);

    const act = (key: string, focus: KeyState['focus']) => {
      const { values: v, step: s, steps: st, consentVersion: cv } = latest.current;
      if (!v) return;
      const out = qualifyKey({ values: v, step: s, focus }, key, { steps: st, consentVersion: cv });
      if (!out) return;
      if (out.effect === 'delete') latest.current.onDelete();
      else if (focus === 'note' && out.state.focus === 'chips') noteRef.current?.blur();
      else apply(out.state);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      // Any key drops a printable one still waiting: it was the start of a scanner's burst.
      drop();
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.isComposing || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('dialog')) return;
      const inNote = target !== null && target === noteRef.current;
      if (!inNote && target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const focus = inNote ? 'note' : 'chips';
      const { values: v, step: s, steps: st, consentVersion: cv } = latest.current;
      if (!v || !qualifyKey({ values: v, step: s, focus }, event.key, { steps: st, consentVersion: cv })) return;
      event.preventDefault();
      if (waitsForScanner(event.key)) waiting = setTimeout(() => act(event.key, focus), SCANNER_WAIT_MS);
      else act(event.key, focus);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offBurst();
      drop();
    };
  }, [props.active]);

  if (!values) return null;
  const state: KeyState = { values, step, focus: 'chips' };
  const ctx = { steps, consentVersion };

  const optionText = (option: StepOption): string => {
    const { label } = option;
    if ('localized' in label) return label.localized[lang];
    if (label.key === 'rating') return t(`rating.${label.value}` as 'rating.hot');
    if (label.key === 'yes') return t('qualify.yes');
    if (label.key === 'no') return t('qualify.no');
    return label.value;
  };
  const stepTitle = (s: Step): string => (s.kind === 'rating' ? t('card.rating') : s.question.label[lang]);

  return (
    <div className="qualify" data-testid="qualify">
      <div className="qualify__steps">
        {steps.map((s, i) => (
          <div
            key={s.kind === 'rating' ? 'rating' : s.question.key}
            role="group"
            aria-label={stepTitle(s)}
            aria-current={i === step ? 'step' : undefined}
            className={`qualify__step${i === step ? ' qualify__step--current' : ''}${s.kind === 'rating' ? ' qualify__step--rating' : ''}`}
            data-testid="qualify-step"
            data-key={s.kind === 'rating' ? 'rating' : s.question.key}
          >
            <button type="button" className="qualify__title" onClick={() => setStep(i)}>
              {stepTitle(s)}
              {s.kind === 'question' && s.question.kind === 'multiple' && <span className="qualify__multi"> {t('qualify.multiple')}</span>}
            </button>
            <div className="qualify__options">
              {optionsOf(s).map((option, index) => (
                <button
                  key={String(option.value)}
                  type="button"
                  className={s.kind === 'rating' ? `button rating rating--${String(option.value)}` : 'chip'}
                  aria-pressed={isChosen(values, s, option.value)}
                  onClick={() => apply(pick(state, i, index, ctx))}
                >
                  {i === step && index < 9 && <kbd aria-hidden="true">{index + 1}</kbd>} {optionText(option)}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>

      <label className="field qualify__note">
        <span className="field__label">
          {t('qualify.note')} <kbd aria-hidden="true">N</kbd> <span className="card__hint">{t('qualify.note_hint')}</span>
        </span>
        <textarea
          ref={noteRef}
          rows={2}
          maxLength={10_000}
          value={values.notes}
          onChange={(e) => saver.set(lead.id, { ...values, notes: e.target.value })}
        />
      </label>

      {(qualify.consent || values.consent) && (
        <div className="qualify__consent">
          {qualify.consent && (
            <button
              type="button"
              className="chip"
              aria-pressed={values.consent === qualify.consent.version}
              aria-keyshortcuts="C"
              onClick={() => saver.set(lead.id, toggleConsent(values, consentVersion))}
            >
              <kbd aria-hidden="true">C</kbd> {t('qualify.consent_agree', { version: qualify.consent.version })}
            </button>
          )}
          {values.consent && values.consent !== consentVersion && (
            <span className="card__hint">{t('qualify.consent_other', { version: values.consent })}</span>
          )}
          {qualify.consent && (
            <details className="qualify__consent-text">
              <summary>{t('qualify.consent_show')}</summary>
              <p>{lang === 'ja' ? qualify.consent.textJa : qualify.consent.textEn}</p>
            </details>
          )}
        </div>
      )}

      <div className="qualify__footer">
        <SaveStatus state={entry.state} problem={entry.error && error(entry.error)} />
        <OtherFailure saver={saver} current={lead.id} />
        <span className="card__hint">{t('qualify.keys_hint')}</span>
        <button type="button" className="button button--quiet" onClick={props.onEdit}>
          {t('qualify.edit')}
        </button>
        <button type="button" className="button button--quiet" aria-keyshortcuts="Delete" onClick={onDelete}>
          {t('qualify.delete')}
        </button>
      </div>
    </div>
  );
}

function SaveStatus({ state, problem }: { state: string; problem: string | null }) {
  const { t } = useI18n();
  return (
    <span role="status" className={`qualify__saved qualify__saved--${state}`} data-testid="qualify-status" data-state={state}>
      {state === 'saving' && t('qualify.saving')}
      {state === 'saved' && t('qualify.saved')}
      {state === 'failed' && t('qualify.failed', { reason: problem ?? '' })}
    </span>
  );
}

function OtherFailure({ saver, current }: { saver: QualifySaver; current: string }) {
  const { t, error } = useI18n();
  const failed = saver.failedOther(current);
  if (!failed) return null;
  return (
    <span role="alert" className="qualify__saved qualify__saved--failed">
      {t('qualify.failed_other', { reason: error(failed.error ?? 'internal') })}
    </span>
  );
}
