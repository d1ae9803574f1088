import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the dashboard draws: bars and lines on a canvas. Registered once, so
 * the bundle carries neither the maps nor the SVG renderer. The canvas renderer needs no eval
 * or new Function (our CSP is script-src 'self'; only the GeoJSON map loader has a
 * new Function fallback, and it is not imported), and its canvas gives the PNG download.
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type EChartsType = ReturnType<typeof echarts.init>;
