import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Output } from '../../../shared/api';
import type { Question } from '../../../shared/qualify/form';
import { call } from '../api/client';
import type { QualifySaver } from './qualify-saver';

export interface EventQualify {
  questions: readonly Question[];
  consent: Output<'consent.get'>['current'];
}

const NOTHING: EventQualify = { questions: [], consent: null };

/**
 * The event's form and consent text, read when the Capture screen opens (so a form edited on
 * the Events screen is used from the next visit). Until they load, or if they cannot, the card
 * still rates and takes a note.
 */
export function useEventQualify(eventId: string | null): EventQualify {
  const [loaded, setLoaded] = useState<{ eventId: string; value: EventQualify } | null>(null);
  useEffect(() => {
    if (!eventId) return;
    let cancelled = false;
    Promise.all([call('forms.get', { eventId }), call('consent.get', { eventId })])
      .then(([form, consent]) => {
        if (!cancelled) setLoaded({ eventId, value: { questions: form.questions, consent: consent.current } });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [eventId]);
  return loaded && loaded.eventId === eventId ? loaded.value : NOTHING;
}

/** Re-renders whenever the saver's drafts or save states change. */
export function useSaver(saver: QualifySaver): QualifySaver {
  useSyncExternalStore(saver.subscribe, () => saver.version);
  return saver;
}
