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
  /**
   * The row's cells exactly as in the file, one per header (missing trailing cells as ''); the
   * headers are stored once per import.
   */
  raw: z.array(z.string()),
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
  const labels = headers.map((header, column) => header || `#${column + 1}`);
  const columnOf: Partial<Record<RosterField, number>> = {};
  const mappedColumns: number[] = [];
  mapping.forEach((field, column) => {
    if (field == null) return;
    columnOf[field] = column;
    mappedColumns.push(column);
  });
  const file: FileContext = { width: headers.length, labels, columnOf, mappedColumns, firstLineOf: new Map() };

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
  width: number;
  /** Each column's header, for messages (`#3` for an empty one). */
  labels: string[];
  /** The column each mapped field reads, and every mapped column in file order. */
  columnOf: Partial<Record<RosterField, number>>;
  mappedColumns: number[];
  /** Badge id → the line that claimed it first. */
  firstLineOf: Map<string, number>;
};

function toRow(line: number, cells: string[], file: FileContext): RosterRow | Rejection {
  const { width, labels, columnOf, mappedColumns, firstLineOf } = file;
  // Fewer cells than headers is normal (some exporters drop trailing empties); more, with
  // something in them, means a missing quote shifted the columns and no value can be trusted.
  if (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== '')) {
    return new Rejection('roster.row_too_many_cells', `${cells.length} cells for ${width} columns`);
  }
  for (const column of mappedColumns) {
    const cell = cells[column];
    if (cell !== undefined && exceedsFieldMax(cell)) {
      return new Rejection('roster.row_field_too_long', `${labels[column]}: over ${FIELD_MAX} characters`);
    }
  }
  const badgeId = cleanText(cellAt(cells, columnOf.badgeId));
  if (!badgeId) return new Rejection('roster.row_badge_id_missing');
  const first = firstLineOf.get(badgeId);
  if (first !== undefined) {
    return new Rejection('roster.row_badge_id_duplicate', `${badgeId} first appears on line ${first}`);
  }
  firstLineOf.set(badgeId, line);

  const email = cleanEmail(cellAt(cells, columnOf.email));
  if (email && !looksLikeEmail(email)) return new Rejection('roster.row_email_invalid', email);

  const fields = personFrom(cells, columnOf, email);
  // The cells were checked above; only a name joined from two of them can outgrow the limit.
  if ((fields.fullName?.length ?? 0) > FIELD_MAX) {
    return new Rejection('roster.row_field_too_long', `fullName: over ${FIELD_MAX} characters`);
  }
  if ((fields.fullNameKana?.length ?? 0) > FIELD_MAX) {
    return new Rejection('roster.row_field_too_long', `fullNameKana: over ${FIELD_MAX} characters`);
  }
  return { line, badgeId, fields, raw: atWidth(cells, width) };
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

/** Missing trailing cells as '' (some exporters drop them); extra ones were checked to be empty. */
function atWidth(cells: string[], width: number): string[] {
  if (cells.length === width) return cells;
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

// A function, not a closure made per row: tsx (esbuild keepNames) names every closure it
// creates, and 100,000 of those showed up in the import's profile.
function cellAt(cells: string[], column: number | undefined): string | undefined {
  return column === undefined ? undefined : cells[column];
}

function personFrom(
  cells: string[],
  columnOf: FileContext['columnOf'],
  email: string | undefined,
): RosterPerson {
  const name = completeName(
    cleanText(cellAt(cells, columnOf.fullName)),
    cleanText(cellAt(cells, columnOf.familyName)),
    cleanText(cellAt(cells, columnOf.givenName)),
  );
  const kana = completeKana(
    cleanKana(cellAt(cells, columnOf.fullNameKana)),
    cleanKana(cellAt(cells, columnOf.familyNameKana)),
    cleanKana(cellAt(cells, columnOf.givenNameKana)),
  );
  const company = cleanText(cellAt(cells, columnOf.company));
  const department = cleanText(cellAt(cells, columnOf.department));
  const title = cleanText(cellAt(cells, columnOf.title));
  const phone = cleanPhone(cellAt(cells, columnOf.phone));
  const person: RosterPerson = {};
  if (name.full !== undefined) person.fullName = name.full;
  if (name.family !== undefined) person.familyName = name.family;
  if (name.given !== undefined) person.givenName = name.given;
  if (kana.full !== undefined) person.fullNameKana = kana.full;
  if (kana.family !== undefined) person.familyNameKana = kana.family;
  if (kana.given !== undefined) person.givenNameKana = kana.given;
  if (company !== undefined) person.company = company;
  if (department !== undefined) person.department = department;
  if (title !== undefined) person.title = title;
  if (email !== undefined) person.email = email;
  if (phone !== undefined) person.phone = phone;
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
    const halves = twoParts(full);
    if (!halves) return { full };
    const [first, second] = halves;
    if (LATIN_NAME_PART.test(first) && LATIN_NAME_PART.test(second)) return { full, given: first, family: second };
    if (!ASCII.test(first) && !ASCII.test(second)) return { full, family: first, given: second };
    return { full };
  }
  if (!full && family && given) return { full: joinName(family, given), family, given };
  return { full: full ?? family ?? given, family, given };
}

/** full.split(' ') when that gives exactly two parts (cleanText leaves no empty ones), else undefined. */
function twoParts(full: string): [string, string] | undefined {
  const space = full.indexOf(' ');
  if (space === -1 || full.indexOf(' ', space + 1) !== -1) return undefined;
  return [full.slice(0, space), full.slice(space + 1)];
}

/** Readings are always written family first, whatever the script of the name. */
function completeKana(full?: string, family?: string, given?: string): NameParts {
  if (full && !family && !given) {
    const halves = twoParts(full);
    return halves ? { full, family: halves[0], given: halves[1] } : { full };
  }
  if (!full && family && given) return { full: `${family} ${given}`, family, given };
  return { full: full ?? family ?? given, family, given };
}
