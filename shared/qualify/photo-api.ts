import { z } from 'zod';
import { Id, StaffName } from '../model';
import { proc } from '../proc';
import { PHOTO_MAX_BYTES, PhotoMime } from './photo';

/** A photo attached to a lead. The bytes are fetched on their own (photos.get). */
export const Photo = z.object({
  id: Id,
  leadId: Id,
  /** SHA-256 of the bytes, hex: the same picture added twice to a lead is one photo. */
  hash: z.string().regex(/^[0-9a-f]{64}$/u),
  mime: PhotoMime,
  /** Size in bytes. */
  bytes: z.number().int(),
  addedAt: z.iso.datetime(),
  addedBy: z.string().nullable(),
});
export type Photo = z.infer<typeof Photo>;

/**
 * Base64 of up to a bit more than the largest photo, so a slightly too large one is answered
 * `photo.too_large` by the core, not `api.invalid_input`.
 */
const PhotoBase64 = z.string().min(1).max(Math.ceil((PHOTO_MAX_BYTES + 5 * 1024 * 1024) / 3) * 4);

export const photoApi = {
  /**
   * Attaches a photo to a lead: one change to the lead with a 'photo' touch. The type is
   * checked against the bytes (`photo.unsupported_type`); the same bytes again are the same photo.
   */
  'photos.add': proc(
    z.object({ leadId: Id, file: PhotoBase64, mime: z.string().max(100), staff: StaffName.optional() }),
    Photo,
  ),
  /** The lead's photos, oldest first (the order they were taken in). */
  'photos.list': proc(z.object({ leadId: Id }), z.array(Photo)),
  'photos.get': proc(z.object({ id: Id }), z.object({ mime: PhotoMime, base64: z.string() })),
  /** Soft removal, with a 'photo' touch; answers the lead's photos that remain. */
  'photos.remove': proc(z.object({ id: Id, staff: StaffName.optional() }), z.array(Photo)),
};
