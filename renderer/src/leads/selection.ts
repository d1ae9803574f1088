/**
 * Which leads of the list are chosen: some by id, or every lead the search matches (`all`),
 * which may be far more than are loaded: the export then goes by the search, not by ids.
 */
export interface Selection {
  all: boolean;
  ids: ReadonlySet<string>;
}

export const emptySelection: Selection = { all: false, ids: new Set() };

export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? total : selection.ids.size;
}

/**
 * One row checked or unchecked. Unchecking a row while "all matching" is chosen leaves the
 * rows in view chosen by id but that one: the rest of the list cannot be named without loading it.
 */
export function toggle(selection: Selection, id: string, on: boolean, visibleIds: readonly string[]): Selection {
  const ids = new Set(selection.all ? visibleIds : selection.ids);
  if (on) ids.add(id);
  else ids.delete(id);
  return { all: false, ids };
}

/** The header's box: every row in view chosen, or none of them. */
export function toggleAll(selection: Selection, visibleIds: readonly string[], on: boolean): Selection {
  if (!on && selection.all) return emptySelection;
  const ids = new Set(selection.ids);
  for (const id of visibleIds) {
    if (on) ids.add(id);
    else ids.delete(id);
  }
  return { all: false, ids };
}
