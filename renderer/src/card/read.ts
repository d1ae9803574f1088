import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { bytesToBase64 } from '../../../shared/base64';
import type { CardReading } from '../../../shared/card/api';
import type { CardNoteLabels } from '../../../shared/card/to-person';
import { t, type Lang } from '../../../shared/i18n';
import { call } from '../api/client';

/** The element html5-qrcode needs to decode a file: one hidden, always-present div (CardReader's). */
export const QR_SCRATCH_ID = 'card-qr-scratch';

/**
 * A QR code printed on the card (a vCard, say), decoded by the same library as the camera
 * scanner; the core lets its fields win over the OCR'd text. None found is the usual case.
 */
async function qrOf(blob: Blob): Promise<string | undefined> {
  const scanner = new Html5Qrcode(QR_SCRATCH_ID, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
  try {
    return await scanner.scanFile(new File([blob], 'card', { type: blob.type }), false);
  } catch {
    return undefined;
  } finally {
    scanner.clear();
  }
}

/** A card image read by the core's OCR (its QR code first, here). Throws the core's error. */
export async function readCardImage(blob: Blob): Promise<{ reading: CardReading; base64: string; mime: string }> {
  const base64 = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
  const mime = blob.type;
  const qr = await qrOf(blob);
  // None found here is said (null), so the core does not search the same pixels again.
  const reading = await call('card.read', { image: base64, mime, qr: qr ?? null });
  return { reading, base64, mime };
}

/** The note's labels in the screen's language. */
export const noteLabelsOf = (lang: Lang): CardNoteLabels => ({
  review: t(lang, 'meishi.note.review'),
  mobile: t(lang, 'meishi.note.mobile'),
  fax: t(lang, 'meishi.note.fax'),
  address: t(lang, 'meishi.note.address'),
  nameLatin: t(lang, 'meishi.note.name_latin'),
});
