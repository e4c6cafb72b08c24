import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS one renders a blank chart under Vite 8.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { theme } from '../../theme';
import { chartInk, seriesDecals } from './chartStyle';

echarts.use([BarChart, GridComponent, AriaComponent, SVGRenderer]);

/** HistoryBar is one year's score, its label, and whether it compares with the latest method. */
export interface HistoryBar {
  year: string;
  score: number;
  label: string;
  /** Another method than the latest year's: drawn striped and grey. */
  otherMethod: boolean;
}

/**
 * HistoryChart draws an entity's scores across years as columns labelled
 * with the score and category; years of another method are striped and
 * grey, so a method change reads without colour. The table beside it
 * carries the same figures for screen readers. Loaded lazily.
 */
export default function HistoryChart({ bars }: { bars: HistoryBar[] }) {
  const option = {
    animation: !navigator.webdriver,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    textStyle: { fontFamily: theme.fontFamily, fontSize: 14, color: chartInk.text },
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.year),
      axisTick: { show: false },
      axisLabel: { color: chartInk.text, fontSize: 14, fontWeight: 600 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 20,
      axisLabel: { color: chartInk.muted },
      splitLine: { lineStyle: { color: chartInk.grid } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 56,
        label: {
          show: true,
          position: 'top',
          fontSize: 13,
          fontWeight: 700,
          color: chartInk.text,
          formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.label ?? '',
        },
        data: bars.map((b) => ({
          value: b.score,
          itemStyle: b.otherMethod
            ? { color: '#8a98aa', borderColor: '#3b4758', borderWidth: 1, decal: seriesDecals[1] }
            : { color: '#1f4788', decal: seriesDecals[0] },
        })),
      },
    ],
  };
  return (
    <div aria-hidden="true" data-testid="history-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240, width: '100%' }} notMerge />
    </div>
  );
}
