import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { photoProblem, type PhotoMime } from '../../shared/qualify/photo';
import type { CoreDeps } from './deps';
import { fileBytes } from './file-bytes';
import { photoFiles, photoFolderOf, type PhotoFiles, type StoredPhotoFile } from './photo-files';
import { photoStore, toPhoto, type PhotoRow } from './photo-store';
import type { SettingsStore } from './settings';
import { leadStore, type FullLeadRow } from './store/lead-store';
import type { LeadWriter } from './store/lead-writer';

type PhotoHandlers = Pick<Handlers, 'photos.add' | 'photos.list' | 'photos.get' | 'photos.remove'>;

const PROBLEM_MESSAGES = {
  'photo.empty': 'The photo file is empty',
  'photo.too_large': 'The photo is larger than the limit',
  'photo.unsupported_type': 'Only JPEG, PNG, WebP and HEIC photos are accepted, and the file must be what its type says',
} as const;

/**
 * The photo folder of this database, found on first use: the folder sits beside the database
 * file (the user-data folder in the app), and a core that never handles a photo needs none.
 */
export function photosOf(deps: CoreDeps): () => PhotoFiles {
  let files: PhotoFiles | undefined;
  return () => (files ??= photoFiles(photoFolderOf(deps.sqlite.name)));
}

/**
 * Photos attached to a lead (a business card, say). The bytes go to the photo folder first,
 * then the row and the lead's change commit in one transaction: a crash between the two leaves
 * an unreferenced file, which is harmless, never a row without its file.
 */
export function photoHandlers(deps: CoreDeps, settings: SettingsStore, writer: LeadWriter): PhotoHandlers {
  const leads = leadStore(deps.sqlite);
  const store = photoStore(deps.sqlite);
  const files = photosOf(deps);

  function getLead(id: string): FullLeadRow {
    const row = leads.get(id);
    if (!row) throw new AppError('lead.not_found', `No lead with id ${id}`);
    return row;
  }

  function livePhoto(id: string): PhotoRow {
    const row = store.get(id);
    if (!row || row.deletedAt !== null) throw new AppError('photo.not_found', `No photo with id ${id}`);
    return row;
  }

  const touchBy = (staff: string | undefined) => staff ?? settings.get().staffName;

  /** The same picture again is the photo the lead has (brought back if it was removed). */
  const attach = writer.transaction(
    (leadId: string, file: StoredPhotoFile, mime: PhotoMime, staff: string | null, now: number): PhotoRow => {
      const lead = getLead(leadId);
      const existing = store.byLeadHash(lead.id, file.hash);
      if (existing && existing.deletedAt === null) return existing;
      const state = { addedAt: now, addedBy: staff, deletedAt: null };
      const row: PhotoRow = existing
        ? { ...existing, ...state }
        : { id: deps.newId(), leadId: lead.id, hash: file.hash, mime, bytes: file.bytes, ...state };
      if (existing) store.setState(row.id, state);
      else store.insert(row);
      // A photo is a change to the lead: updated_at moves and the outbox hears of it.
      writer.change(
        lead,
        {},
        { kind: 'photo', staff, detail: { action: 'add', photoId: row.id, hash: row.hash, mime: row.mime, bytes: row.bytes } },
        now,
      );
      return row;
    },
  );

  const detach = writer.transaction((id: string, staff: string | null, now: number): PhotoRow[] => {
    const photo = livePhoto(id);
    store.setState(photo.id, { addedAt: photo.addedAt, addedBy: photo.addedBy, deletedAt: now });
    writer.change(
      getLead(photo.leadId),
      {},
      { kind: 'photo', staff, detail: { action: 'remove', photoId: photo.id, hash: photo.hash } },
      now,
    );
    return store.live(photo.leadId);
  });

  return {
    'photos.add': ({ leadId, file, mime, staff }) => {
      // Checked before the file is written, so a wrong id leaves no stray file behind.
      getLead(leadId);
      const bytes = fileBytes(file);
      const problem = photoProblem(bytes, mime);
      if (problem) throw new AppError(problem, PROBLEM_MESSAGES[problem], { mime });
      const stored = files().put(bytes);
      return toPhoto(attach(leadId, stored, mime as PhotoMime, touchBy(staff), deps.clock()));
    },
    'photos.list': ({ leadId }) => store.live(getLead(leadId).id).map(toPhoto),
    'photos.get': ({ id }) => {
      const photo = livePhoto(id);
      return { mime: photo.mime, base64: files().read(photo.hash).toString('base64') };
    },
    'photos.remove': ({ id, staff }) => detach(id, touchBy(staff), deps.clock()).map(toPhoto),
  };
}
