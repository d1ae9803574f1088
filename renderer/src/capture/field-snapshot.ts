/**
 * The first keys of a scanner burst land wherever focus is before the burst can be told
 * from typing. These helpers put a field back exactly as it was before the burst, and give
 * text back to it when a suspected burst turns out to be a person after all.
 */

type Editable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface FieldSnapshot {
  element: Editable;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function isEditable(element: Element | null): element is Editable {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;
}

function selection(element: Editable): { start: number | null; end: number | null } {
  if (element instanceof HTMLSelectElement) return { start: null, end: null };
  try {
    // Inputs like type=email have no selection API and answer null (or throw in old engines).
    return { start: element.selectionStart, end: element.selectionEnd };
  } catch {
    return { start: null, end: null };
  }
}

export function takeSnapshot(element: Element | null): FieldSnapshot | null {
  if (!isEditable(element)) return null;
  const { start, end } = selection(element);
  return { element, value: element.value, selectionStart: start, selectionEnd: end };
}

/**
 * Sets a value the way the user would have, so React's onChange sees it: through the
 * prototype's setter (React tracks the instance one) and a bubbling input/change event.
 */
function setValue(element: Editable, value: string): void {
  if (element.value === value) return;
  const proto = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function setCaret(element: Editable, start: number | null, end: number | null): void {
  if (element instanceof HTMLSelectElement || start === null || end === null) return;
  try {
    element.setSelectionRange(start, end);
  } catch {
    // No selection API for this input type.
  }
}

export function restoreSnapshot(snapshot: FieldSnapshot | null): void {
  if (!snapshot || !snapshot.element.isConnected) return;
  setValue(snapshot.element, snapshot.value);
  setCaret(snapshot.element, snapshot.selectionStart, snapshot.selectionEnd);
}

/** Types `text` into the field over its selection as it was in the snapshot. */
export function giveBack(snapshot: FieldSnapshot | null, text: string): void {
  if (!snapshot || !snapshot.element.isConnected || snapshot.element instanceof HTMLSelectElement) return;
  const { element, value } = snapshot;
  const start = snapshot.selectionStart ?? value.length;
  const end = snapshot.selectionEnd ?? value.length;
  setValue(element, value.slice(0, start) + text + value.slice(end));
  setCaret(element, start + text.length, start + text.length);
}
