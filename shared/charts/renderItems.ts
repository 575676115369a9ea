// The one drawing function JSON cannot carry (a horizontal interval on a category row), named in the spec and put back by hydrateOption.

import type { EChartsOptionJson } from './spec';

/** The subset of ECharts' custom-series `api` the interval drawer uses. */
export interface RenderItemApi {
  value(dim: number): number;
  coord(point: [number, number]): [number, number];
  size(dataSize: [number, number]): [number, number];
  /** 'color' is the item's fill, 'borderColor' its stroke (from the series' itemStyle). */
  visual(key: 'color' | 'borderColor'): unknown;
}

export interface RenderItemParams {
  coordSys: { x: number; y: number; width: number; height: number };
}

/**
 * Data item value: [row index, start ms, end ms, height share, outline (1 = dashed border)]. Draws a rectangle
 * clipped to the plot so that an open end runs to the edge instead of past it. Colours come from the series'
 * itemStyle through `api.visual` (ECharts deprecates `api.style`).
 */
export function intervalBand(params: RenderItemParams, api: RenderItemApi): Record<string, unknown> | null {
  const row = api.value(0);
  const a = api.coord([api.value(1), row]);
  const b = api.coord([api.value(2), row]);
  const share = api.value(3) || 0.6;
  const h = api.size([0, 1])[1] * share;
  const cs = params.coordSys;
  const x0 = Math.max(Math.min(a[0], b[0]), cs.x);
  const x1 = Math.min(Math.max(a[0], b[0]), cs.x + cs.width);
  if (!(x1 >= x0)) return null;
  // A point-in-time visit (seen on one scene) still gets a visible sliver.
  const width = Math.max(x1 - x0, 2);
  const outline = api.value(4) === 1;
  return {
    type: 'rect',
    shape: { x: x0, y: a[1] - h / 2, width, height: h },
    style: { fill: api.visual('color'), stroke: outline ? api.visual('borderColor') : null, lineWidth: outline ? 1 : 0, lineDash: outline ? [4, 3] : null },
  };
}

export const RENDER_ITEMS = { intervalBand } as const;
export type RenderItemName = keyof typeof RENDER_ITEMS;

/** A copy of the option with `renderItem: '<name>'` replaced by the function; both renderers call this. */
export function hydrateOption(option: EChartsOptionJson): EChartsOptionJson {
  return {
    ...option,
    series: option.series.map((s) => {
      const name = s.renderItem;
      if (s.type !== 'custom' || typeof name !== 'string') return s;
      const fn = (RENDER_ITEMS as Record<string, unknown>)[name];
      if (!fn) throw new Error(`unknown chart renderItem: ${name}`);
      return { ...s, renderItem: fn };
    }),
  };
}
