import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../shared/api';
import { walkInPrefill } from '../../../shared/door/walk-in';
import type { EventSummary, Lead, PersonFields } from '../../../shared/model';
import { call, errorCode } from '../api/client';
import { displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { screenHref } from '../app/route';
import { LeadEditor } from '../leads/LeadEditor';
import { PhotoStrip } from '../ui/PhotoStrip';
import { ProblemNotice } from '../ui/ProblemNotice';
import { UndoToast } from '../ui/UndoToast';
import { CameraPanel } from './CameraPanel';
import { CardReader } from '../card/CardReader';
import type { CardDraft, CardReview } from '../card/draft';
import { AppError } from '../../../shared/errors';
import { ManualEntryDialog } from './ManualEntryDialog';
import { QualifyPanel } from './QualifyPanel';
import { ResultCard } from './ResultCard';
import { RecentCaptures } from './RecentCaptures';
import { StaffPicker } from './StaffPicker';
import { prefillFor, type ManualPrefill } from './outcome';
import type { CaptureApi } from './useCapture';
import { useEventQualify } from './useQualify';

/**
 * Enter keeps an unrecognized scan (or an id not on the roster) by typing the person in,
 * Escape discards it; not while typing somewhere, and Enter on a focused button is that
 * button's own.
 */
function useUnrecognizedKeys(enabled: boolean, enterByHand: () => void, discard: () => void) {
  const actions = useRef({ enterByHand, discard });
  actions.current = { enterByHand, discard };
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || event.repeat || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      if (event.key === 'Enter' && !target?.closest('button, a')) {
        event.preventDefault();
        actions.current.enterByHand();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        actions.current.discard();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

export function CaptureScreen(props: {
  event: EventSummary | null;
  settings: Settings;
  onSettings(settings: Settings): void;
  capture: CaptureApi;
}) {
  const { t, error } = useI18n();
  const { event, settings, capture } = props;
  const [manualOpen, setManualOpen] = useState(false);
  const [prefill, setPrefill] = useState<ManualPrefill | undefined>(undefined);
  const [cardDraft, setCardDraft] = useState<CardDraft | undefined>(undefined);
  // Bumped when a card's photo is attached after the lead was shown, so the strip reloads.
  const [photoTick, setPhotoTick] = useState(0);
  const { card, saver } = capture;
  const qualify = useEventQualify(event?.id ?? null);
  const [deleted, setDeleted] = useState<Lead | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [undoProblem, setUndoProblem] = useState<string | null>(null);
  const notRegistered = card?.kind === 'error' && card.code === 'checkin.not_registered' ? card.badgeId : undefined;

  // Leaving the screen stores what was chosen on the card.
  useEffect(() => () => void saver.flush(), [saver]);

  const openManual = (from?: ManualPrefill, draft?: CardDraft) => {
    setPrefill(from);
    setCardDraft(draft);
    setManualOpen(true);
  };
  const closeManual = () => {
    setManualOpen(false);
    if (cardDraft) URL.revokeObjectURL(cardDraft.photo.url);
    setCardDraft(undefined);
  };
  /** A card's lead keeps the card's photo: attached once the lead is stored. */
  const submitManual = async (fields: PersonFields, notes?: string) => {
    const result = await capture.manual(fields, notes);
    if (!result || !cardDraft) return;
    const { base64, mime } = cardDraft.photo;
    await call('photos.add', { leadId: result.lead.id, file: base64, mime, ...(settings.staffName ? { staff: settings.staffName } : {}) });
    setPhotoTick((n) => n + 1);
  };
  /** A card accepted in a batch review: stored like a manual entry, its photo attached. */
  const acceptCard = async (review: CardReview, photo: { base64: string; mime: string }) => {
    const result = await capture.manual(review.fields, review.notes);
    if (!result) throw new AppError('event.not_found', 'No event is chosen');
    await call('photos.add', { leadId: result.lead.id, file: photo.base64, mime: photo.mime, ...(settings.staffName ? { staff: settings.staffName } : {}) });
    setPhotoTick((n) => n + 1);
    return { merged: result.merged };
  };
  const enterByHand = () => {
    if (card?.kind === 'unrecognized') openManual(prefillFor(card.payload));
    else if (notRegistered !== undefined) openManual({ fields: walkInPrefill(notRegistered) });
  };
  useUnrecognizedKeys((card?.kind === 'unrecognized' || notRegistered !== undefined) && !manualOpen, enterByHand, capture.discard);

  const lead = card?.kind === 'result' ? card.result.lead : null;
  const deleteLead = async () => {
    if (!lead || lead.deletedAt !== null) return;
    setUndoProblem(null);
    try {
      await capture.remove(lead.id);
      setDeleted(lead);
    } catch (err) {
      setDeleted(null);
      setUndoProblem(errorCode(err));
    }
  };
  const undoDelete = async () => {
    if (!deleted) return;
    try {
      await capture.restore(deleted.id);
      setDeleted(null);
      setUndoProblem(null);
    } catch (err) {
      setUndoProblem(errorCode(err));
    }
  };

  if (!event) {
    return (
      <div className="empty-state">
        <h1>{t('capture.title')}</h1>
        <p>{t('capture.no_event')}</p>
        <a className="button button--primary" href={screenHref('events')}>
          {t('capture.go_events')}
        </a>
      </div>
    );
  }

  return (
    <div className="capture">
      <h1 className="visually-hidden">{t('capture.title')}</h1>
      <div className="capture__main">
        <p className="capture__ready">{t('capture.scanner_ready')}</p>
        <ResultCard
          card={card}
          qualifyPanel={
            lead && (
              <QualifyPanel
                key={`qualify-${lead.id}`}
                lead={lead}
                qualify={qualify}
                saver={saver}
                active={!manualOpen && editing === null}
                onDelete={() => void deleteLead()}
                onEdit={() => void capture.beforeEdit().finally(() => setEditing(lead.id))}
              />
            )
          }
          photos={lead && <PhotoStrip key={`photos-${lead.id}-${photoTick}`} leadId={lead.id} {...(settings.staffName ? { staff: settings.staffName } : {})} />}
          onEnterByHand={enterByHand}
          onAddWalkIn={(badgeId) => openManual({ fields: walkInPrefill(badgeId) })}
          onDiscard={capture.discard}
        />
        {undoProblem && !deleted && <ProblemNotice problem={error(undoProblem)} />}
        <RecentCaptures eventId={event.id} refresh={lead?.updatedAt ?? null} />
      </div>
      <aside className="capture__side">
        <section className="panel" aria-label={t('capture.staff')}>
          <StaffPicker settings={settings} onSaved={props.onSettings} label={t('capture.staff')} />
        </section>
        <button type="button" className="button button--large" onClick={() => openManual()}>
          {t('capture.manual_open')}
        </button>
        <CardReader
          cameraId={settings.cameraId}
          onRead={(draft) => openManual({ fields: draft.fields, notes: draft.notes }, draft)}
          onAcceptBatch={acceptCard}
        />
        <CameraPanel
          savedCameraId={settings.cameraId}
          onCameraChosen={(cameraId) => void call('settings.update', { cameraId }).then(props.onSettings)}
          onDecode={(text) => void capture.scan(text, 'camera')}
        />
      </aside>
      <LeadEditor
        leadId={editing}
        eventId={event.id}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          capture.edited(saved);
          setEditing(null);
        }}
        onDelete={async () => {
          setEditing(null);
          await deleteLead();
        }}
      />
      <ManualEntryDialog open={manualOpen} prefill={prefill} card={cardDraft} onClose={closeManual} onSubmit={submitManual} />
      {deleted && (
        <UndoToast
          key={deleted.id}
          message={t('undo.deleted', { name: displayName(deleted) ?? t('card.unnamed') })}
          problem={undoProblem && error(undoProblem)}
          onUndo={undoDelete}
          onDismiss={() => setDeleted(null)}
        />
      )}
    </div>
  );
}
