import type { CaptureResult } from '../../../shared/api';
import type { MessageKey, Params } from '../../../shared/i18n';
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
