import { z } from 'zod';
import { AppError } from '../errors';
import { companyKey } from '../normalize/company';
import { cleanText } from '../normalize/text';
import { decodeRoster, headerKey, parseCsv, RosterEncoding } from '../roster';
import { domainOf } from './domain';

/**
 * A target-account list as marketing keeps it: a spreadsheet of company names, often with the
 * web domain and a tier, saved as CSV in UTF-8 or Shift_JIS. Decoded and split by the roster
 * importer (shared/roster); only the columns differ.
 */

export const TargetField = z.enum(['name', 'domain', 'tier']);
export type TargetField = z.infer<typeof TargetField>;

/** Header names seen in ABM lists and CRM exports, strongest first. */
const HEADER_NAMES: Record<TargetField, string[]> = {
  name: [
    '会社名', '企業名', '社名', '法人名', '会社', '取引先名', '取引先', 'アカウント名', '顧客名', '団体名',
    'Company', 'Company Name', 'Account', 'Account Name', 'Organization', 'Organisation', 'Name',
  ],
  domain: [
    'ドメイン', 'メールドメイン', 'Webサイト', 'ウェブサイト', 'ホームページ', 'URL', 'サイトURL', '会社URL',
    'Domain', 'Email Domain', 'Website', 'Web Site', 'Web',
  ],
  tier: ['ティア', 'Tier', 'ランク', 'Rank', 'ABMランク', '優先度', 'Priority', '重要度', 'ターゲット区分', '区分'],
};

const KNOWN: ReadonlyMap<string, { field: TargetField; rank: number }> = (() => {
  const known = new Map<string, { field: TargetField; rank: number }>();
  for (const field of TargetField.options) {
    HEADER_NAMES[field].forEach((name, rank) => {
      if (!known.has(headerKey(name))) known.set(headerKey(name), { field, rank });
    });
  }
  return known;
})();

export type TargetMapping = Partial<Record<TargetField, number>>;

/** The column each field comes from: the best-ranked header name, the leftmost between equals. */
export function suggestTargetMapping(headers: readonly string[]): TargetMapping {
  const best: Partial<Record<TargetField, { column: number; rank: number }>> = {};
  headers.forEach((header, column) => {
    const known = KNOWN.get(headerKey(header));
    if (!known) return;
    const current = best[known.field];
    if (!current || known.rank < current.rank) best[known.field] = { column, rank: known.rank };
  });
  const mapping: TargetMapping = {};
  for (const field of TargetField.options) if (best[field]) mapping[field] = best[field]!.column;
  return mapping;
}

export const TargetRow = z.object({
  /** target_accounts.key: companyKey(name), or `d:<domain>` for a row with only a domain. */
  key: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  tier: z.string().nullable(),
});
export type TargetRow = z.infer<typeof TargetRow>;

export const TargetRejected = z.object({ line: z.number().int(), reason: z.enum(['no_name_or_domain']) });

export const TargetsRead = z.object({
  encoding: RosterEncoding,
  headers: z.array(z.string()),
  mapping: z.object({ name: z.number().int().optional(), domain: z.number().int().optional(), tier: z.number().int().optional() }),
  rows: z.array(TargetRow),
  rejected: z.array(TargetRejected),
});
export type TargetsRead = z.infer<typeof TargetsRead>;

const HEADER_SEARCH = 10;

/** Reads a target-account list; a later row for the same company replaces the earlier one. */
export function readTargets(bytes: Uint8Array): TargetsRead {
  const { text, encoding } = decodeRoster(bytes);
  const parsed = parseCsv(text);
  // parseCsv finds a roster's header; a target list's may sit below a title line it does not know.
  const records = [{ line: 0, cells: parsed.headers }, ...parsed.rows];
  let start = records.findIndex((r, i) => i < HEADER_SEARCH && Object.keys(suggestTargetMapping(r.cells)).length > 0);
  if (start < 0) start = 0;
  const headers = records[start]!.cells.map((c) => c.trim());
  const mapping = suggestTargetMapping(headers);
  if (mapping.name === undefined && mapping.domain === undefined) {
    throw new AppError('targets.no_columns', 'No column holds a company name or a domain', { headers });
  }
  const byKey = new Map<string, TargetRow>();
  const rejected: TargetsRead['rejected'] = [];
  for (const record of records.slice(start + 1)) {
    const cell = (field: TargetField) => (mapping[field] === undefined ? undefined : record.cells[mapping[field]!]);
    const name = cleanText(cell('name')) ?? null;
    const domain = domainOf(cell('domain'));
    const key = companyKey(name) ?? (domain === null ? undefined : `d:${domain}`);
    if (key === undefined) {
      rejected.push({ line: record.line, reason: 'no_name_or_domain' });
      continue;
    }
    byKey.set(key, { key, name: name ?? domain!, domain, tier: cleanText(cell('tier')) ?? null });
  }
  return { encoding, headers, mapping, rows: [...byKey.values()], rejected };
}
