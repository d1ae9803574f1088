import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureResult } from '../../../shared/api';
import type { CaptureSource, PersonFields, Rating } from '../../../shared/model';
import { call, errorCode } from '../api/client';
import { outcomeOf, type Outcome } from './outcome';
import { play } from './sound';

export type Card =
  | { id: number; kind: 'result'; result: CaptureResult; outcome: Outcome }
  | { id: number; kind: 'error'; code: string }
  /** The core would not take the payload for a badge: nothing is stored until a person chooses. */
  | { id: number; kind: 'unrecognized'; payload: string };

/**
 * The booth's capture loop: send the payload, then show the card and play the sound from
 * the call's own answer, never waiting for a list to refresh. When scans overlap, the card
 * of the latest one stays.
 */
export function useCapture(eventId: string | null, staff: string | null) {
  const [card, setCard] = useState<Card | null>(null);
  const seq = useRef(0);

  useEffect(() => setCard(null), [eventId]);

  const show = useCallback((id: number, next: Card) => {
    setCard((shown) => (shown && shown.id > id ? shown : next));
  }, []);

  const showResult = useCallback(
    (id: number, result: CaptureResult) => {
      const outcome = outcomeOf(result);
      play(outcome.sound);
      show(id, { id, kind: 'result', result, outcome });
    },
    [show],
  );

  const scan = useCallback(
    async (payload: string, source: CaptureSource) => {
      if (!eventId) return;
      const id = ++seq.current;
      try {
        showResult(id, await call('capture.scan', { eventId, payload, source, ...(staff ? { staff } : {}) }));
      } catch (err) {
        play('error');
        const code = errorCode(err);
        show(id, code === 'badge.unrecognized' ? { id, kind: 'unrecognized', payload } : { id, kind: 'error', code });
      }
    },
    [eventId, staff, show, showResult],
  );

  /** The person chose not to keep an unrecognized scan. */
  const discard = useCallback(() => {
    setCard((shown) => (shown?.kind === 'unrecognized' ? null : shown));
  }, []);

  /**
   * Throws on failure, so the form can keep what was typed and say what is wrong. `notes`
   * (the text of an unrecognized scan) are set once the lead exists.
   */
  const manual = useCallback(
    async (fields: PersonFields, notes?: string) => {
      if (!eventId) return;
      const id = ++seq.current;
      const by = staff ? { staff } : {};
      try {
        const result = await call('capture.manual', { eventId, fields, ...by });
        // The lead exists now: a failed note must not keep the form open for a second submit,
        // which would make a second lead. Only the note is lost; it can be added on the lead.
        const lead = notes
          ? await call('leads.update', { id: result.lead.id, fields: {}, notes, ...by }).catch(() => result.lead)
          : result.lead;
        showResult(id, { ...result, lead });
      } catch (err) {
        play('error');
        throw err;
      }
    },
    [eventId, staff, showResult],
  );

  const rate = useCallback(
    async (rating: Rating | null) => {
      if (card?.kind !== 'result') return;
      const lead = await call('leads.rate', { id: card.result.lead.id, rating, ...(staff ? { staff } : {}) });
      setCard((shown) =>
        shown?.kind === 'result' && shown.result.lead.id === lead.id ? { ...shown, result: { ...shown.result, lead } } : shown,
      );
    },
    [card, staff],
  );

  return { card, scan, manual, rate, discard };
}
export type CaptureApi = ReturnType<typeof useCapture>;
