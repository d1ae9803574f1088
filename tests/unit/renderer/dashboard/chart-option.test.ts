import { describe, expect, it } from 'vitest';
import type { ChartTable } from '../../../../shared/reports/tables';
import { chartOption, chartSummary } from '../../../../renderer/src/dashboard/chart-option';

const bar: ChartTable = { id: 'grades', kind: 'bar', title: 'People by grade', columns: ['Grade', 'People'], rows: [['A', 2], ['B', 0]] };
const hours: ChartTable = {
  id: 'hours', kind: 'hours', title: 'Captures per hour', columns: ['Hour', '2026-11-20', '2026-11-21'], rows: [['09:00', 4, 0], ['10:00', 0, 3]],
};
const rate: ChartTable = {
  id: 'acceptance_grade', kind: 'rate', title: 'Acceptance by grade', columns: ['Grade', 'SAL', 'Rejected', 'Rate (%)'], rows: [['A', 2, 1, 66.7]],
};

type Option = {
  title: { text: string };
  animation: boolean;
  xAxis: { type: string; data?: string[]; max?: number; name?: string };
  yAxis: { type: string; data?: string[] };
  series: { type: string; name: string; data: unknown[]; label?: { formatter?: (p: { dataIndex: number }) => string } }[];
};

describe('a chart table as an ECharts option', () => {
  it('draws a bar per row, titled and without animation (a PNG is never taken mid-way)', () => {
    const option = chartOption(bar) as unknown as Option;
    expect(option.title.text).toBe('People by grade');
    expect(option.animation).toBe(false);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['A', 'B'], name: 'Grade' });
    expect(option.series).toEqual([expect.objectContaining({ type: 'bar', name: 'People', data: [2, 0] })]);
  });

  it('draws a series per day for the hours', () => {
    const option = chartOption(hours) as unknown as Option;
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['2026-11-20', [4, 0]], ['2026-11-21', [0, 3]]]);
  });

  it('draws acceptance as the rate on a 0–100 axis, each bar labelled with its counts', () => {
    const option = chartOption(rate) as unknown as Option;
    expect(option.xAxis).toMatchObject({ type: 'value', max: 100 });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['A'] });
    expect(option.series[0]!.data).toEqual([66.7]);
    expect(option.series[0]!.label!.formatter!({ dataIndex: 0 })).toBe('66.7% (2/3)');
  });

  it('says the title and the numbers for screen readers', () => {
    expect(chartSummary(bar)).toBe('People by grade. A 2, B 0');
    expect(chartSummary({ ...bar, rows: [] })).toBe('People by grade');
  });
});
