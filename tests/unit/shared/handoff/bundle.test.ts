import { describe, expect, it } from 'vitest';
import { parseBundle, type Bundle } from '../../../../shared/handoff/bundle';
import { AppError } from '../../../../shared/errors';
import { stateFromBundleLead } from '../../../../shared/handoff/merge';
import type { StoredAnswer } from '../../../../shared/qualify/answers';

const EVENT = '0196a1b2-0000-7000-8000-0000000000e1';
const LEAD = '0196a1b2-0000-7000-8000-000000000001';

function bundle(): Bundle {
  return {
    format: 'leadbooth-bundle', version: 1, device: '0196a1b2-0000-7000-8000-0000000000d1',
    exportedAt: '2025-04-09T09:00:00.000Z',
    event: { id: EVENT, name: 'Japan IT Week 春', kind: 'tradeshow', venue: '東京ビッグサイト', startsOn: '2025-04-09', endsOn: '2025-04-11', createdAt: '2025-04-01T00:00:00.000Z' },
    leads: [{
      id: LEAD, eventId: EVENT, badgeId: 'JITW-1', fullName: '山田 太郎', familyName: '山田', givenName: '太郎',
      familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', company: '株式会社サンプル', department: null, title: null,
      email: 'taro@example.jp', phone: null, url: null, rating: 'hot', notes: null, status: 'new', walkIn: false, answers: {},
      owner: null, consentVersion: null, consentAt: null, readyAt: null, rejectionReason: null, sourceFormat: 'json', source: 'camera', rawPayload: 'JITW-1',
      capturedBy: '佐藤', capturedAt: '2025-04-09T01:00:00.000Z', updatedAt: '2025-04-09T02:00:00.000Z',
      fieldTimes: { rating: '2025-04-09T02:00:00.000Z' },
    }],
    touches: [{ id: '0196a1b2-0000-7000-8000-0000000000f1', leadId: LEAD, kind: 'scan', staff: '佐藤', device: null, at: '2025-04-09T01:00:00.000Z', detail: { payload: 'JITW-1' } }],
    photos: [],
  };
}

