import { useEffect, useRef } from 'react';
import { bytesToBase64 } from '../../../shared/base64';
import { chartCsv, type ChartTable } from '../../../shared/reports/tables';
import { useI18n } from '../app/i18n';
import { downloadFile } from '../handoff/download';
import { chartOption, chartSummary } from './chart-option';
import { echarts, type EChartsType } from './echarts';

/** One chart on its canvas, with its PNG and CSV downloads. */
export function ChartCard({ table, fileStem }: { table: ChartTable; fileStem: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(chartOption(table), { notMerge: true });
  }, [table]);

  const savePng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    downloadFile({ fileName: `${fileStem}-${table.id}.png`, mime: 'image/png', base64: url.slice(url.indexOf(',') + 1) });
  };
  const saveCsv = () => {
    const bytes = new TextEncoder().encode(chartCsv(table));
    downloadFile({ fileName: `${fileStem}-${table.id}.csv`, mime: 'text/csv', base64: bytesToBase64(bytes) });
  };

  return (
    <section className="chart-card" data-testid={`chart-${table.id}`} aria-label={table.title}>
      <div ref={box} className="chart-card__canvas" role="img" aria-label={chartSummary(table)} />
      {table.rows.length === 0 && <p className="chart-card__empty">{t('dashboard.no_data')}</p>}
      <div className="chart-card__actions">
        <button type="button" onClick={savePng} aria-label={t('dashboard.download_png_label', { chart: table.title })}>
          {t('dashboard.download_png')}
        </button>
        <button type="button" onClick={saveCsv} aria-label={t('dashboard.download_csv_label', { chart: table.title })}>
          {t('dashboard.download_csv')}
        </button>
      </div>
    </section>
  );
}
