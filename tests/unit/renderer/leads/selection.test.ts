import { describe, expect, it } from 'vitest';
import { emptySelection, selectedCount, toggle, toggleAll, type Selection } from '../../../../renderer/src/leads/selection';

const ids = (s: Selection) => [...s.ids].sort();

describe('lead selection', () => {
  it('checks and unchecks single rows', () => {
    const one = toggle(emptySelection, 'a', true, ['a', 'b']);
    expect(ids(one)).toEqual(['a']);
    expect(ids(toggle(one, 'a', false, ['a', 'b']))).toEqual([]);
  });

  it('selects every row in view, keeping rows chosen elsewhere, and unselects them again', () => {
    const start = toggle(emptySelection, 'z', true, ['z']);
    const all = toggleAll(start, ['a', 'b'], true);
    expect(ids(all)).toEqual(['a', 'b', 'z']);
    expect(ids(toggleAll(all, ['a', 'b'], false))).toEqual(['z']);
  });

  it('counts "all matching" as the list total, and clears it from the header box', () => {
    const all: Selection = { all: true, ids: new Set() };
    expect(selectedCount(all, 451)).toBe(451);
    expect(selectedCount(toggle(emptySelection, 'a', true, []), 451)).toBe(1);
    expect(toggleAll(all, ['a'], false)).toEqual(emptySelection);
  });

  it('unchecking one row of "all matching" keeps the other rows in view chosen by id', () => {
    const all: Selection = { all: true, ids: new Set() };
    const next = toggle(all, 'b', false, ['a', 'b', 'c']);
    expect(next.all).toBe(false);
    expect(ids(next)).toEqual(['a', 'c']);
  });
});
