import { z } from 'zod';

/**
 * Photos attached to a lead (a business card, say): which files are accepted, checked by
 * their first bytes as well as by the type the sender claims. Pure, so the renderer can refuse
 * a wrong file before sending it and the core refuses it again at the boundary.
 */

export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const PhotoMime = z.enum(PHOTO_MIMES);
export type PhotoMime = z.infer<typeof PhotoMime>;

/** A phone's full-resolution photo is 2–8 MB; 15 MB leaves room without letting a video in. */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * HEIF brands a HEIC photo is written under. iPhones write `heic` as the major brand; some
 * tools write the generic `mif1`/`msf1` and list `heic` further on, so those pass too. AVIF
 * (`avif`) is HEIF as well but not HEIC, and is refused.
 */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** The image type the bytes are, by their signature, or null when none of the accepted ones. */
export function sniffPhotoMime(bytes: Uint8Array): PhotoMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('ftyp'), 4) && bytes.length >= 12) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
  }
  return null;
}

export type PhotoProblem = 'photo.unsupported_type' | 'photo.too_large' | 'photo.empty';

/**
 * Why these bytes cannot be a lead's photo under this type, or null when they can. The claimed
 * type must be an accepted one and the bytes must be that type: a PDF renamed .jpg is refused.
 */
export function photoProblem(bytes: Uint8Array, mime: string): PhotoProblem | null {
  if (bytes.length === 0) return 'photo.empty';
  if (bytes.length > PHOTO_MAX_BYTES) return 'photo.too_large';
  if (!PhotoMime.safeParse(mime).success || sniffPhotoMime(bytes) !== mime) return 'photo.unsupported_type';
  return null;
}
