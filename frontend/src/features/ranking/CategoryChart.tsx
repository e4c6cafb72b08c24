import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS one renders a blank chart under Vite 8.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Zone } from '../../domain/types';
import { theme, zoneColors } from '../../theme';
import { chartInk, zoneDecals } from '../results/chartStyle';

echarts.use([BarChart, GridComponent, AriaComponent, SVGRenderer]);

/** CategoryChartBar is one category's bar: its label, count and zone. */
export interface CategoryChartBar {
  label: string;
  value: number;
  zone: Zone | null;
}

/** CategoryChartProps: the bars and a number formatter. */
export interface CategoryChartProps {
  bars: CategoryChartBar[];
  formatCount: (n: number) => string;
}

/**
 * CategoryChart draws how many entities hold each category as columns,
 * each labelled with its category and count and filled with its zone's
 * colour and pattern, so that it reads without colour. Screen readers get
 * the table next to it instead. Loaded lazily: ECharts is heavy.
 */
export default function CategoryChart({ bars, formatCount }: CategoryChartProps) {
  const option = {
    animation: !navigator.webdriver,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    textStyle: { fontFamily: theme.fontFamily, fontSize: 14, color: chartInk.text },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: { color: chartInk.text, fontSize: 13, fontWeight: 600, interval: 0 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: chartInk.muted, formatter: (v: number) => formatCount(v) },
      splitLine: { lineStyle: { color: chartInk.grid } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        label: {
          show: true,
          position: 'top',
          fontSize: 15,
          fontWeight: 700,
          color: chartInk.text,
          formatter: (p: { value: number }) => formatCount(p.value),
        },
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: b.zone
            ? { color: zoneColors[b.zone].solid, borderColor: zoneColors[b.zone].text, borderWidth: 1, decal: zoneDecals[b.zone] }
            : { color: '#8a98aa' },
        })),
      },
    ],
  };
  return (
    <div aria-hidden="true" data-testid="category-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220, width: '100%' }} notMerge />
    </div>
  );
}
