import type { MessageKey } from '../../../shared/i18n';
import type { TriageSortColumn } from '../../../shared/triage/api';

/** One column of the Triage table: its header, the sort it stands for, and its width. */
export interface Column {
  sort: TriageSortColumn;
  label: MessageKey;
  width: string;
  /** Kept when the detail panel takes half the screen: what a person scans a row for. */
  essential: boolean;
}

export const COLUMNS: readonly Column[] = [
  { sort: 'name', label: 'triage.col.name', width: 'minmax(0, 1.3fr)', essential: true },
  { sort: 'company', label: 'triage.col.company', width: 'minmax(0, 1.3fr)', essential: true },
  { sort: 'title', label: 'triage.col.title', width: 'minmax(0, 1fr)', essential: false },
  { sort: 'event', label: 'triage.col.event', width: 'minmax(0, 1fr)', essential: false },
  { sort: 'status', label: 'triage.col.status', width: '5.5rem', essential: true },
  { sort: 'grade', label: 'triage.col.grade', width: '3.5rem', essential: true },
  { sort: 'score', label: 'triage.col.score', width: '3.5rem', essential: true },
  { sort: 'rating', label: 'triage.col.rating', width: '4.5rem', essential: false },
  { sort: 'owner', label: 'triage.col.owner', width: 'minmax(0, 1fr)', essential: true },
  { sort: 'capturedBy', label: 'triage.col.captured_by', width: 'minmax(0, 0.8fr)', essential: false },
  { sort: 'capturedAt', label: 'triage.col.captured_at', width: '8.5rem', essential: false },
  { sort: 'followUpDue', label: 'triage.col.follow_up', width: '8.5rem', essential: true },
];

/** The columns shown, and the grid that lays a row out (a box for the selection first). */
export function layout(compact: boolean): { columns: readonly Column[]; grid: string } {
  const columns = compact ? COLUMNS.filter((c) => c.essential) : COLUMNS;
  return { columns, grid: ['2rem', ...columns.map((c) => c.width)].join(' ') };
}
