import type { Lead, PersonFields } from '../../../shared/model';

/** The fields a person can correct after a CRM refused the lead, in form order. */
export const EDITABLE_FIELDS = [
  'familyName', 'givenName', 'fullName', 'familyNameKana', 'givenNameKana',
  'company', 'department', 'title', 'email', 'phone', 'url',
] as const satisfies readonly (keyof PersonFields)[];

type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface Correction {
  fields: PersonFields;
  clear: EditableField[];
}

/**
 * What `leads.update` needs from an edit form: only the fields the person changed, a field
 * emptied becomes a `clear` (an empty string is not a value); null when nothing changed.
 */
export function correction(lead: Pick<Lead, EditableField>, values: Partial<Record<EditableField, string>>): Correction | null {
  const fields: PersonFields = {};
  const clear: EditableField[] = [];
  for (const field of EDITABLE_FIELDS) {
    const value = values[field]?.trim();
    if (value === undefined) continue;
    const before = lead[field] ?? '';
    if (value === before) continue;
    if (value === '') clear.push(field);
    else fields[field] = value;
  }
  return Object.keys(fields).length || clear.length ? { fields, clear } : null;
}
