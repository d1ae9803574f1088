import { describe, expect, it } from 'vitest';
import { MERGE_FIELDS } from '../../../../shared/handoff/bundle';
import type { LeadState, MergeValues } from '../../../../shared/handoff/merge';
import { joinNotes, mergeLeads } from '../../../../shared/dedupe/merge';
import type { StoredAnswer } from '../../../../shared/qualify/answers';

const T0 = Date.parse('2026-11-20T01:00:00Z');
const min = (m: number) => T0 + m * 60_000;

const blank = Object.fromEntries(MERGE_FIELDS.map((f) => [f, null])) as unknown as MergeValues;

function state(id: string, capturedAt: number, values: Partial<MergeValues>, times: LeadState['times'], answers: Record<string, [string, number]> = {}): LeadState {
  return {
    eventId: 'ev-1',
    first: { id, capturedAt, capturedBy: null, source: 'scanner', sourceFormat: 'vcard', rawPayload: `raw-${id}` },
    values: { ...blank, walkIn: false, status: 'new', ...values } as MergeValues,
    times,
    answers: Object.fromEntries(Object.entries(answers).map(([k, [v]]) => [k, answer(v)])),
    answerTimes: Object.fromEntries(Object.entries(answers).map(([k, [, t]]) => [k, t])),
    updatedAt: Math.max(capturedAt, ...Object.values(times).filter((t): t is number => t !== undefined)),
  };
}
const answer = (value: string): StoredAnswer => ({ value, kind: 'single', label: { ja: '検討時期', en: 'Timing' }, formVersion: 1 });

describe('merging two leads of one person', () => {
  const survivor = state(
    'lead-a', min(0),
    { fullName: '山田 太郎', company: '株式会社サンプル', title: '課長', email: 'taro@example.co.jp', notes: '展示会で名刺交換', rating: 'warm' },
    { fullName: min(0), company: min(0), title: min(0), email: min(0), notes: min(1), rating: min(2) },
    { timing: ['3か月以内', min(2)] },
  );
  const other = state(
    'lead-b', min(30),
    { fullName: '山田 太郎', company: '株式会社サンプル', title: '部長', phone: '03-1234-5678', notes: 'デモ希望', rating: 'hot', consentVersion: 'v1', consentAt: new Date(min(31)).toISOString() },
    { fullName: min(30), company: min(30), title: min(30), phone: min(30), notes: min(31), rating: min(32), consentVersion: min(31), consentAt: min(31) },
    { timing: ['半年以内', min(1)], budget: ['500万円', min(33)] },
  );
  const { state: merged, lost } = mergeLeads(survivor, other, min(60));

  it('keeps the chosen lead, whichever was captured first', () => {
    expect(mergeLeads(other, survivor, min(60)).state.first.id).toBe('lead-b');
    expect(merged.first.id).toBe('lead-a');
  });

  it('takes each field from the newest edit and fills blanks from either', () => {
    expect(merged.values).toMatchObject({ title: '部長', rating: 'hot', email: 'taro@example.co.jp', phone: '03-1234-5678' });
  });

  it('takes each answer from its newest edit and keeps answers only one lead had', () => {
    expect(merged.answers.timing?.value).toBe('3か月以内');
    expect(merged.answers.budget?.value).toBe('500万円');
  });

  it('keeps both notes, older first, as an edit made at the merge', () => {
    expect(merged.values.notes).toBe('展示会で名刺交換\n\nデモ希望');
    expect(merged.times.notes).toBe(min(60));
  });

  it('keeps a consent given on either lead', () => {
    expect(merged.values.consentVersion).toBe('v1');
    expect(merged.values.consentAt).toBe(new Date(min(31)).toISOString());
  });

  it('returns the values that lost, for the history', () => {
    expect(lost).toEqual(
      expect.arrayContaining([
        { field: 'title', kept: '部長', lost: '課長' },
        { field: 'rating', kept: 'hot', lost: 'warm' },
        { field: 'answers.timing', kept: answer('3か月以内'), lost: answer('半年以内') },
      ]),
    );
    // A value both had, or a blank, is no loss.
    expect(lost.map((l) => l.field)).not.toContain('company');
    expect(lost.map((l) => l.field)).not.toContain('phone');
  });

  it('keeps a consent even when the other lead was edited later without one', () => {
    const withConsent = state('c', min(0), { consentVersion: 'v2', consentAt: new Date(min(0)).toISOString() }, { consentVersion: min(0), consentAt: min(0) });
    const later = state('d', min(10), { fullName: 'x' }, { fullName: min(10) });
    expect(mergeLeads(later, withConsent, min(20)).state.values.consentVersion).toBe('v2');
  });

  it('respects a recorded withdrawal newer than the consent', () => {
    const given = state('c', min(0), { consentVersion: 'v2', consentAt: new Date(min(0)).toISOString() }, { consentVersion: min(0), consentAt: min(0) });
    const withdrawn = state('d', min(10), {}, { consentVersion: min(10), consentAt: min(10) });
    const merged = mergeLeads(given, withdrawn, min(20)).state.values;
    expect([merged.consentVersion, merged.consentAt]).toEqual([null, null]);
  });
});

describe('joining notes', () => {
  it.each([
    [null, null, null],
    ['a', null, 'a'],
    [null, 'b', 'b'],
    ['a', 'b', 'a\n\nb'],
    ['デモ希望', 'デモ希望', 'デモ希望'],
    ['デモ希望', '展示会: デモ希望', '展示会: デモ希望'],
    ['展示会: デモ希望', 'デモ希望', '展示会: デモ希望'],
  ])('%j + %j → %j', (older, newer, joined) => {
    expect(joinNotes(older, newer)).toBe(joined);
  });
});
