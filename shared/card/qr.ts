import type { ParsedBadge, PersonFields } from '../model';
import type { CardFieldName, CardFields } from './reading';

const FROM_BADGE: readonly (keyof PersonFields & CardFieldName)[] = [
  'fullName', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'department', 'title',
  'email', 'phone', 'url',
];

/**
 * A QR code printed on the card (a vCard or MeCard, parsed by shared/badge) was written by a
 * machine from the person's own data: where it gives a field, it wins over the OCR'd text.
 */
export function withQr(fields: CardFields, badge: ParsedBadge | null): CardFields {
  if (!badge) return fields;
  const out: CardFields = { ...fields };
  for (const name of FROM_BADGE) {
    const value = badge[name]?.trim();
    if (value) out[name] = { value, confidence: 1, source: 'qr' };
  }
  return out;
}
