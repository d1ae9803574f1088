import { isLow, type CardFieldName, type CardFields } from './reading';

/** Fields a pattern found and checked (a phone number against its ranges, an email's shape): true whichever reading found them. */
const CHECKED: readonly CardFieldName[] = ['email', 'phone', 'mobile', 'fax', 'postalCode', 'url'];

/**
 * The better of two readings of one card (two OCR engines), with the checked fields only the
 * other one found. On a vertical card the legacy engine reads the name and company but drops
 * the column of upright digits that the LSTM reads (as 0 ③ ④ …): the phone comes from there.
 * A field the other reading was unsure of is not taken; nothing the better one found is replaced.
 */
export function fillChecked(best: CardFields, other: CardFields): CardFields {
  const out: CardFields = { ...best };
  for (const name of CHECKED) {
    const field = other[name];
    if (!out[name] && field && !isLow(field)) out[name] = field;
  }
  return out;
}
