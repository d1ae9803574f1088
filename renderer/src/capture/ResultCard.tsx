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
 * A scan that stored nothing and waits for a person: keep it (Enter) or let it go (Escape).
 * The two kinds below differ only in their words, their tone and what they show.
 */
function DecideCard(props: {
  tone: 'warning' | 'danger';
  outcome: string;
  title: string;
  help: string;
  keep: string;
  dismiss: string;
  keys: string;
  onKeep(): void;
  onDismiss(): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className={`card card--${props.tone}`} aria-label={t('card.label')} data-testid="capture-card" data-outcome={props.outcome}>
      <div role="alert" className="card__status">
        <p className="card__outcome">{props.title}</p>
        <p className="card__detail">{props.help}</p>
      </div>
      {props.children}
      <div className="actions">
        <button type="button" className="button button--primary" aria-keyshortcuts="Enter" onClick={props.onKeep}>
          {props.keep}
        </button>
        <button type="button" className="button" aria-keyshortcuts="Escape" onClick={props.onDismiss}>
          {props.dismiss}
        </button>
        <span className="card__hint">{props.keys}</span>
      </div>
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
    <DecideCard
      tone="warning"
      outcome="not_registered"
      title={t('capture.not_registered_title', { id: props.badgeId })}
      help={t('capture.not_registered_help')}
      keep={t('capture.not_registered_add')}
      dismiss={t('capture.not_registered_dismiss')}
      keys={t('capture.not_registered_keys')}
      onKeep={props.onAdd}
      onDismiss={props.onDiscard}
    />
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
    <DecideCard
      tone="danger"
      outcome="unrecognized"
      title={t('capture.unrecognized_title')}
      help={t('capture.unrecognized_help')}
      keep={t('capture.unrecognized_manual')}
      dismiss={t('capture.unrecognized_discard')}
      keys={t('capture.unrecognized_keys')}
      onKeep={props.onEnterByHand}
      onDismiss={props.onDiscard}
    >
      <pre className="card__raw" aria-label={t('capture.unrecognized_text')} data-testid="unrecognized-text" tabIndex={0}>
        {props.payload}
      </pre>
    </DecideCard>
  );
}
