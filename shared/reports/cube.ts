import { foldInterest } from './answers';
import { SCORE_BANDS } from './bands';
import { ACCEPTED, HANDED_TO_SALES, REJECTED } from './funnel';
import type { LeadStatus } from '../triage/status';
import type { Grade } from '../triage/grade';

/**
 * One event's leads counted in one pass: SQL groups them by status, staff, rejection reason,
 * grade and answer to the products question (the order of the dashboard's index, so it streams
 * without sorting) and sums the score bands, the qualified and the walk-ins in each group.
 * Every chart of the event but the hours, the accounts and the acceptance by answer is a sum
 * over these few thousand cells, folded here.
 *
 * In one event a person is one lead (名寄せ merges two leads of one event into one), so within
 * an event leads are people; across events the core counts distinct people in SQL instead.
 */
export interface CubeCell {
  staff: string | null;
  status: LeadStatus;
  reason: string | null;
  grade: Grade;
  /** The answer to the products question as JSON text (`["product_a"]`); null: not answered. */
  interest: string | null;
  leads: number;
  /** Leads per score band, in the order of SCORE_BANDS. */
  bands: number[];
  /** Rated, answered, or handed to sales (funnel.ts isQualified). */
  qualified: number;
  walkIns: number;
}

/** A chart's count as the SQL of every event answers it: the chart, its keys, its counts. */
export interface ChartCount {
  chart: string;
  k1: string | number | null;
  k2: string | number | null;
  n1: number;
  n2: number | null;
  n3: number | null;
  n4: number | null;
  n5: number | null;
}

const count = (chart: string, k1: ChartCount['k1'], n1: number, n2: number | null = null, rest: (number | null)[] = []): ChartCount => ({
  chart, k1, k2: null, n1, n2, n3: rest[0] ?? null, n4: rest[1] ?? null, n5: rest[2] ?? null,
});

/** Sums `value` per key over the cells, keeping the keys' first-seen order. */
function sumBy<K>(cells: readonly CubeCell[], key: (c: CubeCell) => K, value: (c: CubeCell) => number): Map<K, number> {
  const out = new Map<K, number>();
  for (const c of cells) out.set(key(c), (out.get(key(c)) ?? 0) + value(c));
  return out;
}

/** Sales' verdicts per key: n1 SAL, n2 rejected; only keys with a verdict. */
function verdictsBy<K extends string | number | null>(
  chart: string, cells: readonly CubeCell[], keyed: (c: CubeCell) => [K, number][],
): ChartCount[] {
  const sal = new Map<K, number>();
  const rejected = new Map<K, number>();
  for (const c of cells) {
    const into = c.status === ACCEPTED ? sal : c.status === REJECTED ? rejected : null;
    if (!into) continue;
    for (const [k, n] of keyed(c)) into.set(k, (into.get(k) ?? 0) + n);
  }
  const keys = new Set([...sal.keys(), ...rejected.keys()]);
  return [...keys]
    .map((k) => count(chart, k, sal.get(k) ?? 0, rejected.get(k) ?? 0))
    .filter((r) => r.n1 + (r.n2 ?? 0) > 0);
}

/**
 * The event's charts (all but those read apart: hours, accounts, acceptance by answer) from its
 * cells. Keys come in the order of the cells, as SQL sorted them by staff, status, reason, grade.
 */
export function foldCube(cells: readonly CubeCell[], eventId: string): ChartCount[] {
  const total = (when: (c: CubeCell) => boolean, value: (c: CubeCell) => number = (c) => c.leads) =>
    cells.reduce((sum, c) => (when(c) ? sum + value(c) : sum), 0);
  const all = () => true;
  const rows: ChartCount[] = [
    count('funnel', null, total(all), total(all, (c) => c.qualified), [
      total((c) => HANDED_TO_SALES.includes(c.status)),
      total((c) => c.status === ACCEPTED),
      total((c) => c.status === REJECTED),
    ]),
  ];
  for (const [reason, n] of sumBy(cells.filter((c) => c.status === REJECTED), (c) => c.reason, (c) => c.leads)) {
    rows.push(count('reason', reason, n));
  }
  for (const [staff, n] of sumBy(cells, (c) => c.staff, (c) => c.leads)) rows.push(count('staff', staff, n));
  for (const [grade, n] of sumBy(cells, (c) => c.grade, (c) => c.leads)) if (n > 0) rows.push(count('grade', grade, n));
  SCORE_BANDS.forEach((_, band) => {
    const n = total(all, (c) => c.bands[band] ?? 0);
    if (n > 0) rows.push(count('band', band, n));
  });
  rows.push(...verdictsBy('acc_grade', cells, (c) => [[c.grade, c.leads]]));
  rows.push(...verdictsBy('acc_band', cells, (c) => c.bands.map((n, band) => [band, n] as [number, number])));
  rows.push(...verdictsBy('acc_staff', cells, (c) => [[c.staff, c.leads]]));
  rows.push(...verdictsBy('acc_event', cells, (c) => [[eventId, c.leads]]));
  const answered = sumBy(cells.filter((c) => c.interest !== null), (c) => c.interest!, (c) => c.leads);
  rows.push(...foldInterest([...answered].map(([text, leads]) => ({ text, leads }))));
  return rows;
}

/** Walk-ins of the event: a lead entered at the door without a roster entry. */
export function cubeWalkIns(cells: readonly CubeCell[]): number {
  return cells.reduce((sum, c) => sum + c.walkIns, 0);
}
