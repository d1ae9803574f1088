import type { TriageFilter, TriageTarget } from '../../../shared/triage/api';

/**
 * Which leads a bulk action applies to: some by id, or every lead the filter matches
 * (`all`), far more than are loaded. `anchor` is the row a shift-click range starts from.
 */
export interface TriageSelection {
  all: boolean;
  ids: ReadonlySet<string>;
  /** The id last clicked without shift: a shift-click selects from it to the clicked row. */
  anchor: string | null;
}

export const noSelection: TriageSelection = { all: false, ids: new Set(), anchor: null };

export function isSelected(selection: TriageSelection, id: string): boolean {
  return selection.all || selection.ids.has(id);
}

export function selectionSize(selection: TriageSelection, total: number): number {
  return selection.all ? total : selection.ids.size;
}

/**
 * A click on a row's box. With shift and an anchor still in the loaded rows, every row between
 * the anchor and this one takes this row's new state, as in a mail client. Unticking a row while
 * "all matching" is chosen keeps the loaded rows chosen by id but that one: the rest cannot be
 * named without loading them.
 */
export function clickRow(
  selection: TriageSelection,
  loadedIds: readonly string[],
  id: string,
  on: boolean,
  shift: boolean,
): TriageSelection {
  const ids = new Set(selection.all ? loadedIds : selection.ids);
  const from = shift && selection.anchor !== null ? loadedIds.indexOf(selection.anchor) : -1;
  const to = loadedIds.indexOf(id);
  const range = from >= 0 && to >= 0 ? loadedIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const each of range) {
    if (on) ids.add(each);
    else ids.delete(each);
  }
  return { all: false, ids, anchor: shift && from >= 0 ? selection.anchor : id };
}

/** The header's box: every loaded row, or none. */
export function selectLoaded(selection: TriageSelection, loadedIds: readonly string[], on: boolean): TriageSelection {
  if (!on) return noSelection;
  return { all: false, ids: new Set([...selection.ids, ...loadedIds]), anchor: selection.anchor };
}

export function selectAllMatching(): TriageSelection {
  return { all: true, ids: new Set(), anchor: null };
}

/** What triage.bulk and the export receive: the ids, or the filter the list shows now. */
export function bulkTarget(selection: TriageSelection, filter: TriageFilter): TriageTarget | null {
  if (selection.all) return { filter };
  return selection.ids.size > 0 ? { ids: [...selection.ids] } : null;
}
