import Papa from 'papaparse';
import { z } from 'zod';
import { AppError } from '../errors';
import { findHeader } from './columns';

export const ParsedCsv = z.object({
  headers: z.array(z.string()),
  /**
   * Records after the header (title lines above it are left out); blank lines are not
   * records. line: the 1-based line of the file where the record starts.
   */
  rows: z.array(z.object({ line: z.number().int().positive(), cells: z.array(z.string()) })),
});
export type ParsedCsv = z.infer<typeof ParsedCsv>;

/**
 * Splits roster text into a header and records. Each record keeps the line it starts on, so
 * a rejected row can be found in the organizer's file even after cells with line breaks.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: ParsedCsv['rows'] = [];
  let unclosedQuoteLine: number | undefined;
  const lineBreaksUntil = lineBreakCounter(text);
  let line = 1;

  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    // Papaparse reports, per record, the offset just past it, where the next record starts.
    step: (result) => {
      const cells = result.data;
      if (result.errors.some((e) => e.code === 'MissingQuotes')) unclosedQuoteLine = line;
      if (!isBlank(cells)) records.push({ line, cells });
      line += lineBreaksUntil(result.meta.cursor);
    },
  });

  // An unclosed quote swallows the rest of the file into one cell; importing that would
  // silently drop every later attendee.
  if (unclosedQuoteLine !== undefined) {
    throw new AppError('roster.csv_unclosed_quote', `A quoted cell starting on line ${unclosedQuoteLine} is never closed`, {
      line: unclosedQuoteLine,
    });
  }
  const start = findHeader(records);
  const header = records[start];
  if (!header) throw new AppError('roster.empty', 'The roster has no header row');
  return { headers: header.cells.map((cell) => cell.trim()), rows: records.slice(start + 1) };
}

const GUESS_SAMPLE_CHARS = 64 * 1024;

/**
 * Papaparse guesses from the first ten records, but counts blank lines (a trailing newline)
 * against the right delimiter unless told to skip them, and splits the whole input up to three
 * times while guessing. A blank-skipping guess on the head of the file avoids both. A file with
 * one column has no delimiter to find; papaparse then says ',' which is as good as any.
 */
function guessDelimiter(text: string): string {
  return Papa.parse<string[]>(text.slice(0, GUESS_SAMPLE_CHARS), {
    preview: 10,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', '\t', ';'],
  }).meta.delimiter;
}

function isBlank(cells: string[]): boolean {
  // A loop, not cells.every(callback): tsx names each closure it creates, once per record here.
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Counts line breaks as a text editor does: CRLF, LF and a lone CR each end one line (Excel
 * writes a bare LF inside a cell of a CRLF file). Each call counts from where the last one
 * stopped; the two search positions only move forward, so a whole file costs O(n), and
 * indexOf is several times faster than walking characters.
 */
function lineBreakCounter(text: string): (until: number) => number {
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  return (until) => {
    let breaks = 0;
    while (nextLf !== -1 && nextLf < until) {
      breaks++;
      nextLf = text.indexOf('\n', nextLf + 1);
    }
    while (nextCr !== -1 && nextCr < until) {
      if (text.charCodeAt(nextCr + 1) !== 0x0a) breaks++;
      nextCr = text.indexOf('\r', nextCr + 1);
    }
    return breaks;
  };
}
