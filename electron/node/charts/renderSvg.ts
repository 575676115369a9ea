// Renders a chart spec to a standalone SVG string headless (ECharts server-side rendering): the same spec the app draws live, for reports.

import * as echarts from 'echarts';
import { hydrateOption, type ChartSpec, type EChartsOptionJson } from '../../../shared/charts';

export interface SvgSize {
  width: number;
  height: number;
}

/** One frame, no animation, no DOM: `ssr: true` makes ECharts build a virtual SVG tree and print it. */
export function renderOptionToSvg(option: EChartsOptionJson, size: SvgSize): string {
  if (!(size.width > 0 && size.height > 0 && Number.isFinite(size.width) && Number.isFinite(size.height))) {
    throw new RangeError(`chart size must be positive and finite, got ${size.width}×${size.height}`);
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(hydrateOption({ ...option, animation: false }) as echarts.EChartsCoreOption);
    return chart.renderToSVGString();
  } finally {
    // Disposing stops ECharts' frame loop; without it a CLI report run would never exit.
    chart.dispose();
  }
}

export function renderChartToSvg(spec: ChartSpec, width = 800): string {
  return renderOptionToSvg(spec.option, { width, height: spec.height });
}
