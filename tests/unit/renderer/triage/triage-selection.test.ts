import { describe, expect, it } from 'vitest';
import {
  bulkTarget, clickRow, isSelected, noSelection, selectAllMatching, selectionSize, selectLoaded, type TriageSelection,
} from '../../../../renderer/src/triage/triage-selection';

const loaded = ['lead-01', 'lead-02', 'lead-03', 'lead-04', 'lead-05', 'lead-06'];
const ids = (s: TriageSelection) => [...s.ids];

describe('choosing rows for a bulk action', () => {
  it('ticks and unticks single rows, each becoming the anchor', () => {
    let s = clickRow(noSelection, loaded, 'lead-02', true, false);
    s = clickRow(s, loaded, 'lead-05', true, false);
    expect(ids(s)).toEqual(['lead-02', 'lead-05']);
    expect(s.anchor).toBe('lead-05');
    s = clickRow(s, loaded, 'lead-02', false, false);
    expect(ids(s)).toEqual(['lead-05']);
  });

  it('shift-click ticks every row from the anchor to the clicked one, in either direction', () => {
    const down = clickRow(clickRow(noSelection, loaded, 'lead-02', true, false), loaded, 'lead-05', true, true);
    expect(ids(down).sort()).toEqual(['lead-02', 'lead-03', 'lead-04', 'lead-05']);
    const up = clickRow(clickRow(noSelection, loaded, 'lead-05', true, false), loaded, 'lead-03', true, true);
    expect(ids(up).sort()).toEqual(['lead-03', 'lead-04', 'lead-05']);
  });

  it('a shift-click range keeps its anchor, so a second shift-click re-extends from the same row', () => {
    let s = clickRow(noSelection, loaded, 'lead-02', true, false);
    s = clickRow(s, loaded, 'lead-04', true, true);
    expect(s.anchor).toBe('lead-02');
    s = clickRow(s, loaded, 'lead-06', true, true);
    expect(ids(s).sort()).toEqual(['lead-02', 'lead-03', 'lead-04', 'lead-05', 'lead-06']);
  });

  it('shift-unticking a range unticks it', () => {
    let s = selectLoaded(noSelection, loaded, true);
    s = clickRow(s, loaded, 'lead-02', false, false);
    s = clickRow(s, loaded, 'lead-04', false, true);
    expect(ids(s).sort()).toEqual(['lead-01', 'lead-05', 'lead-06']);
  });

  it('shift-click without an anchor (or one no longer loaded) ticks just that row', () => {
    expect(ids(clickRow(noSelection, loaded, 'lead-03', true, true))).toEqual(['lead-03']);
    const gone: TriageSelection = { all: false, ids: new Set(['lead-99']), anchor: 'lead-99' };
    expect(ids(clickRow(gone, loaded, 'lead-03', true, true)).sort()).toEqual(['lead-03', 'lead-99']);
  });

  it('"all matching" counts the whole list; unticking one keeps the loaded rows but that one', () => {
    const all = selectAllMatching();
    expect(selectionSize(all, 100_000)).toBe(100_000);
    expect(isSelected(all, 'anything')).toBe(true);
    const s = clickRow(all, loaded, 'lead-03', false, false);
    expect(s.all).toBe(false);
    expect(ids(s)).toEqual(['lead-01', 'lead-02', 'lead-04', 'lead-05', 'lead-06']);
  });

  it('the header box ticks every loaded row, or clears everything', () => {
    const s = selectLoaded(clickRow(noSelection, loaded, 'lead-99', true, false), loaded, true);
    expect(selectionSize(s, 100_000)).toBe(7);
    expect(selectLoaded(s, loaded, false)).toEqual(noSelection);
  });

  it('acts on the ids chosen, on the filter when all matching, and on nothing when none', () => {
    const filter = { grades: ['A' as const], owners: [null] };
    expect(bulkTarget(noSelection, filter)).toBeNull();
    expect(bulkTarget(clickRow(noSelection, loaded, 'lead-01', true, false), filter)).toEqual({ ids: ['lead-01'] });
    expect(bulkTarget(selectAllMatching(), filter)).toEqual({ filter });
  });
});
