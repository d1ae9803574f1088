import { describe, expect, it } from 'vitest';
import type { TriageFilter, TriageSort } from '../../../../shared/triage/api';
import { TriageFilter as TriageFilterSchema } from '../../../../shared/triage/api';
import {
  activeFilterCount, answerValues, dayBound, localDay, overdueFollowUps, scoreBound, set, setAnswer, sortBy, startOfLocalDay,
  todaysUnownedAMqls, toggleIn, viewKey,
} from '../../../../renderer/src/triage/triage-filter';

// The tests run in the machine's zone; the day bounds are about local days, so fix the zone here.
process.env.TZ = 'Asia/Tokyo';

describe('a click on a column header', () => {
  const cases: [string, TriageSort, TriageSort['column'], TriageSort][] = [
    ['the same column flips to ascending', { column: 'capturedAt', dir: 'desc' }, 'capturedAt', { column: 'capturedAt', dir: 'asc' }],
    ['the same column flips back', { column: 'name', dir: 'asc' }, 'name', { column: 'name', dir: 'desc' }],
    ['score starts highest first', { column: 'capturedAt', dir: 'desc' }, 'score', { column: 'score', dir: 'desc' }],
    ['grade starts with A (ascending)', { column: 'score', dir: 'desc' }, 'grade', { column: 'grade', dir: 'asc' }],
    ['company starts あ→ん / A→Z', { column: 'score', dir: 'desc' }, 'company', { column: 'company', dir: 'asc' }],
    ['the follow-up deadline starts latest first', { column: 'name', dir: 'asc' }, 'followUpDue', { column: 'followUpDue', dir: 'desc' }],
  ];
  it.each(cases)('%s', (_name, current, column, expected) => {
    expect(sortBy(current, column)).toEqual(expected);
  });
});

describe('list filters', () => {
  it('adds and removes alternatives, and an emptied list is no filter', () => {
    let filter: TriageFilter = {};
    filter = toggleIn(filter, 'statuses', 'mql', true);
    filter = toggleIn(filter, 'statuses', 'working', true);
    filter = toggleIn(filter, 'statuses', 'mql', true); // twice is once
    expect(filter).toEqual({ statuses: ['mql', 'working'] });
    filter = toggleIn(filter, 'statuses', 'mql', false);
    filter = toggleIn(filter, 'statuses', 'working', false);
    expect(filter).toEqual({});
    expect('statuses' in filter).toBe(false);
  });

  it('keeps "no owner" (null) apart from every owner', () => {
    let filter = toggleIn({}, 'owners', null, true);
    filter = toggleIn(filter, 'owners', 'tanaka@example.co.jp', true);
    expect(filter.owners).toEqual([null, 'tanaka@example.co.jp']);
    expect(toggleIn(filter, 'owners', null, false).owners).toEqual(['tanaka@example.co.jp']);
  });

  it('drops a filter set to nothing, and never changes the one it was given', () => {
    const before: TriageFilter = { grades: ['A'], query: 'やまだ' };
    const after = set(before, 'query', '');
    expect(after).toEqual({ grades: ['A'] });
    expect(before).toEqual({ grades: ['A'], query: 'やまだ' });
    expect(set(after, 'overdue', undefined)).toEqual({ grades: ['A'] });
    expect(set(after, 'ready', false)).toEqual({ grades: ['A'], ready: false });
  });

  it('sets one question’s answers without touching another’s', () => {
    let filter = setAnswer({}, 'timeline', ['within_3m']);
    filter = setAnswer(filter, 'budget', ['secured', 'requested']);
    filter = setAnswer(filter, 'timeline', ['within_3m', 'within_6m']);
    expect(answerValues(filter, 'timeline')).toEqual(['within_3m', 'within_6m']);
    expect(answerValues(filter, 'budget')).toEqual(['secured', 'requested']);
    filter = setAnswer(filter, 'budget', []);
    filter = setAnswer(filter, 'timeline', []);
    expect(filter).toEqual({});
  });

  it('counts the filters in force, the search not among them', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ query: '株式会社' })).toBe(0);
    expect(activeFilterCount({ grades: ['A'], owners: [null], overdue: true, ready: false, query: 'x' })).toBe(4);
  });

  it('gives the same key to the same filter written in another order, and a new one to another sort', () => {
    const a = viewKey({ grades: ['A'], statuses: ['mql'] }, { column: 'score', dir: 'desc' });
    const b = viewKey({ statuses: ['mql'], grades: ['A'] }, { column: 'score', dir: 'desc' });
    expect(a).toBe(b);
    expect(viewKey({ grades: ['A'], statuses: ['mql'] }, { column: 'score', dir: 'asc' })).not.toBe(a);
  });

  it.each([
    ['', undefined],
    ['  ', undefined],
    ['60', 60],
    ['150', 100],
    ['-5', 0],
    ['59.6', 60],
    ['６０', undefined],
    ['abc', undefined],
  ])('reads a score bound typed as %j as %j', (text, expected) => {
    expect(scoreBound(text)).toBe(expected);
  });
});

describe('dates in the filter (Asia/Tokyo)', () => {
  it('turns a chosen day into the first and last moment of that local day', () => {
    expect(dayBound('2026-11-23', false)).toBe('2026-11-22T15:00:00.000Z');
    expect(dayBound('2026-11-23', true)).toBe('2026-11-23T14:59:59.999Z');
    expect(dayBound('', false)).toBeUndefined();
    expect(dayBound('23/11/2026', false)).toBeUndefined();
  });

  it('shows a bound as the local day it falls on', () => {
    expect(localDay('2026-11-22T15:00:00.000Z')).toBe('2026-11-23');
    expect(localDay('2026-11-23T14:59:59.999Z')).toBe('2026-11-23');
    expect(localDay(undefined)).toBe('');
  });

  it('starts "today" at local midnight, not UTC midnight', () => {
    // 08:30 in Tokyo is still the previous day in UTC.
    expect(startOfLocalDay(new Date('2026-11-23T23:30:00.000Z'))).toBe('2026-11-23T15:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-23T01:00:00.000Z'))).toBe('2026-11-22T15:00:00.000Z');
  });
});

describe('quick views', () => {
  it('"today’s A-grade MQLs without an owner" is built for the day it is picked, best score first', () => {
    const view = todaysUnownedAMqls(new Date('2026-11-24T00:30:00.000Z'));
    expect(view).toEqual({
      filter: { grades: ['A'], statuses: ['mql'], owners: [null], capturedFrom: '2026-11-23T15:00:00.000Z' },
      sort: { column: 'score', dir: 'desc' },
    });
    // What the screen sends must pass the contract as it is.
    expect(TriageFilterSchema.parse(view.filter)).toEqual(view.filter);
  });

  it('overdue follow-ups come oldest deadline first', () => {
    expect(overdueFollowUps()).toEqual({ filter: { overdue: true }, sort: { column: 'followUpDue', dir: 'asc' } });
  });

  it('every date bound passes the contract', () => {
    const filter = { capturedFrom: dayBound('2026-11-23', false), capturedTo: dayBound('2026-11-24', true) };
    expect(TriageFilterSchema.parse(filter)).toEqual(filter);
  });
});
