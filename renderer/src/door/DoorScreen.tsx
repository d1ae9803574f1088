import { useEffect, useRef, useState } from 'react';
import type { CaptureResult } from '../../../shared/api';
import { walkInPrefill } from '../../../shared/door/walk-in';
import type { EventSummary } from '../../../shared/model';
import { call, errorCode } from '../api/client';
import { displayKana, displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { screenHref } from '../app/route';
import { ManualEntryDialog } from '../capture/ManualEntryDialog';
import { outcomeOf, type ManualPrefill } from '../capture/outcome';
import { play } from '../capture/sound';
import type { Card, CaptureApi } from '../capture/useCapture';
import { downloadFile } from '../handoff/download';
import { Dialog } from '../ui/Dialog';
import { CheckInSearch } from './CheckInSearch';
import { DoorLists } from './DoorLists';
import { useArrivals } from './useArrivals';

/**
 * The seminar door. A badge scanned with the handheld scanner goes through the app's one
 * capture loop (App's wedge listener stays on this screen); a typed id or a name found here
 * is checked in through door.checkIn. Both end on the same card.
 */
export function DoorScreen(props: { event: EventSummary | null; capture: CaptureApi; staff: string | null }) {
  const { t } = useI18n();
  const { event } = props;
  if (!event || event.kind !== 'seminar') {
    return (
      <div className="empty-state">
        <h1>{t('door.title')}</h1>
        <p>{t(event ? 'door.not_seminar' : 'capture.no_event')}</p>
        <a className="button button--primary" href={screenHref('events')}>
          {t('capture.go_events')}
        </a>
      </div>
    );
  }
  return <Door key={event.id} event={event} capture={props.capture} staff={props.staff} />;
}

function Door({ event, capture, staff }: { event: EventSummary; capture: CaptureApi; staff: string | null }) {
  const { t, lang } = useI18n();
  const live = useArrivals(event.id);
  const [card, setCard] = useState<Card | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [manual, setManual] = useState<ManualPrefill | null>(null);

  // Scans arrive through the capture loop; its card from before this screen opened is not ours.
  // A scanned code the core does not take for a badge is, at the door, an unknown id.
  const cardOnOpen = useRef(capture.card);
  useEffect(() => {
    const next = capture.card;
    if (!next || next === cardOnOpen.current) return;
    if (next.kind === 'unrecognized') setNotFound(next.payload);
    // A scanned id the roster does not know: the same question as a typed one, when the card
    // carries what was read.
    else if (next.kind === 'error' && next.code === 'checkin.not_registered' && 'payload' in next && typeof next.payload === 'string') {
      setNotFound(next.payload);
    } else setCard(next);
  }, [capture.card]);

  const show = (result: CaptureResult) => {
    const outcome = outcomeOf(result);
    play(outcome.sound);
    setCard({ id: 0, kind: 'result', result, outcome });
  };

  async function checkIn(badgeId: string): Promise<boolean> {
    try {
      const out = await call('door.checkIn', { eventId: event.id, badgeId, ...(staff ? { staff } : {}) });
      if (out.status === 'not_in_roster') {
        play('error');
        setNotFound(out.badgeId);
        return false;
      }
      show(out.result);
      return true;
    } catch (err) {
      play('error');
      setCard({ id: 0, kind: 'error', code: errorCode(err) });
      return false;
    }
  }

  async function downloadAttendance() {
    downloadFile(
      await call('door.attendanceCsv', { eventId: event.id, language: lang, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    );
  }

  return (
    <div className="page page--fill door">
      <div className="door__top">
        <div className="door__search">
          <h1>{t('door.title')}</h1>
          <CheckInSearch eventId={event.id} live={live} onCheckIn={checkIn} />
        </div>
        <DoorCard card={card} />
      </div>
      <div className="door__actions">
        <button type="button" className="button" onClick={() => void downloadAttendance()}>
          {t('door.download_csv')}
        </button>
      </div>
      <DoorLists eventId={event.id} live={live} />

      <Dialog open={notFound !== null} title={t('door.walk_in_title', { id: notFound ?? '' })} onClose={() => setNotFound(null)}>
        <p>{t('door.walk_in_question')}</p>
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            autoFocus
            onClick={() => {
              setManual({ fields: walkInPrefill(notFound ?? '') });
              setNotFound(null);
            }}
          >
            {t('door.walk_in_manual')}
          </button>
          <button type="button" className="button" onClick={() => setNotFound(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
      <ManualEntryDialog
        open={manual !== null}
        prefill={manual ?? undefined}
        onClose={() => setManual(null)}
        onSubmit={capture.manual}
      />
    </div>
  );
}

/** The last person through the door, as the capture card says it (outcome words and colour). */
function DoorCard({ card }: { card: Card | null }) {
  const { t, error } = useI18n();
  if (card?.kind !== 'result' && card?.kind !== 'error') {
    return (
      <section className="card card--idle door__card" aria-label={t('door.last_label')} data-testid="door-card">
        <p className="card__waiting">{t('card.waiting')}</p>
      </section>
    );
  }
  if (card.kind === 'error') {
    return (
      <section className="card card--danger door__card" aria-label={t('door.last_label')} data-testid="door-card">
        <p className="card__outcome" role="alert">
          {t('card.error')}
        </p>
        <p className="card__detail">{error(card.code)}</p>
      </section>
    );
  }
  const { lead } = card.result;
  const kana = displayKana(lead);
  return (
    <section className={`card card--${card.outcome.tone} door__card`} aria-label={t('door.last_label')} data-testid="door-card">
      <div role="status" className="card__status">
        <p className="card__outcome">{t(card.outcome.headline.key, card.outcome.headline.params)}</p>
        {card.outcome.detail && <p className="card__detail">{t(card.outcome.detail.key, card.outcome.detail.params)}</p>}
      </div>
      <div className="card__person">
        {kana && <p className="card__kana">{kana}</p>}
        <p className="card__name">{displayName(lead) ?? t('card.unnamed')}</p>
        {lead.company && <p className="card__company">{lead.company}</p>}
      </div>
    </section>
  );
}
