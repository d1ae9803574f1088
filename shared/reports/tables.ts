import { toCsv, type Cell } from '../handoff/csv-write';
import { t, type Lang, type MessageKey } from '../i18n';
import type { Localized } from '../qualify/form';
import { ratePercent } from './acceptance';
import type { Dashboard, Verdicts } from './api';
import { bandLabel } from './bands';
import { FUNNEL_STAGES } from './funnel';

/**
 * Each chart of the dashboard as a table in the reader's language: the chart draws it and the
 * CSV download is it, so the picture and the file can never disagree. The first column names
 * the category (a stage, an hour, a grade…); the others are the counted series.
 */

export const CHART_IDS = [
  'funnel', 'rejected_reasons', 'hours', 'staff', 'interest', 'grades', 'score_bands', 'seminar', 'accounts',
  'acceptance_grade', 'acceptance_band', 'acceptance_answer', 'acceptance_staff', 'acceptance_event',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** bar: one bar per row and numeric column; rate: acceptance (the last column is the rate in %). */
export type ChartKind = 'bar' | 'hours' | 'rate';

export interface ChartTable {
  id: ChartId;
  kind: ChartKind;
  title: string;
  columns: string[];
  rows: Cell[][];
}

const label = (lang: Lang, l: Localized | null, fallback: string) => l?.[lang] ?? fallback;

function rateRows<T extends Verdicts>(items: readonly T[], name: (item: T) => string): Cell[][] {
  return items.filter((i) => i.sal + i.rejected > 0).map((i) => [name(i), i.sal, i.rejected, ratePercent(i.rate)]);
}

/** Every chart of `d` as a table in `lang`, in the order the screen shows them. */
export function chartTables(d: Dashboard, lang: Lang): ChartTable[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const staff = (name: string | null) => name ?? tr('dashboard.no_staff');
  const rateColumns = (first: MessageKey) => [tr(first), tr('dashboard.col.sal'), tr('dashboard.col.rejected'), tr('dashboard.col.rate')];
  const table = (id: ChartId, kind: ChartKind, columns: string[], rows: Cell[][]): ChartTable => ({
    id, kind, title: tr(`dashboard.chart.${id}`), columns, rows,
  });
  const days = [...new Set(d.capturesByHour.map((h) => h.day))];
  const hours = d.capturesByHour.map((h) => h.hour);
  const first = hours.length > 0 ? Math.min(...hours) : 0;
  const last = hours.length > 0 ? Math.max(...hours) : -1;
  const hourRows: Cell[][] = [];
  for (let hour = first; hour <= last; hour++) {
    hourRows.push([
      tr('dashboard.hour', { hour: String(hour).padStart(2, '0') }),
      ...days.map((day) => d.capturesByHour.find((h) => h.day === day && h.hour === hour)?.captures ?? 0),
    ]);
  }
  const answerName = (a: Dashboard['acceptance']['byAnswer'][number]) =>
    tr('dashboard.answer', {
      question: label(lang, a.questionLabel, a.question),
      option: a.option === 'yes' || a.option === 'no' ? tr(`dashboard.${a.option}`) : label(lang, a.optionLabel, a.option),
    });

  return [
    table('funnel', 'bar', [tr('dashboard.col.stage'), tr('dashboard.col.people')],
      FUNNEL_STAGES.map((stage) => [tr(`dashboard.stage.${stage}`), d.funnel[stage]])),
    table('rejected_reasons', 'bar', [tr('dashboard.col.reason'), tr('dashboard.col.people')],
      d.rejectedByReason.map((r) => [r.reason === null ? tr('dashboard.no_reason') : label(lang, r.label, r.reason), r.people])),
    table('hours', 'hours', [tr('dashboard.col.hour'), ...days], hourRows),
    table('staff', 'bar', [tr('dashboard.col.staff'), tr('dashboard.col.people')], d.capturesByStaff.map((s) => [staff(s.staff), s.people])),
    table('interest', 'bar', [tr('dashboard.col.product'), tr('dashboard.col.people')],
      d.interest.map((i) => [label(lang, i.label, i.option), i.people])),
    table('grades', 'bar', [tr('dashboard.col.grade'), tr('dashboard.col.people')], d.grades.map((g) => [g.grade, g.people])),
    table('score_bands', 'bar', [tr('dashboard.col.band'), tr('dashboard.col.people')],
      d.scoreBands.map((b) => [bandLabel(b.band), b.people])),
    table('seminar', 'bar', [tr('dashboard.col.measure'), tr('dashboard.col.people')], [
      [tr('dashboard.seminar.registered'), d.seminar.registered],
      [tr('dashboard.seminar.attended'), d.seminar.attended],
      [tr('dashboard.seminar.walk_ins'), d.seminar.walkIns],
    ]),
    table('accounts', 'bar', [tr('dashboard.col.measure'), tr('dashboard.col.accounts')], [
      [tr('dashboard.accounts.reached'), d.accounts.reached],
      [tr('dashboard.accounts.target_reached'), d.accounts.targetReached],
      [tr('dashboard.accounts.targets'), d.accounts.targets],
    ]),
    table('acceptance_grade', 'rate', rateColumns('dashboard.col.grade'), rateRows(d.acceptance.byGrade, (g) => g.grade)),
    table('acceptance_band', 'rate', rateColumns('dashboard.col.band'), rateRows(d.acceptance.byScoreBand, (b) => bandLabel(b.band))),
    table('acceptance_answer', 'rate', rateColumns('dashboard.col.answer'), rateRows(d.acceptance.byAnswer, answerName)),
    table('acceptance_staff', 'rate', rateColumns('dashboard.col.staff'), rateRows(d.acceptance.byStaff, (s) => staff(s.staff))),
    table('acceptance_event', 'rate', rateColumns('dashboard.col.event'), rateRows(d.acceptance.byEvent, (e) => e.name)),
  ];
}

/**
 * A chart's table as a CSV file's text: a BOM first (Japanese Excel reads UTF-8 only with it),
 * CRLF line ends, and every cell a spreadsheet would run as a formula neutralized (a staff name
 * "=1+1" or an option label "@SUM" stays text).
 */
export function chartCsv(table: ChartTable): string {
  return `\ufeff${toCsv([table.columns, ...table.rows])}`;
}
