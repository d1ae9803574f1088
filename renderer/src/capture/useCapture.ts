import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureResult } from '../../../shared/api';
import type { CaptureSource, Lead, PersonFields } from '../../../shared/model';
import { ApiError, call, errorCode } from '../api/client';
import { outcomeOf, type Outcome } from './outcome';
import { createQualifySaver } from './qualify-saver';
import { play } from './sound';

/** A pause this long in qualifying saves what was chosen, before the next scan does. */
const SAVE_IDLE_MS = 2000;
const SAVE_RETRY_MS = 3000;

export type Card =
  | { id: number; kind: 'result'; result: CaptureResult; outcome: Outcome }
  /**
   * `payload` and `badgeId` come with a seminar's `checkin.not_registered`: the id that was
   * read, so the card (and the door) can offer to add the person as a walk-in.
   */
  | { id: number; kind: 'error'; code: string; payload?: string; badgeId?: string }
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
  const staffRef = useRef(staff);
  staffRef.current = staff;

  /** Puts a fresher copy of the card's lead on the card (after a save, a delete, an undo). */
  const refreshLead = useCallback((lead: Lead) => {
    setCard((shown) =>
      shown?.kind === 'result' && shown.result.lead.id === lead.id ? { ...shown, result: { ...shown.result, lead } } : shown,
    );
  }, []);

  // Lives as long as the app: a save that failed is retried after the card or screen moved on.
  const [saver] = useState(() =>
    createQualifySaver({
      save: (id, changes) => call('leads.update', { id, ...changes, ...(staffRef.current ? { staff: staffRef.current } : {}) }),
      onSaved: (lead) => refreshLead(lead),
      idleMs: SAVE_IDLE_MS,
      retryMs: SAVE_RETRY_MS,
      errorCode,
    }),
  );
  useEffect(() => () => saver.dispose(), [saver]);

  useEffect(() => {
    void saver.flush();
    setCard(null);
  }, [eventId, saver]);

  const show = useCallback((id: number, next: Card) => {
    setCard((shown) => (shown && shown.id > id ? shown : next));
  }, []);

  const showResult = useCallback(
    (id: number, result: CaptureResult) => {
      const outcome = outcomeOf(result);
      play(outcome.sound);
      saver.track(result.lead);
      show(id, { id, kind: 'result', result, outcome });
    },
    [show, saver],
  );

  const scan = useCallback(
    async (payload: string, source: CaptureSource) => {
      if (!eventId) return;
      const id = ++seq.current;
      // The next scan stores what was chosen for the previous lead, whatever this scan turns out to be.
      void saver.flush();
      try {
        showResult(id, await call('capture.scan', { eventId, payload, source, ...(staff ? { staff } : {}) }));
      } catch (err) {
        play('error');
        show(id, errorCard(id, err, payload));
      }
    },
    [eventId, staff, show, showResult, saver],
  );

  /** The person chose not to keep an unrecognized scan, or not to add an unknown id as a walk-in. */
  const discard = useCallback(() => {
    setCard((shown) => (shown?.kind === 'unrecognized' || (shown?.kind === 'error' && shown.payload !== undefined) ? null : shown));
  }, []);

  /**
   * Throws on failure, so the form can keep what was typed and say what is wrong. `notes`
   * (the text of an unrecognized scan) are written with the lead, in the same transaction.
   */
  const manual = useCallback(
    async (fields: PersonFields, notes?: string) => {
      if (!eventId) return;
      const id = ++seq.current;
      const by = staff ? { staff } : {};
      void saver.flush();
      try {
        const result = await call('capture.manual', { eventId, fields, ...(notes?.trim() ? { notes } : {}), ...by });
        showResult(id, result);
        // The caller may attach to the lead just made (a business card's photo).
        return result;
      } catch (err) {
        play('error');
        throw err;
      }
    },
    [eventId, staff, showResult, saver],
  );

  /** Deletes the card's lead (soft), after storing what was chosen for it, so an undo brings it all back. Throws on failure. */
  const remove = useCallback(
    async (leadId: string) => {
      await saver.flush();
      refreshLead(await call('leads.delete', { id: leadId, ...(staff ? { staff } : {}) }));
    },
    [saver, staff, refreshLead],
  );

  /** Undoes `remove`. Throws on failure (the badge id now taken by another lead). */
  const restore = useCallback(
    async (leadId: string) => {
      const lead = await call('leads.restore', { id: leadId, ...(staff ? { staff } : {}) });
      saver.track(lead);
      refreshLead(lead);
    },
    [saver, staff, refreshLead],
  );

  /** Stores what the card holds for a lead before the full editor opens on it. */
  const beforeEdit = useCallback(() => saver.flush(), [saver]);

  /** The lead as the full editor saved it: the card and its draft start from there. */
  const edited = useCallback(
    (lead: Lead) => {
      saver.track(lead);
      refreshLead(lead);
    },
    [saver, refreshLead],
  );

  return { card, scan, manual, discard, saver, remove, restore, beforeEdit, edited };
}

function errorCard(id: number, err: unknown, payload: string): Card {
  const code = errorCode(err);
  if (code === 'badge.unrecognized') return { id, kind: 'unrecognized', payload };
  const details = err instanceof ApiError && typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : {};
  if (code === 'checkin.not_registered') {
    const badgeId = typeof details.badgeId === 'string' ? details.badgeId : payload.trim();
    return { id, kind: 'error', code, payload: typeof details.payload === 'string' ? details.payload : payload, badgeId };
  }
  return { id, kind: 'error', code };
}
export type CaptureApi = ReturnType<typeof useCapture>;
