import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../../../shared/delivery/fields';
import { classifyMautic, eventTag, mauticBody } from '../../../../shared/delivery/mautic';
import { answer, sent } from './answers';
import { deliveryLead } from './lead';

describe('Mautic batch new', () => {
  it('sends the LeadBooth id in the unique field and never blanks a filled one', () => {
    const [contact] = mauticBody([deliveryLead()], DEFAULT_MAPPINGS.mautic, 'leadbooth_id');
    expect(contact).toMatchObject({ leadbooth_id: deliveryLead().id, firstname: '太郎', position: '部長', overwriteWithBlank: false });
  });

  it('reads plain arrays', () => {
    const body = { contacts: [{ id: 11 }, { id: 12 }], statusCodes: [201, 200] };
    expect(classifyMautic(answer(201, body), sent('a', 'b'), 0)).toEqual({
      kind: 'records',
      results: [{ leadId: 'a', outcome: 'done', remoteId: '11' }, { leadId: 'b', outcome: 'done', remoteId: '12' }],
    });
  });

  it('reads the object PHP makes of an array with gaps, and keeps the refusal’s message', () => {
    const body = {
      contacts: { 0: { id: 11 }, 2: { id: 13 } },
      statusCodes: { 0: 201, 1: 400, 2: 200, 3: 500 },
      errors: { 1: { code: 400, message: 'email: A valid email address is required.', details: { email: ['A valid email address is required.'] } }, 3: { code: 500, message: 'Internal' } },
    };
    expect(classifyMautic(answer(201, body), sent('a', 'b', 'c', 'd'), 0)).toEqual({
      kind: 'records',
      results: [
        { leadId: 'a', outcome: 'done', remoteId: '11' },
        { leadId: 'b', outcome: 'attention', message: '400: email: A valid email address is required.' },
        { leadId: 'c', outcome: 'done', remoteId: '13' },
        { leadId: 'd', outcome: 'retry', message: '500: Internal', retryAfterMs: null },
      ],
    });
  });

  it('an answer without status codes is not taken as success', () => {
    expect(classifyMautic(answer(200, '<html>maintenance</html>'), sent('a'), 0)).toMatchObject({ kind: 'retry', cause: 'server' });
  });
});

describe('Mautic and persons (名寄せ)', () => {
  it('keys the contact on the person and tags it with every event', () => {
    const events = [
      { leadId: 'l1', eventId: 'ev-1', eventName: 'Expo, Tokyo', capturedAt: '2025-06-04T01:23:45.678Z', status: 'sal' },
      { leadId: 'l2', eventId: 'ev-2', eventName: null, capturedAt: '2026-06-04T01:23:45.678Z', status: 'new' },
    ];
    const [contact] = mauticBody([deliveryLead({ contactKey: 'p1', events })], DEFAULT_MAPPINGS.mautic, 'leadbooth_id');
    expect(contact).toMatchObject({ leadbooth_id: 'p1', tags: ['LeadBooth: Expo  Tokyo', 'LeadBooth: ev-2'] });
  });

  it('no events, no tags field (a resend never touches the tags someone set)', () => {
    expect(mauticBody([deliveryLead()], DEFAULT_MAPPINGS.mautic, 'leadbooth_id')[0]).not.toHaveProperty('tags');
    expect(eventTag({ eventName: '展示会 2025', eventId: 'x' })).toBe('LeadBooth: 展示会 2025');
  });
});
