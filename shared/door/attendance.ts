import type { Cell } from '../handoff/csv-write';
import { localDateTime } from '../handoff/local-time';

/** One roster import: the file's header row. */
export interface AttendanceImport {
  id: number;
  headers: readonly string[];
}

export interface AttendanceEntry {
  importId: number | null;
  /** The organizer's row as stored: a JSON array of cells, or (before imports kept headers) a header → cell object. */
  raw: string;
  checkedInAt: number | null;
  checkedInBy: string | null;
}

export interface AttendanceLabels {
  checkedInAt: string;
  checkedInBy: string;
}

/**
 * The attendance sheet: the organizer's own columns, as their file had them, then when each
 * person was checked in and by whom. Re-imports may have added or reordered columns, so the
 * columns are every header seen, in the order first seen; a header repeated within one file
 * ("備考", "備考") stays two columns.
 */
export function attendanceRows(
  imports: readonly AttendanceImport[],
  entries: Iterable<AttendanceEntry>,
  ctx: { timeZone: string; labels: AttendanceLabels },
): Cell[][] {
  const columns: string[] = [];
  const columnOf = new Map<string, number>();
  const slotsByImport = new Map<number, number[]>();
  const slot = (header: string, occurrence: number) => {
    const key = `${occurrence}\u0000${header}`;
    let at = columnOf.get(key);
    if (at === undefined) {
      at = columns.length;
      columns.push(header);
      columnOf.set(key, at);
    }
    return at;
  };
  const slotsFor = (headers: readonly string[]) => {
    const seen = new Map<string, number>();
    return headers.map((header) => {
      const occurrence = seen.get(header) ?? 0;
      seen.set(header, occurrence + 1);
      return slot(header, occurrence);
    });
  };
  for (const imp of imports) slotsByImport.set(imp.id, slotsFor(imp.headers));

  const body: { cells: Cell[]; entry: AttendanceEntry }[] = [];
  for (const entry of entries) {
    const cells: Cell[] = [];
    const raw = JSON.parse(entry.raw) as unknown;
    if (Array.isArray(raw)) {
      const slots = entry.importId === null ? undefined : slotsByImport.get(entry.importId);
      raw.forEach((cell, i) => {
        const at = slots?.[i];
        if (at !== undefined) cells[at] = cellOf(cell);
      });
    } else if (raw && typeof raw === 'object') {
      for (const [header, cell] of Object.entries(raw)) cells[slot(header, 0)] = cellOf(cell);
    }
    body.push({ cells, entry });
  }

  const width = columns.length;
  const rows: Cell[][] = [[...columns, ctx.labels.checkedInAt, ctx.labels.checkedInBy]];
  for (const { cells, entry } of body) {
    const row = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    row.push(entry.checkedInAt === null ? '' : localDateTime(entry.checkedInAt, ctx.timeZone), entry.checkedInBy ?? '');
    rows.push(row);
  }
  return rows;
}

const cellOf = (value: unknown): Cell => (typeof value === 'string' || typeof value === 'number' ? value : '');
