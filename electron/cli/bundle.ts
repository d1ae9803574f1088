import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { BUNDLE_MAX_BYTES } from '../../shared/handoff/api';
import type { Call } from './export';
import { writePrivateFile } from './private-file';

/** The contract's bound (photos travel inside); a bigger file is refused before reading it. */
const MAX_BUNDLE_BYTES = BUNDLE_MAX_BYTES;

/** `leadbooth bundle export FILE --event ID` */
export async function bundleExport(call: Call, args: { eventId: string; out: string }) {
  const result = (await call('bundle.export', { eventId: args.eventId })) as Output<'bundle.export'>;
  writePrivateFile(args.out, Buffer.from(result.base64, 'base64'));
  return { file: path.resolve(args.out), leads: result.leads, touches: result.touches };
}

/** `leadbooth bundle import FILE`: prints what the merge did. */
export async function bundleImport(call: Call, file: string) {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new AppError('file.unreadable', `Cannot open ${file}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw new AppError('file.too_large', `${file} is larger than ${MAX_BUNDLE_BYTES} bytes`);
  const base64 = fs.readFileSync(file).toString('base64');
  return (await call('bundle.import', { file: base64 })) as Output<'bundle.import'>;
}
