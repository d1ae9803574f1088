import { joinName } from '../lead/person';
import { z } from 'zod';
import { AppError } from '../errors';
import { FIELD_MAX, PersonFields } from '../model';
import { cleanEmail, cleanKana, cleanPhone, cleanText, looksLikeEmail } from '../normalize/text';
import { checkMapping, type RosterField, type RosterMapping } from './columns';
import type { ParsedCsv } from './parse';

/**
 * The person a roster row describes. The badge id sits beside it on the row, not inside;
 * the full kana name is kept because a roster often has only one フリガナ column and a
 * reading that does not split in two would otherwise be lost.
 */
export const RosterPerson = PersonFields.omit({ badgeId: true, url: true }).extend({
  fullNameKana: z.string().max(FIELD_MAX).optional(),
});
export type RosterPerson = z.infer<typeof RosterPerson>;

export const RosterRow = z.object({
  line: z.number().int().positive(),
  badgeId: z.string().min(1).max(FIELD_MAX),
  fields: RosterPerson,
  /** header → cell, exactly as in the file (empty, repeated and `__proto__` headers get a `#column` suffix). */
  raw: z.record(z.string(), z.string()),
});
export type RosterRow = z.infer<typeof RosterRow>;

export const RejectCode = z.enum([
  'roster.row_too_many_cells',
  'roster.row_field_too_long',
  'roster.row_badge_id_missing',
  'roster.row_badge_id_duplicate',
  'roster.row_email_invalid',
]);
export type RejectCode = z.infer<typeof RejectCode>;

