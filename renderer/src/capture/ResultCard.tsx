import type { ReactNode } from 'react';
import { departmentAndTitle, displayKana, displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import type { Card } from './useCapture';

/**
 * The big answer to "who was that?", shown the moment a capture returns. `qualifyPanel` is
 * what the person can record about the lead there (rating, answers, note, consent).
 */
export function ResultCard({
  card,
  qualifyPanel,
  photos,
  onEnterByHand,
  onAddWalkIn,
  onDiscard,
}: {
  card: Card | null;
  qualifyPanel?: ReactNode;
  photos?: ReactNode;
  onEnterByHand(): void;
  onAddWalkIn(badgeId: string): void;
  onDiscard(): void;
}) {
  const { t, error } = useI18n();

  if (!card) {
    return (
      <section className="card card--idle" aria-label={t('card.label')} data-testid="capture-card">
        <p className="card__waiting">{t('card.waiting')}</p>
      </section>
    );
  }

  if (card.kind === 'error' && card.code === 'checkin.not_registered' && card.badgeId !== undefined) {
    const { badgeId } = card;
    return <NotRegisteredCard badgeId={badgeId} onAdd={() => onAddWalkIn(badgeId)} onDiscard={onDiscard} />;
  }

  if (card.kind === 'error') {
    return (
      <section className="card card--danger" aria-label={t('card.label')} data-testid="capture-card" data-outcome="error">
        <p className="card__outcome" role="alert">
          {t('card.error')}
        </p>
        <p className="card__detail">{error(card.code)}</p>
      </section>
    );
  }

  if (card.kind === 'unrecognized') {
    return <UnrecognizedCard payload={card.payload} onEnterByHand={onEnterByHand} onDiscard={onDiscard} />;
  }

  const { lead } = card.result;
  const { outcome } = card;
  const kana = displayKana(lead);
  const role = departmentAndTitle(lead);
  const deleted = lead.deletedAt !== null;
  return (
    <section
      className={`card card--${deleted ? 'danger' : outcome.tone}`}
      aria-label={t('card.label')}
      data-testid="capture-card"
      data-outcome={deleted ? 'deleted' : outcome.sound}
    >
      <div role="status" className="card__status">
        {deleted ? (
          <p className="card__outcome">{t('qualify.deleted')}</p>
        ) : (
          <>
            <p className="card__outcome">{t(outcome.headline.key, outcome.headline.params)}</p>
            {outcome.detail && <p className="card__detail">{t(outcome.detail.key, outcome.detail.params)}</p>}
          </>
        )}
      </div>
      <div className="card__person">
        {kana && <p className="card__kana">{kana}</p>}
        <p className="card__name">{displayName(lead) ?? t('card.unnamed')}</p>
        {lead.company && <p className="card__company">{lead.company}</p>}
        {role && <p className="card__role">{role}</p>}
      </div>
      {!deleted && qualifyPanel}
      {!deleted && photos}
    </section>
  );
}

/**
 * At a seminar, a scanned id the roster does not have: maybe a walk-in, maybe a misread.
 * Nothing was stored; the person decides.
 */
function NotRegisteredCard(props: { badgeId: string; onAdd(): void; onDiscard(): void }) {
  const { t } = useI18n();
  return (
    <section className="card card--warning" aria-label={t('card.label')} data-testid="capture-card" data-outcome="not_registered">
      <div role="alert" className="card__status">
        <p className="card__outcome">{t('capture.not_registered_title', { id: props.badgeId })}</p>
        <p className="card__detail">{t('capture.not_registered_help')}</p>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" aria-keyshortcuts="Enter" onClick={props.onAdd}>
          {t('capture.not_registered_add')}
        </button>
        <button type="button" className="button" aria-keyshortcuts="Escape" onClick={props.onDiscard}>
          {t('capture.not_registered_dismiss')}
        </button>
        <span className="card__hint">{t('capture.not_registered_keys')}</span>
      </div>
    </section>
  );
}

/**
 * A payload that is no badge we know (a poster's QR code, half of a card the scanner split):
 * nothing was stored, and the person decides. The text is shown as text (React escapes it)
 * and scrolls, since a scanner can hand over a few KB.
 */
function UnrecognizedCard(props: { payload: string; onEnterByHand(): void; onDiscard(): void }) {
  const { t } = useI18n();
  return (
    <section className="card card--danger" aria-label={t('card.label')} data-testid="capture-card" data-outcome="unrecognized">
      <div role="alert" className="card__status">
        <p className="card__outcome">{t('capture.unrecognized_title')}</p>
        <p className="card__detail">{t('capture.unrecognized_help')}</p>
      </div>
      <pre
        className="card__raw"
        aria-label={t('capture.unrecognized_text')}
        data-testid="unrecognized-text"
        tabIndex={0}
        style={{ maxHeight: '10rem', overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {props.payload}
      </pre>
      <div className="actions">
        <button type="button" className="button button--primary" aria-keyshortcuts="Enter" onClick={props.onEnterByHand}>
          {t('capture.unrecognized_manual')}
        </button>
        <button type="button" className="button" aria-keyshortcuts="Escape" onClick={props.onDiscard}>
          {t('capture.unrecognized_discard')}
        </button>
        <span className="card__hint">{t('capture.unrecognized_keys')}</span>
      </div>
    </section>
  );
}
