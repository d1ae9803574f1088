import type { ChartTable } from '../../../shared/reports/tables';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * A chart table (shared/reports/tables.ts) as an ECharts option: the first column is the
 * category axis, each other column a series. Acceptance charts draw only the rate, as
 * horizontal bars on a 0–100 % axis, each labelled with its counts. No animation: a live
 * refresh every second would keep the bars moving, and a PNG taken mid-animation is wrong.
 */
export function chartOption(table: ChartTable): EChartsCoreOption {
  const categories = table.rows.map((r) => String(r[0] ?? ''));
  const base = {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: table.title, left: 8, top: 4, textStyle: { fontSize: 14, fontWeight: 600 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    textStyle: { fontFamily: 'system-ui, "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", sans-serif' },
  };
  if (table.kind === 'rate') {
    const [category, salName, rejectedName, rateName] = table.columns;
    return {
      ...base,
      grid: { left: 8, right: 56, top: 40, bottom: 32, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, name: rateName, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: categories, inverse: true, name: category, axisLabel: { width: 180, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: rateName,
          data: table.rows.map((r) => r[3] ?? null),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const row = table.rows[p.dataIndex]!;
              return `${String(row[3] ?? '')}% (${String(row[1])}/${Number(row[1]) + Number(row[2])})`;
            },
          },
        },
      ],
      // The counts behind each rate, named in the tooltip.
      legend: { show: false, data: [salName, rejectedName] },
    };
  }
  const series = table.columns.slice(1).map((name, i) => ({
    type: 'bar',
    name,
    data: table.rows.map((r) => r[i + 1] ?? 0),
    label: table.columns.length === 2 ? { show: true, position: 'top' } : undefined,
  }));
  return {
    ...base,
    legend: table.kind === 'hours' && series.length > 0 ? { top: 4, right: 8 } : { show: false },
    grid: { left: 8, right: 16, top: 48, bottom: 32, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      name: table.columns[0],
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { interval: 0, hideOverlap: true, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1, name: table.kind === 'hours' ? undefined : table.columns[1] },
    series,
  };
}

/** What a screen reader hears for a chart, and what a test reads: its title and its numbers. */
export function chartSummary(table: ChartTable): string {
  const rows = table.rows.map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))).join(' ')).join(', ');
  return rows ? `${table.title}. ${rows}` : table.title;
}
