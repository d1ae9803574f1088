import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../shared/api';
import type { EventSummary } from '../../../shared/model';
import { call } from '../api/client';
import { useI18n } from '../app/i18n';
import { screenHref } from '../app/route';
import { CameraPanel } from './CameraPanel';
import { ManualEntryDialog } from './ManualEntryDialog';
import { RATINGS, ResultCard } from './ResultCard';
import { RecentCaptures } from './RecentCaptures';
import { StaffPicker } from './StaffPicker';
import { prefillFor, type ManualPrefill } from './outcome';
import type { CaptureApi } from './useCapture';

/** Keys 1/2/3 rate the person on the card, unless they are typing somewhere. */
function useRatingKeys(enabled: boolean, rate: (index: number) => void) {
  const rateRef = useRef(rate);
  rateRef.current = rate;
  useEffect(() => {
    if (!enabled) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      // Any key cancels a pending rating: a digit followed at once by more keys was the start
      // of a scanner burst (EXPO2026-…), not a person choosing a rating.
      clearTimeout(pending);
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      const index = ['1', '2', '3'].indexOf(event.key);
      if (index < 0) return;
      pending = setTimeout(() => rateRef.current(index), 80);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      clearTimeout(pending);
    };
  }, [enabled]);
}

/**
 * Enter keeps an unrecognized scan by typing the person in, Escape discards it; not while
 * typing somewhere, and Enter on a focused button is that button's own.
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
  const { t } = useI18n();
  const { event, settings, capture } = props;
  const [manualOpen, setManualOpen] = useState(false);
  const [prefill, setPrefill] = useState<ManualPrefill | undefined>(undefined);
  const { card } = capture;
  const rating = card?.kind === 'result' ? card.result.lead.rating : null;

  const openManual = (from?: ManualPrefill) => {
    setPrefill(from);
    setManualOpen(true);
  };
  const enterByHand = () => {
    if (card?.kind === 'unrecognized') openManual(prefillFor(card.payload));
  };
  useUnrecognizedKeys(card?.kind === 'unrecognized' && !manualOpen, enterByHand, capture.discard);

  useRatingKeys(card?.kind === 'result' && !manualOpen, (index) => {
    const chosen = RATINGS[index];
    if (chosen) void capture.rate(chosen === rating ? null : chosen);
  });

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
        <ResultCard card={card} onRate={(r) => void capture.rate(r)} onEnterByHand={enterByHand} onDiscard={capture.discard} />
        <RecentCaptures eventId={event.id} />
      </div>
      <aside className="capture__side">
        <section className="panel" aria-label={t('capture.staff')}>
          <StaffPicker settings={settings} onSaved={props.onSettings} label={t('capture.staff')} />
        </section>
        <button type="button" className="button button--large" onClick={() => openManual()}>
          {t('capture.manual_open')}
        </button>
        <CameraPanel
          savedCameraId={settings.cameraId}
          onCameraChosen={(cameraId) => void call('settings.update', { cameraId }).then(props.onSettings)}
          onDecode={(text) => void capture.scan(text, 'camera')}
        />
      </aside>
      <ManualEntryDialog open={manualOpen} prefill={prefill} onClose={() => setManualOpen(false)} onSubmit={capture.manual} />
    </div>
  );
}
