import { describe, expect, it } from 'vitest';
import { foldEveryEvent, sqliteOrder, type PersonRow } from '../../../../shared/reports/people';

describe('sqliteOrder: the order SQLite gives GROUP BY keys', () => {
  it.each([
    [null, 0, -1],
    [3, 'a', -1],
    [2, 10, -1],
    ['佐藤', 'Smith', 1],
    ['Smith', 'ｽｽﾞｷ', -1],
    // By code point, as UTF-8 bytes compare: U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E.
    ['😀', '～', 1],
    ['ab', 'abc', -1],
    ['鈴木', '鈴木', 0],
  ] as const)('%s against %s', (a, b, sign) => {
    expect(Math.sign(sqliteOrder(a, b))).toBe(sign);
    expect(Math.sign(sqliteOrder(b, a))).toBe(-sign || 0);
  });
});

describe('foldEveryEvent', () => {
  const lead = (person: string | number, eventId: string, status: string, staff: string | null, interest: string | null = null): PersonRow =>
    [person, eventId, status, status === 'rejected' ? 'no_budget' : null, 'B', 65, 1, staff, 0, 'ACC1', interest, null];

  it('counts a visitor of two shows once in every chart, and a lead without a person as itself', () => {
    const rows = [
      lead('P1', 'show', 'sal', '佐藤', '["product_a"]'),
      lead('P1', 'seminar', 'sal', '佐藤', '["product_a","services"]'),
      lead(17, 'seminar', 'rejected', null),
    ];
    const out = foldEveryEvent(rows, new Set(['ACC1']), new Set(['P1']));
    // Naming more persons as returning than there are changes nothing.
    expect(foldEveryEvent(rows, new Set(['ACC1']), new Set(['P1', 17, 'P9']))).toEqual(out);
    const of = (chart: string) => out.filter((r) => r.chart === chart).map((r) => [r.k1, r.n1, r.n2]);
    expect(out.find((r) => r.chart === 'funnel')).toMatchObject({ n1: 2, n2: 2, n3: 2, n4: 1, n5: 1 });
    expect(out.find((r) => r.chart === 'reach')).toMatchObject({ n1: 1, n2: 1, n3: 0 });
    expect(of('staff')).toEqual([[null, 1, null], ['佐藤', 1, null]]);
    expect(of('interest')).toEqual([['product_a', 1, null], ['services', 1, null]]);
    expect(of('acc_event')).toEqual([['seminar', 1, 1], ['show', 1, 0]]);
    expect(of('reason')).toEqual([['no_budget', 1, null]]);
  });
});
