import { describe, expect, it } from 'vitest';
import { cubeWalkIns, foldCube, type ChartCount, type CubeCell } from '../../../../shared/reports/cube';

const cell = (fields: Partial<CubeCell> & Pick<CubeCell, 'leads'>): CubeCell => ({
  staff: '佐藤', status: 'new', reason: null, grade: 'C', interest: null, bands: [fields.leads, 0, 0, 0, 0], qualified: 0, walkIns: 0,
  ...fields,
});

const rows = (counts: ChartCount[], chart: string) => counts.filter((c) => c.chart === chart).map((c) => [c.k1, c.n1, c.n2]);

describe('folding one event’s cube into its charts', () => {
  const cells: CubeCell[] = [
    cell({ leads: 5, qualified: 2, walkIns: 1 }),
    cell({ staff: '鈴木', grade: 'A', status: 'mql', leads: 2, qualified: 2, bands: [0, 0, 0, 2, 0] }),
    cell({ staff: '鈴木', grade: 'A', status: 'sal', leads: 3, qualified: 3, bands: [0, 0, 0, 1, 2] }),
    cell({ staff: null, grade: 'B', status: 'rejected', reason: 'no_budget', leads: 1, qualified: 1, bands: [0, 0, 1, 0, 0] }),
    cell({ staff: '佐藤', grade: 'A', status: 'rejected', reason: 'no_budget', leads: 1, qualified: 1, bands: [0, 0, 0, 0, 1] }),
    cell({ staff: '佐藤', grade: 'B', status: 'rejected', reason: 'too_early', leads: 2, qualified: 2, bands: [0, 2, 0, 0, 0], walkIns: 2 }),
  ];
  const counts = foldCube(cells, 'ev1');

  it('sums the funnel: captured, qualified, handed to sales, SAL, rejected', () => {
    expect(counts.find((c) => c.chart === 'funnel')).toMatchObject({ n1: 14, n2: 11, n3: 9, n4: 3, n5: 4 });
  });

  it('counts the rejected by reason', () => {
    expect(rows(counts, 'reason')).toEqual([['no_budget', 2, null], ['too_early', 2, null]]);
  });

  it('counts people per staff member, the unnamed apart', () => {
    expect(rows(counts, 'staff')).toEqual([['佐藤', 8, null], ['鈴木', 5, null], [null, 1, null]]);
  });

  it('counts grades and bands, leaving empty ones out', () => {
    expect(rows(counts, 'grade')).toEqual([['C', 5, null], ['A', 6, null], ['B', 3, null]]);
    expect(rows(counts, 'band')).toEqual([[0, 5, null], [1, 2, null], [2, 1, null], [3, 3, null], [4, 3, null]]);
  });

  it('gives SAL and rejected per grade, band, staff and the event, only where sales gave a verdict', () => {
    expect(rows(counts, 'acc_grade')).toEqual([['A', 3, 1], ['B', 0, 3]]);
    expect(rows(counts, 'acc_band')).toEqual([[1, 0, 2], [2, 0, 1], [3, 1, 0], [4, 2, 1]]);
    expect(rows(counts, 'acc_staff')).toEqual([['鈴木', 3, 0], [null, 0, 1], ['佐藤', 0, 3]]);
    expect(rows(counts, 'acc_event')).toEqual([['ev1', 3, 4]]);
  });

  it('counts people per product from the cells’ products answers, each option of an answer once per lead', () => {
    const withInterest = [
      cell({ leads: 3, interest: '["product_a","services"]' }),
      cell({ staff: '鈴木', leads: 2, interest: '["product_a"]' }),
      cell({ staff: '鈴木', status: 'sal', leads: 4, interest: '["product_b","product_a"]' }),
      cell({ leads: 7, interest: null }),
    ];
    expect(rows(foldCube(withInterest, 'ev1'), 'interest')).toEqual([['product_a', 9, null], ['services', 3, null], ['product_b', 4, null]]);
    expect(rows(counts, 'interest')).toEqual([]);
  });

  it('adds up the walk-ins', () => {
    expect(cubeWalkIns(cells)).toBe(3);
  });

  it('gives a zero funnel and nothing else for an event without leads', () => {
    expect(foldCube([], 'ev1')).toEqual([{ chart: 'funnel', k1: null, k2: null, n1: 0, n2: 0, n3: 0, n4: 0, n5: 0 }]);
  });
});
