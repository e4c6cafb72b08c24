import type { Zone } from '../../domain/types';

/**
 * zoneDecals tell bars apart without colour, echoing the zone chips' icon
 * shapes: green plain, yellow diagonal stripes, red cross-hatch (the same
 * patterns as the public zone chart).
 */
export const zoneDecals: Record<Zone, object> = {
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
    dashArrayX: [
      [6, 6],
      [0, 6, 6, 0],
    ],
    dashArrayY: [6, 0],
    symbolSize: 1,
  },
};

/**
 * seriesDecals tell the series of a comparison chart apart without colour:
 * solid, diagonal stripes, a checkerboard.
 */
export const seriesDecals: object[] = [
  { symbol: 'none' },
  {
    symbol: 'rect',
    color: 'rgba(255, 255, 255, 0.6)',
    dashArrayX: [1, 0],
    dashArrayY: [2, 4],
    rotation: Math.PI / 4,
    symbolSize: 1,
  },
  {
    symbol: 'rect',
    color: 'rgba(255, 255, 255, 0.7)',
    dashArrayX: [
      [4, 4],
      [0, 4, 4, 0],
    ],
    dashArrayY: [4, 0],
    symbolSize: 1,
  },
];

/** Chart text colours on white (the theme's ink and slate). */
export const chartInk = { text: '#171e29', muted: '#4e5c70', grid: '#d3dae3' };
