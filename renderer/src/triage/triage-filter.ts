import type { TriageFilter, TriageSort, TriageSortColumn } from '../../../shared/triage/api';

/**
 * The Triage screen's filter and sort as plain values: what a click changes, what counts as
 * "filtered", and the quick views. Pure (the clock is passed in), so it is tested as tables.
 */

export const DEFAULT_SORT: TriageSort = { column: 'capturedAt', dir: 'desc' };

/** Columns whose first click shows the biggest, newest or best first; the rest start A→Z. */
const DESC_FIRST: ReadonlySet<TriageSortColumn> = new Set(['capturedAt', 'updatedAt', 'score', 'rating', 'followUpDue']);

/**
 * A click on a column header: the same column flips direction, another column starts in the
 * direction a person expects of it (highest score first, but grade A before B, which is "asc").
 */
export function sortBy(current: TriageSort, column: TriageSortColumn): TriageSort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: DESC_FIRST.has(column) ? 'desc' : 'asc' };
}

type ListKey = 'eventIds' | 'statuses' | 'ratings' | 'grades' | 'owners' | 'staff';
type ListValue<K extends ListKey> = NonNullable<TriageFilter[K]>[number];

/** Adds or removes one alternative of a list filter; an emptied list is no filter at all. */
export function toggleIn<K extends ListKey>(filter: TriageFilter, key: K, value: ListValue<K>, on: boolean): TriageFilter {
  const current = (filter[key] ?? []) as ListValue<K>[];
  const next = on ? (current.includes(value) ? current : [...current, value]) : current.filter((v) => v !== value);
  return set(filter, key, next.length > 0 ? (next as TriageFilter[K]) : undefined);
}

/** One filter set or, with undefined, removed: the filter never carries empty keys. */
export function set<K extends keyof TriageFilter>(filter: TriageFilter, key: K, value: TriageFilter[K] | undefined): TriageFilter {
  const next = { ...filter };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

/** The answer filter for one question: these option values, or none (removed). */
export function setAnswer(filter: TriageFilter, question: string, anyOf: readonly string[]): TriageFilter {
  const others = (filter.answers ?? []).filter((a) => a.question !== question);
  const answers = anyOf.length > 0 ? [...others, { question, anyOf: [...anyOf] }] : others;
  return set(filter, 'answers', answers);
}

export function answerValues(filter: TriageFilter, question: string): readonly string[] {
  return filter.answers?.find((a) => a.question === question)?.anyOf ?? [];
}

/** How many filters are in force, the search box not counted (it shows itself). */
export function activeFilterCount(filter: TriageFilter): number {
  return Object.entries(filter).filter(([key, value]) => key !== 'query' && value !== undefined).length;
}

/** Filter and sort as one comparable key: the list reloads exactly when this changes. */
export function viewKey(filter: TriageFilter, sort: TriageSort): string {
  const sorted = Object.fromEntries(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([sorted, sort.column, sort.dir]);
}

/** The start of the local day `now` falls in, as the contract's ISO time. */
export function startOfLocalDay(now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** "2026-11-23" from a date input → the first (from) or last (to) moment of that local day. */
export function dayBound(day: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = end ? new Date(new Date(y, m, d + 1).getTime() - 1) : new Date(y, m, d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The local day of an ISO time, for a date input ("" when none). */
export function localDay(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * "Today's A-grade MQLs without an owner": the morning-after view. Built when picked, so
 * "today" is always today; a saved copy keeps the day it was saved on (TriageFilter has no
 * relative dates).
 */
export function todaysUnownedAMqls(now: Date): { filter: TriageFilter; sort: TriageSort } {
  return {
    filter: { grades: ['A'], statuses: ['mql'], owners: [null], capturedFrom: startOfLocalDay(now) },
    sort: { column: 'score', dir: 'desc' },
  };
}

/** Overdue follow-ups, the oldest deadline first: who to call now. */
export function overdueFollowUps(): { filter: TriageFilter; sort: TriageSort } {
  return { filter: { overdue: true }, sort: { column: 'followUpDue', dir: 'asc' } };
}

/** A score bound typed by a person: an integer 0–100, or no bound. */
export function scoreBound(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, Math.round(n)));
}
