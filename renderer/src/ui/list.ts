/**
 * The ordered lists a person edits row by row (form questions and options, scoring and assignment
 * rules, rejection reasons, conditions): each row has a stable uid, and after a row moves or goes
 * the focus is given back by the ids built from it (`${uid}.up`, `${uid}.remove`, …). Pure.
 */

/** Moves item `from` by `by` places; out of range leaves the list as it is. */
export function move<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/**
 * Where the focus goes after row `uid` moved by `by`: its button pointing the same way, or the
 * other one once the row reached an end and that button is disabled.
 */
export function focusAfterMove(uid: string, by: -1 | 1): string[] {
  return by < 0 ? [`${uid}.up`, `${uid}.down`] : [`${uid}.down`, `${uid}.up`];
}

/** The list without item `at`, and the row the focus goes to then: the next one, else the one before. */
export function removeAt<T>(list: readonly T[], at: number): { rest: T[]; neighbour: T | undefined } {
  return { rest: list.filter((_, i) => i !== at), neighbour: list[at + 1] ?? list[at - 1] };
}

/** The list with the row of this uid replaced by what `patch` makes of it. */
export function updateWhere<T extends { uid: string }>(list: readonly T[], uid: string, patch: (item: T) => T): T[] {
  return list.map((item) => (item.uid === uid ? patch(item) : item));
}