/** A row the import leaves out, kept with its line so a person can fix it in the file. */
export const RejectedRow = z.object({
  line: z.number().int().positive(),
  code: RejectCode,
  detail: z.string().optional(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

type Cells = Partial<Record<RosterField, string>>;
class Rejection {
  constructor(
    readonly code: RejectCode,
    readonly detail?: string,
  ) {}
}

/**
 * Turns parsed records into roster rows. A row is rejected, never half-imported: a too-long
 * value is not cut, a bad email is not dropped. When a badge id repeats, the first row wins
 * and later ones are rejected even if the first was itself rejected for another reason, so a
 * row's outcome never depends on whether some other row happened to be valid.
 */
export function toRosterRows(
  parsed: ParsedCsv,
  mapping: RosterMapping,
): { rows: RosterRow[]; rejected: RejectedRow[] } {
  return rosterRowConverter(parsed.headers, mapping)(parsed.rows);
}

/**
 * The same, a slice of records at a time: a 100,000-row import converts and stores one
 * slice before the next, so only one slice of row objects is alive at once. Badge ids seen
 * in earlier slices still count as duplicates.
 */
export function rosterRowConverter(
  headers: string[],
  mapping: RosterMapping,
): (records: ParsedCsv['rows']) => { rows: RosterRow[]; rejected: RejectedRow[] } {
  checkMapping(mapping);
  if (mapping.length !== headers.length) {
    throw new AppError(
      'roster.mapping_column_count',
      `The mapping has ${mapping.length} columns but the file has ${headers.length}`,
      { mapping: mapping.length, headers: headers.length },
    );
  }
  const file: FileContext = { headers, mapping, keys: rawKeys(headers), firstLineOf: new Map<string, number>() };

  return (records) => {
    const rows: RosterRow[] = [];
    const rejected: RejectedRow[] = [];
    for (const { line, cells } of records) {
      const outcome = toRow(line, cells, file);
      if (outcome instanceof Rejection) {
        const { code, detail } = outcome;
        rejected.push(detail === undefined ? { line, code } : { line, code, detail });
      } else {
        rows.push(outcome);
      }
    }
    return { rows, rejected };
  };
}

type FileContext = {
  headers: string[];
  mapping: RosterMapping;
  /** Keys of `raw`, one per header. */
  keys: string[];
  /** Badge id → the line that claimed it first. */
  firstLineOf: Map<string, number>;
};

function toRow(line: number, cells: string[], file: FileContext): RosterRow | Rejection {
  const { headers, mapping, keys, firstLineOf } = file;
  // Fewer cells than headers is normal (some exporters drop trailing empties); more, with
  // something in them, means a missing quote shifted the columns and no value can be trusted.
  if (cells.length > headers.length && cells.slice(headers.length).some((cell) => cell.trim() !== '')) {
    return new Rejection('roster.row_too_many_cells', `${cells.length} cells for ${headers.length} columns`);
  }

  const mapped: Cells = {};
  for (let column = 0; column < mapping.length; column++) {
    const field = mapping[column];
    const cell = cells[column];
    if (field == null || cell === undefined) continue;
    if (exceedsFieldMax(cell)) {
      return new Rejection('roster.row_field_too_long', `${keys[column]}: over ${FIELD_MAX} characters`);
    }
    mapped[field] = cell;
  }

  const badgeId = cleanText(mapped.badgeId);
  if (!badgeId) return new Rejection('roster.row_badge_id_missing');
  const first = firstLineOf.get(badgeId);
  if (first !== undefined) {
    return new Rejection('roster.row_badge_id_duplicate', `${badgeId} first appears on line ${first}`);
  }
  firstLineOf.set(badgeId, line);

  const email = cleanEmail(mapped.email);
  if (email && !looksLikeEmail(email)) return new Rejection('roster.row_email_invalid', email);

  const fields = personFrom(mapped, email);
  // The cells were checked above; only a name joined from two of them can outgrow the limit.
  for (const joined of ['fullName', 'fullNameKana'] as const) {
    if ((fields[joined]?.length ?? 0) > FIELD_MAX) {
      return new Rejection('roster.row_field_too_long', `${joined}: over ${FIELD_MAX} characters`);
    }
  }
  return { line, badgeId, fields, raw: rawRecord(keys, cells) };
}

// NFKC turns one UTF-16 unit into at most 18 (U+FDFA), so a short cell cannot reach the cap.
const NFKC_MAX_GROWTH = 18;

/**
 * cleanText cuts values at FIELD_MAX without a word. A roster cell that long is a broken file,
 * so measure what cleanText would keep (the same folding, without the cut).
 */
function exceedsFieldMax(cell: string): boolean {
  if (cell.length * NFKC_MAX_GROWTH <= FIELD_MAX) return false;
  return cell.normalize('NFKC').replace(/[\s\u3000]+/gu, ' ').trim().length > FIELD_MAX;
}

/**
 * header → cell, by plain assignment: with the same keys in the same order every row's object
 * shares one shape, which Object.fromEntries does not give.
 */
function rawRecord(keys: string[], cells: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let column = 0; column < keys.length; column++) raw[keys[column]!] = cells[column] ?? '';
  return raw;
}

function personFrom(cells: Cells, email: string | undefined): RosterPerson {
  const name = completeName(cleanText(cells.fullName), cleanText(cells.familyName), cleanText(cells.givenName));
  const kana = completeKana(
    cleanKana(cells.fullNameKana),
    cleanKana(cells.familyNameKana),
    cleanKana(cells.givenNameKana),
  );
  const person: RosterPerson = {};
  const put = (field: keyof RosterPerson, value: string | undefined) => {
    if (value !== undefined) person[field] = value;
  };
  put('fullName', name.full);
  put('familyName', name.family);
  put('givenName', name.given);
  put('fullNameKana', kana.full);
  put('familyNameKana', kana.family);
  put('givenNameKana', kana.given);
  put('company', cleanText(cells.company));
  put('department', cleanText(cells.department));
  put('title', cleanText(cells.title));
  put('email', email);
  put('phone', cleanPhone(cells.phone));
  return person;
}

type NameParts = { full?: string; family?: string; given?: string };

// A name written only in ASCII letters is Western-order ("Jane Smith": given first); anything
// with kanji or kana is Japanese-order ("山田 太郎": family first). A mix ("Smith, ジェーン")
// is ambiguous and is left unsplit.
const LATIN_NAME_PART = /^[A-Za-z][A-Za-z.'-]*$/u;
const ASCII = /[\u0000-\u007f]/u;

function completeName(full?: string, family?: string, given?: string): NameParts {
  if (full && !family && !given) {
    const parts = full.split(' ');
    if (parts.length !== 2) return { full };
    const [first = '', second = ''] = parts;
    if (LATIN_NAME_PART.test(first) && LATIN_NAME_PART.test(second)) return { full, given: first, family: second };
    if (!ASCII.test(full.replace(' ', ''))) return { full, family: first, given: second };
    return { full };
  }
  if (!full && family && given) return { full: joinName(family, given), family, given };
  return { full: full ?? family ?? given, family, given };
}

/** Readings are always written family first, whatever the script of the name. */
function completeKana(full?: string, family?: string, given?: string): NameParts {
  if (full && !family && !given) {
    const parts = full.split(' ');
    return parts.length === 2 ? { full, family: parts[0], given: parts[1] } : { full };
  }
  if (!full && family && given) return { full: `${family} ${given}`, family, given };
  return { full: full ?? family ?? given, family, given };
}

/**
 * Keys for `raw`: the header itself, made unique when it is empty or repeated. A "__proto__"
 * header is renamed too: assigned as a key it would replace the object's prototype (here, and
 * again wherever the row is copied or parsed) instead of holding the cell.
 */
function rawKeys(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((header, column) => {
    let key = header === '' || header === '__proto__' ? `${header}#${column + 1}` : header;
    while (used.has(key)) key = `${key}#${column + 1}`;
    used.add(key);
    return key;
  });
}
