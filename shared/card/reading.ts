import { z } from 'zod';

/**
 * What a business card said, field by field, each with how sure the reading is. A card
 * carries more than a lead stores (mobile, fax, postal address, the name in romaji): those
 * still reach the person reviewing the card and go into the lead's notes (to-person.ts).
 */
export const CARD_FIELD_NAMES = [
  'fullName', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'nameLatin',
  'company', 'department', 'title', 'email', 'phone', 'mobile', 'fax', 'postalCode', 'address', 'url',
] as const;
export const CardFieldName = z.enum(CARD_FIELD_NAMES);
export type CardFieldName = z.infer<typeof CardFieldName>;

export const CardField = z.object({
  value: z.string(),
  /** 0–1: the OCR's own confidence in the line times how sure the rule that placed it is. */
  confidence: z.number().min(0).max(1),
  /** A QR code printed on the card wins over the text where both give a field. */
  source: z.enum(['text', 'qr']),
});
export type CardField = z.infer<typeof CardField>;

export const CardFields = z.partialRecord(CardFieldName, CardField);
export type CardFields = z.infer<typeof CardFields>;

/**
 * Below this a field is shown marked for a person to check. Chosen so that a clean, labelled
 * line read with the OCR's usual confidence (≥ 0.8) passes and a guessed or repaired one does not.
 */
export const LOW_CONFIDENCE = 0.6;

export const isLow = (field: CardField | undefined) => field !== undefined && field.confidence < LOW_CONFIDENCE;

/** One line of OCR text: its words joined (ocr-lines.ts), its confidence 0–1 and its height in pixels. */
export interface CardLine {
  text: string;
  confidence: number;
  /** Text height in pixels: the name is usually the largest line. 0 when unknown. */
  height: number;
}
