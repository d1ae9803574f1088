/**
 * CSV text as spreadsheets read it: RFC 4180 quoting, CRLF line ends, and every cell that a
 * spreadsheet would run as a formula neutralized.
 */

// Excel, LibreOffice and Google Sheets start a formula at `=`, `+`, `-` or `@`, and also after
// leading blanks (" =1+1"); a leading tab or CR is OWASP's other two trigger characters. The
// check looks past any leading whitespace, full-width space included.
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/u;

/**
 * Prefixes a `'` to a cell a spreadsheet would evaluate (`=HYPERLINK(...)`, `@SUM(...)`).
 * Honest data is caught too, on purpose: a phone number like `+81-3-1234-5678` or `-123` would be
 * read as arithmetic (`=+81-3-…` is a negative number) and lose its text, so it gets the prefix
 * like any formula; the export never fails on it.
 */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\r\n]/u;

export function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

export type Cell = string | number | boolean | null | undefined;

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

/** Rows → CSV text, one CRLF after every record (the last one included). */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  let out = '';
  for (const row of rows) {
    out += row.map((cell) => quoteCell(neutralizeCell(cellText(cell)))).join(',');
    out += '\r\n';
  }
  return out;
}
