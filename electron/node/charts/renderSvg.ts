// Renders a chart spec to a standalone SVG string headless (ECharts server-side rendering): the same spec the app draws live, for reports.

import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import { hydrateOption, type ChartSpec, type EChartsOptionJson } from '../../../shared/charts';
import { reportFonts } from '../report/fonts';

/**
 * Headless, ECharts has no canvas to measure text and guesses from a Helvetica-like table; the report
 * sets its charts in DejaVu Sans (wider), so legends ran into their neighbours' colour boxes and off the
 * page, and axis labels were clipped. Measured here with the font the PDF embeds (pdfkit's metrics).
 */
let measurer: PDFKit.PDFDocument | null = null;
function measureText(text: string, font?: string): { width: number } {
  if (!measurer) {
    const fonts = reportFonts();
    measurer = new PDFDocument({ autoFirstPage: false, font: fonts.regular });
    measurer.registerFont('regular', fonts.regular);
    measurer.registerFont('bold', fonts.bold);
  }
  const css = font ?? '12px sans-serif';
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(css)?.[1] ?? 12);
  const bold = /\b(bold|bolder|[6-9]00)\b/.test(css);
  return { width: measurer.font(bold ? 'bold' : 'regular').fontSize(size).widthOfString(text ?? '') };
}
echarts.setPlatformAPI({ measureText });

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
