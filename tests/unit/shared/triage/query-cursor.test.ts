import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../../shared/triage/query-cursor';
import type { TriageSort } from '../../../../shared/triage/api';

const score: TriageSort = { column: 'score', dir: 'desc' };
const name: TriageSort = { column: 'name', dir: 'asc' };

describe('the Triage table cursor', () => {
  it.each([
    ['a score', score, 80, '01936f6e-0000-7000-8000-000000000001'],
    ['a Japanese name', name, '山田 太郎', 'lead-1'],
    ['a blank (nulls come last)', name, null, 'lead-2'],
    ['an English name with quotes', name, 'O"Brien \\ Smith', 'lead-3'],
  ] as const)('round-trips %s', (_, sort, value, id) => {
    const text = encodeCursor({ sort, value, id });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/u);
    expect(decodeCursor(text, sort)).toEqual({ ok: true, cursor: { v: 1, sort, value, id } });
  });

  it('is refused for another sort, column or direction', () => {
    const text = encodeCursor({ sort: score, value: 80, id: 'lead-1' });
    expect(decodeCursor(text, { column: 'score', dir: 'asc' })).toEqual({ ok: false, reason: 'other_sort' });
    expect(decodeCursor(text, name)).toEqual({ ok: false, reason: 'other_sort' });
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', 'bm90IGpzb24'],
    ['not UTF-8', '_w'],
    ['another version', Buffer.from(JSON.stringify({ v: 2, sort: score, value: 1, id: 'x' })).toString('base64url')],
    ['no id', Buffer.from(JSON.stringify({ v: 1, sort: score, value: 1 })).toString('base64url')],
    ['an extra key', Buffer.from(JSON.stringify({ v: 1, sort: score, value: 1, id: 'x', offset: 5 })).toString('base64url')],
    ['an object as value', Buffer.from(JSON.stringify({ v: 1, sort: score, value: { a: 1 }, id: 'x' })).toString('base64url')],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(decodeCursor(text, score)).toEqual({ ok: false, reason: 'unreadable' });
  });
});
