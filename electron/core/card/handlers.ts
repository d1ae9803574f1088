import { Buffer } from 'node:buffer';
import type { Handlers } from '../../../shared/api';
import { parseBadge } from '../../../shared/badge';
import { CARD_IMAGE_MIMES } from '../../../shared/card/api';
import { toCardLines } from '../../../shared/card/ocr-lines';
import { readCardText } from '../../../shared/card/parse';
import { withQr } from '../../../shared/card/qr';
import { AppError } from '../../../shared/errors';
import { PHOTO_MAX_BYTES, sniffPhotoMime } from '../../../shared/qualify/photo';
import { fileBytes } from '../file-bytes';
import type { CardOcr, Engine } from './ocr';

type CardHandlers = Pick<Handlers, 'card.read'>;

/** Why these bytes cannot be read as a card, checked before the OCR is started. */
function imageProblem(bytes: Uint8Array, mime: string): AppError | null {
  if (bytes.length === 0) return new AppError('card.empty', 'The image file is empty');
  if (bytes.length > PHOTO_MAX_BYTES) return new AppError('card.too_large', 'The image is larger than the limit');
  const sniffed = sniffPhotoMime(bytes);
  if (!(CARD_IMAGE_MIMES as readonly string[]).includes(mime) || sniffed !== mime) {
    return new AppError('card.unsupported_type', 'Only JPEG, PNG and WebP images are read, and the file must be what its type says', { mime });
  }
  return null;
}

/** Below this mean confidence (0–100) the LSTM's reading is compared with the legacy engine's. */
const RETRY_BELOW = 70;

/** One engine's reading: the OCR, the fields the rules find in it, and their summed confidence. */
async function read(ocr: CardOcr, image: Buffer, engine: Engine) {
  let result;
  try {
    result = await ocr.read(image, engine);
  } catch (err) {
    // Tesseract rejects with a bare string when Leptonica cannot decode the image.
    throw new AppError('card.unreadable', `The image could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fields = readCardText(toCardLines(result.lines));
  const score = Object.values(fields).reduce((sum, f) => sum + f.confidence, 0);
  return { result, fields, score };
}

export function cardHandlers(ocr: CardOcr): CardHandlers {
  return {
    'card.read': async ({ image, mime, qr }) => {
      const bytes = fileBytes(image);
      const problem = imageProblem(bytes, mime);
      if (problem) throw problem;
      // A duration, not a moment: measured, not taken from the injected clock.
      const started = performance.now();
      const photo = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const parsedQr = qr ? parseBadge(qr) : undefined;
      const badge = parsedQr?.ok ? parsedQr.badge : null;
      let best = await read(ocr, photo, 'lstm');
      if (best.result.confidence < RETRY_BELOW || (!best.fields.fullName && !best.fields.company)) {
        // A vertical card, or one the LSTM could not make out (no name, no company found, or
        // low confidence): the legacy engine's reading is
        // kept if the rules find more in it. Tesseract's own confidence cannot decide: the
        // legacy engine reads a horizontal card top to bottom as confidently as it reads a
        // vertical one.
        const other = await read(ocr, photo, 'legacy');
        if (other.score > best.score) best = other;
      }
      const fields = withQr(best.fields, badge);
      const result = best.result;
      return {
        fields,
        text: result.text.trim(),
        confidence: Math.max(0, Math.min(1, result.confidence / 100)),
        ms: Math.round(performance.now() - started),
      };
    },
  };
}
