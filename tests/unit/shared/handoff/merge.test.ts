import { describe, expect, it } from 'vitest';
import type { BundleLead } from '../../../../shared/handoff/bundle';
import {
  bundleLeadFromState, effectiveTimes, encodeFieldTimes, mergeStates, parseFieldTimes, sameState,
  stateFromBundleLead, valueDigest, type LeadState,
} from '../../../../shared/handoff/merge';

const T = (hhmm: string) => `2025-04-09T${hhmm}:00.000Z`;

function bundleLead(fields: Partial<BundleLead>): BundleLead {
  return {
    id: 'lead-a', eventId: 'event-1', badgeId: 'JITW-100234', fullName: '髙橋 一郎', familyName: '髙橋', givenName: '一郎',
    familyNameKana: null, givenNameKana: null, company: '株式会社サンプル', department: null, title: null,
    email: null, phone: null, url: null, rating: null, notes: null, status: 'new', walkIn: false, answers: {}, owner: null,
    consentVersion: null, consentAt: null, sourceFormat: 'json', source: 'camera', rawPayload: '{"badgeId":"JITW-100234"}',
    capturedBy: '佐藤', capturedAt: T('01:00'), updatedAt: T('01:00'), fieldTimes: {},
    ...fields,
  };
}

// Device A scanned first at 01:00 and rated Hot at 05:00; device B scanned the same badge at
// 02:00 (its own lead id), typed the phone and a title at 03:00, and rated Cold at 06:00.
const a = stateFromBundleLead(bundleLead({ rating: 'hot', updatedAt: T('05:00'), fieldTimes: { rating: T('05:00') } }));
const b = stateFromBundleLead(bundleLead({
  id: 'lead-b', capturedAt: T('02:00'), capturedBy: '鈴木', source: 'scanner', phone: '03-1234-5678',
  title: '部長', rating: 'cold', updatedAt: T('06:00'),
  fieldTimes: { fullName: T('02:00'), familyName: T('02:00'), givenName: T('02:00'), company: T('02:00'), badgeId: T('02:00'), phone: T('03:00'), title: T('03:00'), rating: T('06:00') },
}));
const c = stateFromBundleLead(bundleLead({
  id: 'lead-c', capturedAt: T('04:00'), company: '株式会社サンプル 東京支社', notes: 'デモ希望', updatedAt: T('04:30'),
}));

const view = (s: LeadState) => bundleLeadFromState(s);

describe('mergeStates', () => {
  it('keeps the newest edit of each field, not the newest record', () => {
    const m = view(mergeStates(a, b));
    expect(m.rating).toBe('cold');
    expect(m.phone).toBe('03-1234-5678');
    expect(m.title).toBe('部長');
  });

  it('keeps the earliest capture, its id and who made it: the real first scan', () => {
    const m = view(mergeStates(b, a));
    expect(m).toMatchObject({ id: 'lead-a', capturedAt: T('01:00'), capturedBy: '佐藤', source: 'camera' });
  });

  it('never lets a blank nobody edited wipe a value', () => {
    const noCompany = stateFromBundleLead(bundleLead({ id: 'lead-d', company: null, updatedAt: T('09:00') }));
    expect(view(mergeStates(a, noCompany)).company).toBe('株式会社サンプル');
  });

  it('does let a recorded clear win when it is newer', () => {
    const cleared = stateFromBundleLead(bundleLead({ phone: null, updatedAt: T('07:00'), fieldTimes: { phone: T('07:00') } }));
    expect(view(mergeStates(b, cleared)).phone).toBeNull();
  });

  it('is commutative, associative and idempotent, so devices converge in any order', () => {
    const ab = mergeStates(a, b);
    expect(sameState(ab, mergeStates(b, a))).toBe(true);
    expect(sameState(mergeStates(ab, c), mergeStates(a, mergeStates(b, c)))).toBe(true);
    expect(sameState(mergeStates(mergeStates(c, a), b), mergeStates(ab, c))).toBe(true);
    expect(sameState(mergeStates(ab, ab), ab)).toBe(true);
    expect(sameState(mergeStates(ab, a), ab)).toBe(true);
  });

  it('breaks a tie of edit times the same way on every device', () => {
    const x = stateFromBundleLead(bundleLead({ notes: 'A', fieldTimes: { notes: T('03:00') } }));
    const y = stateFromBundleLead(bundleLead({ id: 'lead-y', notes: 'B', fieldTimes: { notes: T('03:00') } }));
    expect(view(mergeStates(x, y)).notes).toBe(view(mergeStates(y, x)).notes);
  });

  it('round-trips through the bundle form unchanged', () => {
    const ab = mergeStates(a, b);
    expect(sameState(stateFromBundleLead(view(ab)), ab)).toBe(true);
  });
});

describe('stored field times', () => {
  const values = view(a);

  it('count a field without a time as edited at updated_at, and a blank one as never edited', () => {
    const times = effectiveTimes(values, {}, 1000);
    expect(times.company).toBe(1000);
    expect(times.phone).toBeUndefined();
  });

  it('keep a recorded time while the value is the one it was recorded for', () => {
    const stored = parseFieldTimes(encodeFieldTimes({ values, times: { rating: 500, company: 400 } }));
    expect(effectiveTimes(values, stored, 9000)).toMatchObject({ rating: 500, company: 400 });
  });

  it('fall back to updated_at once code that does not know them changed the value (a rating)', () => {
    const stored = parseFieldTimes(encodeFieldTimes({ values, times: { rating: 500 } }));
    const rerated = { ...values, rating: 'warm' as const };
    expect(effectiveTimes(rerated, stored, 9000).rating).toBe(9000);
  });

  it('accept a bare time and ignore garbage', () => {
    expect(effectiveTimes(values, { company: 700 }, 9000).company).toBe(700);
    expect(parseFieldTimes('not json')).toEqual({});
    expect(parseFieldTimes('[1,2]')).toEqual({});
    expect(effectiveTimes(values, { company: [1, 'nope'] } as never, 9000).company).toBe(9000);
  });

  it('digest values stably', () => {
    expect(valueDigest('株式会社サンプル')).toBe(valueDigest('株式会社サンプル'));
    expect(valueDigest('株式会社サンプル')).not.toBe(valueDigest('(株)サンプル'));
    expect(valueDigest(null)).not.toBe(valueDigest('null'));
  });
});
