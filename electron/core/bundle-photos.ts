import { AppError } from '../../shared/errors';
import type { BundlePhoto } from '../../shared/handoff/bundle';
import { photoProblem } from '../../shared/qualify/photo';
import { iso } from '../../shared/time';
import type { CoreDeps } from './deps';
import { fileBytes } from './file-bytes';
import { photosOf } from './photos';
import { photoStore, type PhotoRow } from './photo-store';
import type { FullLeadRow } from './store/lead-store';

/**
 * Card photos in a device bundle: the bytes travel base64 beside the rows, so the other laptop
 * can show them. On import the files are written before the transaction (a file nobody points
 * at is harmless, a row without its file is not), then the rows join the import's transaction.
 */
export function bundlePhotos(deps: CoreDeps) {
  const store = photoStore(deps.sqlite);
  const files = photosOf(deps);

  /** The event's photos, removed ones as their removal only. */
  function exportPhotos(eventId: string): BundlePhoto[] {
    const out: BundlePhoto[] = [];
    for (const row of store.ofEvent(eventId)) {
      let base64: string | null = null;
      if (row.deletedAt === null) {
        // A photo whose file was lost (deleted by hand, a restored backup) must not keep the
        // leads themselves from reaching the other laptop: it stays behind.
        if (!files().has(row.hash)) continue;
        base64 = files().read(row.hash).toString('base64');
      }
      out.push({
        id: row.id,
        leadId: row.leadId,
        hash: row.hash,
        mime: row.mime,
        bytes: row.bytes,
        addedAt: iso(row.addedAt),
        addedBy: row.addedBy,
        deletedAt: row.deletedAt === null ? null : iso(row.deletedAt),
        base64,
      });
    }
    return out;
  }

  /**
   * Checks every photo's bytes against its hash, size and type, and stores them: before the
   * import's transaction, and all of them before any row is written, so a damaged photo refuses
   * the bundle as a whole (`bundle.invalid`) like any other damage.
   */
  function storeFiles(photos: readonly BundlePhoto[]): void {
    for (const [i, photo] of photos.entries()) {
      if (photo.base64 === null) continue;
      const bytes = fileBytes(photo.base64);
      const problem = photoProblem(bytes, photo.mime);
      if (problem || bytes.length !== photo.bytes) {
        throw new AppError('bundle.invalid', `The bundle is damaged: photos.${i}: ${problem ?? 'size differs'}`);
      }
      const stored = files().put(bytes);
      if (stored.hash !== photo.hash) {
        throw new AppError('bundle.invalid', `The bundle is damaged: photos.${i}: the bytes do not match the hash`);
      }
    }
  }

  /**
   * The bundle's photos onto the leads they ended up in here (`leadOf` follows merges; a lead
   * deleted here keeps none). One picture is one row per lead, whatever its id on the other
   * laptop; of two states of it the newer wins, so a removal travels and so does adding it back.
   * Runs inside the import's transaction. Answers how many photos were added or changed.
   */
  function importPhotos(photos: readonly BundlePhoto[], leadOf: (id: string) => FullLeadRow | undefined): number {
    let changed = 0;
    for (const photo of photos) {
      const lead = leadOf(photo.leadId);
      if (!lead) continue;
      const incoming = {
        addedAt: Date.parse(photo.addedAt),
        addedBy: photo.addedBy,
        deletedAt: photo.deletedAt === null ? null : Date.parse(photo.deletedAt),
      };
      const local = store.byLeadHash(lead.id, photo.hash);
      if (!local) {
        // Never had it: a removal of it has nothing to remove.
        if (incoming.deletedAt !== null) continue;
        const row: PhotoRow = {
          // The other laptop's id, unless a row here has it already (a picture the surviving lead
          // had too when two records were folded into one).
          id: store.get(photo.id) ? deps.newId() : photo.id,
          leadId: lead.id,
          hash: photo.hash,
          mime: photo.mime,
          bytes: photo.bytes,
          ...incoming,
        };
        store.insert(row);
        changed++;
        continue;
      }
      const last = (state: Pick<PhotoRow, 'addedAt' | 'deletedAt'>) => state.deletedAt ?? state.addedAt;
      const flips = (incoming.deletedAt === null) !== (local.deletedAt === null);
      if (flips && last(incoming) > last(local)) {
        store.setState(local.id, incoming);
        changed++;
      }
    }
    return changed;
  }

  return { exportPhotos, storeFiles, importPhotos, move: store.move };
}
