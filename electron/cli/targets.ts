import fs from 'node:fs';
import type { Output } from '../../shared/api';
import { bytesToBase64 } from '../../shared/base64';
import type { Call } from './export';

/**
 * `leadbooth targets import FILE`: replaces the target-account list from a CSV (UTF-8 or
 * Shift_JIS; company name, domain and tier columns found by their headers) and re-scores the
 * leads it marks or unmarks. Rejected rows go to stderr, one JSON line each.
 */
export async function targetsImport(call: Call, file: string, err: (line: string) => void) {
  const result = (await call('targets.import', { file: bytesToBase64(fs.readFileSync(file)) })) as Output<'targets.import'>;
  for (const row of result.rejected) err(JSON.stringify(row));
  return { imported: result.imported, rejected: result.rejectedCount, rescored: result.rescored, encoding: result.encoding };
}
