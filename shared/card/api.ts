import { z } from 'zod';
import { proc } from '../proc';
import { PHOTO_MAX_BYTES } from '../qualify/photo';
import { CardFields } from './reading';

/** Image types the OCR reads. HEIC is a lead's photo type too, but Tesseract cannot decode it. */
export const CARD_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Base64 of a photo up to a bit over the photo limit, so a too-large one is answered `card.too_large` and an empty one `card.empty`. */
const ImageBase64 = z.string().max(Math.ceil((PHOTO_MAX_BYTES + 5 * 1024 * 1024) / 3) * 4);

export const CardReading = z.object({
  fields: CardFields,
  /** The OCR's text, line by line, as read (before any repair): for a person to compare. */
  text: z.string(),
  /** The OCR's mean confidence over the card, 0–1. */
  confidence: z.number().min(0).max(1),
  /** How long the OCR took, in milliseconds. */
  ms: z.number(),
});
export type CardReading = z.infer<typeof CardReading>;

export const cardApi = {
  /**
   * Reads a business-card photo on this machine (Tesseract, Japanese and English, no network)
   * into fields with confidences. `qr` is a QR code's payload found on the same card by the
   * caller's scanner: its fields win over the text. Null: the caller looked and found none, so
   * the core does not look again; absent (the CLI): the core looks for one itself. Errors: `card.empty`, `card.too_large`,
   * `card.unsupported_type` (not a JPEG, PNG or WebP, or not what its type says), `card.unreadable`.
   */
  'card.read': proc(
    z.object({ image: ImageBase64, mime: z.string().max(100), qr: z.string().max(8192).nullable().optional() }),
    CardReading,
  ),
};
