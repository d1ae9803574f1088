import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../../shared/api';
import { outcomeOf } from '../../../renderer/src/capture/outcome';

// 10:42 local time, whatever the machine's time zone.
const at1042 = new Date(2026, 10, 20, 10, 42, 5).toISOString();

function result(overrides: Partial<CaptureResult>): CaptureResult {
  return {
    lead: {} as CaptureResult['lead'],
    merged: false,
    firstCapturedAt: at1042,
    firstCapturedBy: 'Sato',
    repeatRead: false,
    fromRoster: false,
    checkIn: null,
    ...overrides,
  };
}

describe('what a capture means at the booth', () => {
  it('a new person is a new lead: green, the bright tone', () => {
    expect(outcomeOf(result({}))).toEqual({ tone: 'success', sound: 'new', headline: { key: 'card.new' } });
  });

  it('someone already captured says when and by whom: amber, the double tone', () => {
    expect(outcomeOf(result({ merged: true }))).toEqual({
      tone: 'warning',
      sound: 'merged',
      headline: { key: 'card.merged', params: { time: '10:42', staff: 'Sato' } },
    });
  });

  it('leaves the staff out when nobody was named', () => {
    expect(outcomeOf(result({ merged: true, firstCapturedBy: null })).headline).toEqual({
      key: 'card.merged_no_staff',
      params: { time: '10:42' },
    });
  });

  it('at a seminar, a registered person is checked in; a second time, already checked in', () => {
    expect(outcomeOf(result({ checkIn: 'checked_in', fromRoster: true }))).toMatchObject({
      tone: 'success',
      headline: { key: 'card.checked_in' },
    });
    expect(outcomeOf(result({ checkIn: 'already_checked_in', merged: true, fromRoster: true }))).toMatchObject({
      tone: 'warning',
      sound: 'merged',
      headline: { key: 'card.already_checked_in' },
      detail: { key: 'card.merged', params: { time: '10:42', staff: 'Sato' } },
    });
  });

  it('at a seminar, an unknown person is a walk-in, and a known walk-in is already captured', () => {
    expect(outcomeOf(result({ checkIn: 'walk_in' }))).toMatchObject({ tone: 'success', headline: { key: 'card.walk_in' } });
    expect(outcomeOf(result({ checkIn: 'walk_in', merged: true }))).toMatchObject({
      tone: 'warning',
      headline: { key: 'card.merged' },
    });
  });
});
