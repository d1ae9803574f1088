import { foldKana } from '../../../shared/door/kana';
import type { Lead } from '../../../shared/model';
import type { MessageKey } from '../../../shared/i18n';
import { departmentAndTitle, displayKana, displayName } from '../app/format';

/** One row of the side-by-side view: a field's label, each lead's value, and whether they differ. */
export interface PairField {
  key: string;
  label: MessageKey;
  a: string;
  b: string;
  differs: boolean;
}

type Reader = (lead: Lead) => string | null;

const FIELDS: [string, MessageKey, Reader][] = [
  ['name', 'duplicates.field.name', displayName],
  ['kana', 'duplicates.field.kana', displayKana],
  ['company', 'duplicates.field.company', (l) => l.company],
  ['title', 'duplicates.field.title', departmentAndTitle],
  ['email', 'duplicates.field.email', (l) => l.email],
  ['phone', 'duplicates.field.phone', (l) => l.phone],
  ['notes', 'duplicates.field.notes', (l) => l.notes],
];

/**
 * The fields a person compares to decide "same person or not", as text. Differences that are
 * only width, case, spacing or kana script (ＴＡＲＯ＠… and taro@…, すずき and スズキ) are not
 * flagged: the rules ignore them too, and flagging them would hide the differences that matter.
 */
export function pairFields(a: Lead, b: Lead): PairField[] {
  const fold = (s: string) => foldKana(s).toLowerCase();
  return FIELDS.map(([key, label, read]) => {
    const va = read(a) ?? '';
    const vb = read(b) ?? '';
    return { key, label, a: va, b: vb, differs: fold(va) !== fold(vb) };
  });
}
