import { z } from 'zod';
import { Id } from '../model';
import { proc } from '../proc';
import { TriageFilter } from '../triage/api';
import { ExportFormat, ExportLanguage } from './csv-layouts';
import { isTimeZone } from './local-time';

export { ExportFormat } from './csv-layouts';

export const ExportEncoding = z.enum(['utf8', 'cp932']);
export type ExportEncoding = z.infer<typeof ExportEncoding>;

export const CsvExport = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  rows: z.number().int(),
  encoding: ExportEncoding,
  /** Characters CP932 cannot hold, written as '?' (always 0 in UTF-8). */
  replaced: z.number().int(),
});
export type CsvExport = z.infer<typeof CsvExport>;

export const BundleFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  leads: z.number().int(),
  touches: z.number().int(),
});
export type BundleFile = z.infer<typeof BundleFile>;

export const BundleImportResult = z.object({
  event: z.enum(['created', 'matched']),
  leadsAdded: z.number().int(),
  leadsUpdated: z.number().int(),
  leadsUnchanged: z.number().int(),
  /** Leads of the bundle that were the same person as a lead here under another id, folded into one. */
  leadsMerged: z.number().int(),
  touchesAdded: z.number().int(),
  touchesSkipped: z.number().int(),
});
export type BundleImportResult = z.infer<typeof BundleImportResult>;

/**
 * A bundle file up to 192 MiB (256 MiB as base64). Card photos travel inside it (a phone photo is 2–8 MB,
 * a camera capture well under 1 MB); the whole file is held in memory several times over while
 * it is read, so the bound stays far below what a JavaScript string can hold (~512 MiB).
 */
export const BUNDLE_MAX_BYTES = 192 * 1024 * 1024;
const FileBase64 = z.string().min(1).max((BUNDLE_MAX_BYTES / 3) * 4);

// The hand-off procedures (CSV export, device bundles) join the contract here.
export const handoffApi = {
  'export.csv': proc(
    z.object({
      eventId: Id,
      /** The current selection; all of the event's leads when absent. */
      leadIds: z.array(Id).max(200_000).optional(),
      /** The list's search text, applied as in leads.list. */
      query: z.string().max(200).optional(),
      /**
       * The Triage table's filter ("everything matching"): the event's leads it matches now.
       * With leadIds or query too, a lead must satisfy all of them.
       */
      filter: TriageFilter.optional(),
      format: ExportFormat,
      encoding: ExportEncoding.default('utf8'),
      /** IANA zone for the local-time column and the file name; the device's when absent. */
      timeZone: z.string().max(100).refine(isTimeZone, 'Unknown time zone').optional(),
      /** Question labels and answers in this language; the UI language when absent (Japanese if none is set). */
      language: ExportLanguage.optional(),
    }),
    CsvExport,
  ),
  'bundle.export': proc(z.object({ eventId: Id }), BundleFile),
  'bundle.import': proc(z.object({ file: FileBase64 }), BundleImportResult),
};