const ANSWER: StoredAnswer = { value: 'within_3m', kind: 'single', label: { ja: '導入時期', en: 'Timeline' }, choices: [{ ja: '3か月以内', en: 'Within 3 months' }], formVersion: 1 };

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('parseBundle', () => {
  it('reads a bundle', () => {
    expect(parseBundle(bytes(bundle())).leads[0]?.fullName).toBe('山田 太郎');
  });

  it('reads a bundle with a UTF-8 BOM in front (saved by a text editor)', () => {
    expect(parseBundle(bytes(`\ufeff${JSON.stringify(bundle())}`)).leads).toHaveLength(1);
  });

  it('ignores fields a later LeadBooth added, so an additive change needs no new version', () => {
    const later = bundle() as Bundle & { answers?: unknown };
    later.answers = [];
    (later.leads[0] as Record<string, unknown>).score = 80;
    expect(codeOf(() => parseBundle(bytes(later)))).toBe('accepted');
  });

  it('ignores field times of fields it does not know, __proto__ included', () => {
    const text = JSON.stringify(bundle()).replace(
      '"fieldTimes":{',
      '"fieldTimes":{"__proto__":"2025-04-09T02:00:00.000Z","score":"2025-04-09T02:00:00.000Z",',
    );
    const lead = parseBundle(bytes(text)).leads[0]!;
    expect(Object.getPrototypeOf(lead.fieldTimes)).toBe(Object.prototype);
    expect(stateFromBundleLead(lead).times).not.toHaveProperty('score');
  });

  it('keeps markup in free text as text: a person may be called anything, and the UI never renders HTML', () => {
    const b = bundle();
    b.leads[0]!.notes = '<script>alert(1)</script>';
    expect(parseBundle(bytes(b)).leads[0]?.notes).toBe('<script>alert(1)</script>');
  });

  const hostile: [string, () => unknown, string][] = [
    ['a newer version', () => ({ ...bundle(), version: 2 }), 'bundle.unsupported_version'],
    ['no version', () => ({ ...bundle(), version: undefined }), 'bundle.unsupported_version'],
    ['another kind of JSON', () => ({ hello: 'world' }), 'bundle.invalid'],
    ['a JSON array', () => [bundle()], 'bundle.invalid'],
    ['junk', () => '\x00\x01junk{{{', 'bundle.invalid'],
    ['Shift_JIS bytes', () => new Uint8Array([0x82, 0xa0, 0x82, 0xa2]), 'bundle.invalid'],
    ['a lead of another event', () => { const b = bundle(); b.leads[0]!.eventId = 'other-event'; return b; }, 'bundle.invalid'],
    ['a script for a lead id', () => { const b = bundle(); b.leads[0]!.id = '<script>alert(1)</script>'; return b; }, 'bundle.invalid'],
    ['a path for an event id', () => { const b = bundle(); b.event.id = '../../etc/passwd'; return b; }, 'bundle.invalid'],
    ['a script for a rating', () => { const b = bundle(); (b.leads[0] as Record<string, unknown>).rating = '"><script>'; return b; }, 'bundle.invalid'],
    ['a script for a time', () => { const b = bundle(); b.leads[0]!.capturedAt = 'javascript:alert(1)'; return b; }, 'bundle.invalid'],
    ['a field time that is not a time', () => { const b = bundle(); (b.leads[0]!.fieldTimes as Record<string, unknown>).rating = 99; return b; }, 'bundle.invalid'],
    ['a touch of a lead not in the bundle', () => { const b = bundle(); b.touches[0]!.leadId = '0196a1b2-0000-7000-8000-000000000999'; return b; }, 'bundle.invalid'],
    ['a lead twice', () => { const b = bundle(); b.leads.push(b.leads[0]!); return b; }, 'bundle.invalid'],
    ['a touch twice', () => { const b = bundle(); b.touches.push(b.touches[0]!); return b; }, 'bundle.invalid'],
    ['an oversized raw payload', () => { const b = bundle(); b.leads[0]!.rawPayload = 'x'.repeat(600 * 1024); return b; }, 'bundle.invalid'],
    ['an answer under a key no question can have', () => { const b = bundle(); b.leads[0]!.answers = { 'Bad Key': ANSWER } as never; return b; }, 'bundle.invalid'],
    ['an answer that is not an answer', () => { const b = bundle(); b.leads[0]!.answers = { timeline: { value: { $gt: 1 } } } as never; return b; }, 'bundle.invalid'],
  ];

  it('reads answers with their field times, and a bundle from before answers as having none', () => {
    const b = bundle();
    b.leads[0]!.answers = { timeline: ANSWER };
    b.leads[0]!.fieldTimes['answers.timeline'] = '2025-04-09T03:00:00.000Z';
    const state = stateFromBundleLead(parseBundle(bytes(b)).leads[0]!);
    expect(state.answers).toEqual({ timeline: ANSWER });
    expect(state.answerTimes).toEqual({ timeline: Date.parse('2025-04-09T03:00:00.000Z') });
    // `__proto__` is dropped as data, never made a prototype.
    const proto = bundle();
    proto.leads[0]!.answers = { ['__proto__']: ANSWER, timeline: ANSWER };
    proto.leads[0]!.fieldTimes['answers.__proto__'] = '2025-04-09T03:00:00.000Z';
    const read = stateFromBundleLead(parseBundle(bytes(proto)).leads[0]!);
    expect(Object.keys(read.answers)).toEqual(['timeline']);
    expect(Object.getPrototypeOf(read.answers)).toBe(Object.prototype);
    expect(read.answerTimes).toEqual({ timeline: Date.parse('2025-04-09T02:00:00.000Z') });
    const old = bundle() as unknown as { leads: Record<string, unknown>[] };
    delete old.leads[0]!.answers;
    expect(parseBundle(bytes(old)).leads[0]!.answers).toEqual({});
  });

  it.each(hostile)('rejects %s with a code', (_, make, code) => {
    const value = make();
    expect(codeOf(() => parseBundle(value instanceof Uint8Array ? value : bytes(value)))).toBe(code);
  });

  it('says where a damaged bundle is damaged', () => {
    const b = bundle();
    b.leads[0]!.eventId = 'other-event';
    try {
      parseBundle(bytes(b));
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).details).toEqual({ issues: [{ path: 'leads.0.eventId', message: 'Lead belongs to another event' }] });
    }
  });
});
