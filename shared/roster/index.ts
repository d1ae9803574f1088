import { z } from 'zod';
import { RosterMapping, suggestMapping } from './columns';
import { decodeRoster, RosterEncoding } from './decode';
import { parseCsv } from './parse';
import { RejectedRow, RosterRow, toRosterRows } from './rows';

export * from './columns';
export * from './decode';
export * from './parse';
export * from './rows';

export const RosterRead = z.object({
  encoding: RosterEncoding,
  headers: z.array(z.string()),
  mapping: RosterMapping,
  rows: z.array(RosterRow),
  rejected: z.array(RejectedRow),
});
export type RosterRead = z.infer<typeof RosterRead>;

export const RosterPreview = z.object({
  encoding: RosterEncoding,
  headers: z.array(z.string()),
  mapping: RosterMapping,
  sample: z.array(z.array(z.string())),
  rowCount: z.number().int().nonnegative(),
});
export type RosterPreview = z.infer<typeof RosterPreview>;

/**
 * Everything the import needs from an organizer's file. Without a mapping the suggested one
 * is used; either way toRosterRows refuses a mapping without a badge id column.
 */
export function readRoster(bytes: Uint8Array, mapping?: RosterMapping): RosterRead {
  const { text, encoding } = decodeRoster(bytes);
  const parsed = parseCsv(text);
  const used = mapping ?? suggestMapping(parsed.headers);
  const { rows, rejected } = toRosterRows(parsed, used);
  return { encoding, headers: parsed.headers, mapping: used, rows, rejected };
}

/** What the mapping screen shows: the suggested mapping and the first rows as they are. */
export function previewRoster(bytes: Uint8Array, sampleSize = 5): RosterPreview {
  const { text, encoding } = decodeRoster(bytes);
  const { headers, rows } = parseCsv(text);
  return {
    encoding,
    headers,
    mapping: suggestMapping(headers),
    sample: rows.slice(0, sampleSize).map((row) => row.cells),
    rowCount: rows.length,
  };
}
