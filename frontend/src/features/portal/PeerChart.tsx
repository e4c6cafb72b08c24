import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS one renders a blank chart under Vite 8.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { theme } from '../../theme';
import { chartInk, seriesDecals } from '../results/chartStyle';

echarts.use([BarChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** PeerChartSeries is one of the compared series: its name and a value per dimension. */
export interface PeerChartSeries {
  name: string;
  values: (number | null)[];
}

/** PeerChartProps: the dimension names, the series, and a number formatter. */
export interface PeerChartProps {
  categories: string[];
  series: PeerChartSeries[];
  format: (v: number) => string;
}

const colours = ['#1f4788', '#8a98aa', '#5f84c7'];

/**
 * PeerChart draws, per dimension, the entity's points beside the group's
 * average and best, as horizontal bars with the value written at each
 * bar's end and a pattern per series (solid, stripes, checkerboard), named in the
 * legend, so that it reads without colour. The table below it carries the
 * same numbers. Loaded lazily.
 */
export default function PeerChart({ categories, series, format }: PeerChartProps) {
  const base = {
    animation: !navigator.webdriver,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    textStyle: { fontFamily: theme.fontFamily, fontSize: 14, color: chartInk.text },
    legend: { top: 0, left: 0, itemGap: 16, textStyle: { color: chartInk.text, fontSize: 13 } },
    grid: { left: 8, right: 56, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: chartInk.muted },
      splitLine: { lineStyle: { color: chartInk.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisTick: { show: false },
      axisLabel: { color: chartInk.text, fontSize: 13, fontWeight: 600, width: 110, overflow: 'break' },
    },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'bar',
      barMaxWidth: 16,
      barGap: '20%',
      itemStyle: { color: colours[i % colours.length], borderColor: '#283241', borderWidth: i === 0 ? 0 : 1, decal: seriesDecals[i % seriesDecals.length] },
      label: {
        show: true,
        position: 'right',
        fontSize: 12,
        fontWeight: i === 0 ? 700 : 500,
        color: chartInk.text,
        formatter: (p: { value: number | null }) => (p.value === null ? '' : format(p.value)),
      },
      data: s.values,
    })),
  };
  // On a phone the legend stacks above the bars instead of running into them.
  const option = {
    baseOption: base,
    media: [{ query: { maxWidth: 560 }, option: { legend: { orient: 'vertical', itemGap: 6 }, grid: { top: 84, right: 44 }, yAxis: { axisLabel: { width: 96, fontSize: 12 } } } }],
  };
  const height = 120 + categories.length * 70;
  return (
    <div aria-hidden="true" data-testid="peer-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height, width: '100%' }} notMerge />
    </div>
  );
}
