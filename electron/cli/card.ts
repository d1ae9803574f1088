import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/api';
import { isLow, type CardFields } from '../../shared/card/reading';
import { cardToPerson, type CardNoteLabels } from '../../shared/card/to-person';
import { AppError } from '../../shared/errors';
import { t, type Lang } from '../../shared/i18n';
import { sniffPhotoMime } from '../../shared/qualify/photo';
import { closeCardOcr } from '../core/card/ocr';
import type { Call } from './export';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);

function imageFile(file: string): { base64: string; mime: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new AppError('card.file_unreadable', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The type is what the bytes are; the core checks it again and refuses anything else with a code.
  return { base64: bytes.toString('base64'), mime: sniffPhotoMime(bytes) ?? 'application/octet-stream' };
}

/** One line per field: name, value, confidence, and a mark on the ones to check. */
function fieldLines(fields: CardFields): string[] {
  return Object.entries(fields).map(([name, field]) =>
    `${name.padEnd(15)} ${field.value}  (${field.confidence.toFixed(2)}${field.source === 'qr' ? ', QR' : ''})${isLow(field) ? '  ← check' : ''}`,
  );
}

/** `leadbooth card read IMAGE [--json]` */
export async function cardRead(call: Call, file: string, json: boolean, out: (line: string) => void): Promise<void> {
  try {
    const { base64, mime } = imageFile(file);
    const reading = (await call('card.read', { image: base64, mime })) as Output<'card.read'>;
    if (json) out(JSON.stringify(reading));
    else for (const line of fieldLines(reading.fields)) out(line);
  } finally {
    await closeCardOcr();
  }
}

export const noteLabels = (lang: Lang): CardNoteLabels => ({
  review: t(lang, 'meishi.note.review'),
  mobile: t(lang, 'meishi.note.mobile'),
  fax: t(lang, 'meishi.note.fax'),
  address: t(lang, 'meishi.note.address'),
  nameLatin: t(lang, 'meishi.note.name_latin'),
});

export interface CardImportArgs {
  dir: string;
  eventId: string;
  staff?: string | undefined;
  lang: Lang;
}

/**
 * `leadbooth card import DIR --event ID`: every image in the folder is read and stored as a
 * lead through manual capture (the one write path, with its rescan rules: the same email is
 * the same lead), its note saying it came from a card and which fields to check, and the
 * image attached as the lead's photo. A card that cannot be read is reported and skipped.
 * Answers the counts; each card's outcome is printed as it is stored.
 */
export async function cardImport(call: Call, args: CardImportArgs, out: (value: unknown) => void) {
  let names: string[];
  try {
    names = fs.readdirSync(args.dir).filter((n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase())).sort();
  } catch (err) {
    throw new AppError('card.folder_unreadable', `Cannot read the folder ${args.dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const counts = { new: 0, merged: 0, failed: 0 };
  const labels = noteLabels(args.lang);
  try {
    for (const name of names) {
      const file = path.join(args.dir, name);
      try {
        const { base64, mime } = imageFile(file);
        const reading = (await call('card.read', { image: base64, mime })) as Output<'card.read'>;
        const { fields, notes } = cardToPerson(reading.fields, labels);
        const captured = (await call('capture.manual', { eventId: args.eventId, fields, notes, staff: args.staff })) as Output<'capture.manual'>;
        await call('photos.add', { leadId: captured.lead.id, file: base64, mime, staff: args.staff });
        counts[captured.merged ? 'merged' : 'new']++;
        const check = Object.entries(reading.fields).filter(([, f]) => isLow(f)).map(([n]) => n);
        out({ file: name, id: captured.lead.id, merged: captured.merged, check });
      } catch (err) {
        counts.failed++;
        const code = err instanceof AppError ? err.code : (err as { code?: string }).code ?? 'internal';
        out({ file: name, error: { code, message: err instanceof Error ? err.message : String(err) } });
      }
    }
  } finally {
    await closeCardOcr();
  }
  return counts;
}
