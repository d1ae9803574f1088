import type { CaptureResult } from '../../../shared/api';
import { parseBadge } from '../../../shared/badge';
import type { MessageKey, Params } from '../../../shared/i18n';
import { FIELD_MAX, PERSON_FIELD_NAMES, type PersonFields } from '../../../shared/model';
import { timeHm } from '../app/format';

export type Tone = 'success' | 'warning' | 'danger';
export type Sound = 'new' | 'merged' | 'error';

export interface Outcome {
  tone: Tone;
  sound: Sound;
  headline: { key: MessageKey; params?: Params };
  /** A second line, when the headline alone leaves out that the person was already known. */
  detail?: { key: MessageKey; params?: Params };
}

function alreadyCaptured(result: CaptureResult): { key: MessageKey; params: Params } {
  const time = timeHm(result.firstCapturedAt);
  return result.firstCapturedBy
    ? { key: 'card.merged', params: { time, staff: result.firstCapturedBy } }
    : { key: 'card.merged_no_staff', params: { time } };
}

/** What a capture means for the person at the booth: colour, sound and words. */
export function outcomeOf(result: CaptureResult): Outcome {
  switch (result.checkIn) {
    case 'checked_in':
      return {
        tone: 'success',
        sound: 'new',
        headline: { key: 'card.checked_in' },
        ...(result.merged ? { detail: alreadyCaptured(result) } : {}),
      };
    case 'already_checked_in':
      return { tone: 'warning', sound: 'merged', headline: { key: 'card.already_checked_in' }, detail: alreadyCaptured(result) };
    case 'walk_in':
      if (!result.merged) return { tone: 'success', sound: 'new', headline: { key: 'card.walk_in' } };
      break;
    case null:
      break;
  }
  if (result.merged) return { tone: 'warning', sound: 'merged', headline: alreadyCaptured(result) };
  return { tone: 'success', sound: 'new', headline: { key: 'card.new' } };
}

/** What the manual entry dialog starts with, for a payload the core would not take as a badge. */
export interface ManualPrefill {
  fields: PersonFields;
  notes?: string;
}

/** Longest text one field or the notes can take (shared/model, shared/api). */
const NOTES_MAX = 10_000;
const ONE_TOKEN = /^\S{1,64}$/u;

/**
 * Starts the person's entry from what the payload says, so they correct rather than retype:
 * the fields the badge parsers found (a vCard cut short still names someone), else a single
 * token as the badge id (a code printed by someone else), else the text as a note to read
 * while typing the name.
 */
export function prefillFor(payload: string): ManualPrefill {
  const parsed = parseBadge(payload);
  if (parsed.ok) {
    const fields = Object.fromEntries(
      PERSON_FIELD_NAMES.flatMap((name) => {
        const value = parsed.badge[name]?.trim();
        return value ? [[name, value.slice(0, name === 'url' ? 2000 : FIELD_MAX)]] : [];
      }),
    ) as PersonFields;
    // The core composes the full name from the parts; a prefilled copy would go stale as they are fixed.
    if (fields.familyName || fields.givenName) delete fields.fullName;
    if (Object.keys(fields).length > 0) return { fields };
  }
  const text = payload.trim();
  if (text === '') return { fields: {} };
  if (ONE_TOKEN.test(text)) return { fields: { badgeId: text } };
  return { fields: {}, notes: text.slice(0, NOTES_MAX) };
}
