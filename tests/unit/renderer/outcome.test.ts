import { describe, expect, it } from 'vitest';
import type { CaptureResult } from '../../../shared/api';
import { outcomeOf, prefillFor } from '../../../renderer/src/capture/outcome';

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

describe('entering an unrecognized scan by hand starts from what it said', () => {
  it.each([
    {
      what: 'the head of a vCard a scanner cut short gives its name and company',
      payload: 'BEGIN:VCARD\nVERSION:3.0\nN:Yamada;Taro;;;\nORG:Acme Trading',
      prefill: { fields: { familyName: 'Yamada', givenName: 'Taro', company: 'Acme Trading' } },
    },
    {
      what: 'an email on its own is the email',
      payload: 'mailto:taro@acme.example',
      prefill: { fields: { email: 'taro@acme.example' } },
    },
    { what: 'a single unknown token is the badge id', payload: ' guest-pass ', prefill: { fields: { badgeId: 'guest-pass' } } },
    {
      what: 'any other text is kept as a note to read',
      payload: 'Thank you for visiting!\nBooth 4B',
      prefill: { fields: {}, notes: 'Thank you for visiting!\nBooth 4B' },
    },
    { what: 'blank text gives an empty form', payload: ' \n ', prefill: { fields: {} } },
  ])('$what', ({ payload, prefill }) => {
    expect(prefillFor(payload)).toEqual(prefill);
  });

  it('keeps markup as text: it is shown and stored, never interpreted', () => {
    expect(prefillFor('<img src=x onerror=alert(1)> hi')).toEqual({ fields: {}, notes: '<img src=x onerror=alert(1)> hi' });
  });
});
