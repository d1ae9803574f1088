import { describe, expect, it } from 'vitest';
import { focusAfterMove, move, removeAt, updateWhere } from '../../../../renderer/src/ui/list';

const questions = [
  { uid: 'q1', key: 'budget', ja: '予算', en: 'Budget' },
  { uid: 'q2', key: 'timing', ja: '導入時期', en: 'Timing' },
  { uid: 'q3', key: 'role', ja: '役割', en: 'Role' },
];

describe('editing an ordered list row by row', () => {
  it.each([
    [0, -1, ['a', 'b', 'c']],
    [1, -1, ['b', 'a', 'c']],
    [1, 1, ['a', 'c', 'b']],
    [2, 1, ['a', 'b', 'c']],
  ] as const)('moves item %i by %i, out of range leaving the list as it is', (from, by, expected) => {
    expect(move(['a', 'b', 'c'], from, by)).toEqual(expected);
  });

  it('gives the focus to the button pointing the way the row moved, then to the other one', () => {
    expect(focusAfterMove('q2', -1)).toEqual(['q2.up', 'q2.down']);
    expect(focusAfterMove('q2', 1)).toEqual(['q2.down', 'q2.up']);
  });

  it.each([
    [0, ['q2', 'q3'], 'q2'],
    [1, ['q1', 'q3'], 'q3'],
    [2, ['q1', 'q2'], 'q2'],
  ] as const)('removes row %i and names the next row, else the one before, for the focus', (at, rest, neighbour) => {
    const removed = removeAt(questions, at);
    expect(removed.rest.map((q) => q.uid)).toEqual(rest);
    expect(removed.neighbour?.uid).toBe(neighbour);
  });

  it('has no row to focus once the last one is removed', () => {
    expect(removeAt([questions[0]!], 0)).toEqual({ rest: [], neighbour: undefined });
  });

  it('changes only the row with the uid, leaving the others as they were', () => {
    const next = updateWhere(questions, 'q2', (q) => ({ ...q, en: 'When to buy' }));
    expect(next.map((q) => q.en)).toEqual(['Budget', 'When to buy', 'Role']);
    expect(next[0]).toBe(questions[0]);
    expect(updateWhere(questions, 'missing', (q) => ({ ...q, en: '' }))).toEqual(questions);
  });
});
