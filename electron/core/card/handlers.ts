import { Buffer } from 'node:buffer';
import type { Handlers } from '../../../shared/api';
import { parseBadge } from '../../../shared/badge';
import { CARD_IMAGE_MIMES } from '../../../shared/card/api';
import { fillChecked } from '../../../shared/card/merge';
import { toCardLines } from '../../../shared/card/ocr-lines';
import { readCardText } from '../../../shared/card/parse';
import { withQr } from '../../../shared/card/qr';
import { AppError } from '../../../shared/errors';
import { PHOTO_MAX_BYTES, sniffPhotoMime } from '../../../shared/qualify/photo';
import { fileBytes } from '../file-bytes';
import { preprocess, type PreprocessSteps } from '../../../shared/card/preprocess';
import { decodePixels, findQr, grayPng, type Pixels } from './image';
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

/**
 * What is done to a photo before the OCR reads it (shared/card/preprocess.ts). Chosen by
 * measurement on the test cards, clean and photographed-like (docs/BENCHMARKS.md, card):
 * see DEFAULT_PREPROCESS.
 */
export type { PreprocessSteps };

/** Every step off: what the comparison measures against. */
export const NO_PREPROCESS: PreprocessSteps = { crop: false, deskew: false, light: false };
/** Measured (docs/BENCHMARKS.md, card): all three steps, on photographs only. */
export const DEFAULT_PREPROCESS: PreprocessSteps = { crop: true, deskew: true, light: true, photosOnly: true };

/** The image the OCR reads: the photo itself, or its preprocessed grey version when a step is on and the photo is decodable here. */
function ocrImage(photo: Buffer, pixels: Pixels | null, steps: PreprocessSteps): Buffer {
  if (!pixels || !(steps.crop || steps.deskew || steps.light)) return photo;
  const done = preprocess(pixels.data, pixels.width, pixels.height, steps);
  // A scan (no card found inside a larger photo) is read exactly as it came.
  return steps.photosOnly && !done.cropped ? photo : grayPng(done.gray);
}

export function cardHandlers(ocr: CardOcr, steps: PreprocessSteps = DEFAULT_PREPROCESS): CardHandlers {
  return {
    'card.read': async ({ image, mime, qr }) => {
      const bytes = fileBytes(image);
      const problem = imageProblem(bytes, mime);
      if (problem) throw problem;
      // A duration, not a moment: measured, not taken from the injected clock.
      const started = performance.now();
      const photo = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const pixels = decodePixels(bytes, mime);
      // A QR code the caller found is used as given; one the caller looked for in vain (null) is
      // not looked for again; else it is looked for here (the CLI sends none).
      const qrText = qr === null ? undefined : (qr ?? (pixels ? findQr(pixels) : undefined));
      const parsedQr = qrText ? parseBadge(qrText) : undefined;
      const badge = parsedQr?.ok ? parsedQr.badge : null;
      const forOcr = ocrImage(photo, pixels, steps);
      let best = await read(ocr, forOcr, 'lstm');
      if (best.result.confidence < RETRY_BELOW || (!best.fields.fullName && !best.fields.company)) {
        // A vertical card, or one the LSTM could not make out (no name, no company found, or
        // low confidence): the legacy engine's reading is
        // kept if the rules find more in it. Tesseract's own confidence cannot decide: the
        // legacy engine reads a horizontal card top to bottom as confidently as it reads a
        // vertical one.
        const other = await read(ocr, forOcr, 'legacy');
        const [winner, loser] = other.score > best.score ? [other, best] : [best, other];
        best = { ...winner, fields: fillChecked(winner.fields, loser.fields) };
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
