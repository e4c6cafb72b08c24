import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS one renders a blank chart under Vite 8.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { zones, type Zone } from '../../domain/types';
import { theme, zoneColors } from '../../theme';

echarts.use([BarChart, GridComponent, AriaComponent, SVGRenderer]);

/**
 * Patterns that tell the bars apart without colour, echoing the chip icons:
 * green plain, yellow diagonal stripes, red cross-hatch.
 */
const decals: Record<Zone, object | undefined> = {
  green: { symbol: 'none' },
  yellow: {
    symbol: 'rect',
    color: 'rgba(23, 30, 41, 0.35)',
    dashArrayX: [1, 0],
    dashArrayY: [3, 5],
    rotation: -Math.PI / 4,
    symbolSize: 1,
  },
  red: {
    symbol: 'rect',
    color: 'rgba(255, 255, 255, 0.55)',
    dashArrayX: [[6, 6], [0, 6, 6, 0]],
    dashArrayY: [6, 0],
    symbolSize: 1,
  },
};

/** ZoneChartProps: counts per zone, the zones' words and a number formatter. */
export interface ZoneChartProps {
  counts: Record<Zone, number>;
  labels: Record<Zone, string>;
  formatCount: (n: number) => string;
}

/**
 * ZoneChart draws the zone distribution as horizontal bars, each labelled
 * with its zone's word and its count and filled with a pattern, so that it
 * reads without colour. Screen readers get the table next to it instead.
 * Loaded lazily: ECharts is the heaviest part of the bundle.
 */
export default function ZoneChart({ counts, labels, formatCount }: ZoneChartProps) {
  const option = {
    animation: !navigator.webdriver,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    textStyle: { fontFamily: theme.fontFamily, fontSize: 14, color: '#171e29' },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: '#4e5c70', formatter: (v: number) => formatCount(v) },
      splitLine: { lineStyle: { color: '#d3dae3' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: zones.map((z) => labels[z]),
      axisTick: { show: false },
      axisLabel: { color: '#171e29', fontSize: 14, fontWeight: 600 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 44,
        label: {
          show: true,
          position: 'right',
          fontSize: 15,
          fontWeight: 700,
          color: '#171e29',
          formatter: (p: { value: number }) => formatCount(p.value),
        },
        data: zones.map((z) => ({
          value: counts[z],
          itemStyle: {
            color: zoneColors[z].solid,
            borderColor: zoneColors[z].text,
            borderWidth: 1,
            decal: decals[z],
          },
        })),
      },
    ],
  };
  return (
    <div aria-hidden="true" data-testid="zone-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 200, width: '100%' }} notMerge />
    </div>
  );
}
