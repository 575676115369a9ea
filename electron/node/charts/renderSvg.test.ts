// The headless SVG of a chart spec parses as XML and shows the bars, labels and bands an editor reads.

import { DOMParser } from '@xmldom/xmldom';
import { AnalysisCache } from '../../../shared/analysis/engine';
import { obs, scene, sighting } from '../../../shared/analysis/testkit';
import { containerCountsChart, coverageCalendarChart, dwellChart, LIGHT_THEME, monthlyVisitsChart, periodComparisonChart, visitTimelineChart } from '../../../shared/charts';
import PDFDocument from 'pdfkit';
import { reportFonts } from '../report/fonts';
import { renderChartToSvg, renderOptionToSvg } from './renderSvg';

const labels = { zones: { A: 'Pier 1', B: 'Pier 2' }, subjects: { V1: 'Angara', V2: 'Lady R' } };

function cache() {
  const sightings = [
    ...[2, 3, 4, 34, 35].map((d) => sighting(d, 'A', { vesselId: 'V1' })),
    ...[10, 11].map((d) => sighting(d, 'B', { vesselId: 'V2' })),
    sighting(5, 'A', { trackId: 'T1' }, { class: 'container_stack', count: 12 }),
  ];
  const observability = Array.from({ length: 10 }, (_, i) => obs(i, 'B', 'obscured'));
  return new AnalysisCache({ scenes: Array.from({ length: 40 }, (_, i) => scene(i)), zones: [{ id: 'A' }, { id: 'B' }], sightings, observability }, { minConfidence: 'possible' });
}

function parse(svg: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  expect(doc.documentElement!.nodeName).toBe('svg');
  return doc as unknown as Document;
}

const texts = (doc: Document) => Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
const fills = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag)).map((e) => e.getAttribute('fill'));

describe('renderSvg', () => {
  it('monthly visits: one bar per zone-month in the zone colour, the counts and month labels as text', () => {
    const spec = monthlyVisitsChart(cache().result().monthly, { labels, theme: LIGHT_THEME });
    const svg = renderChartToSvg(spec, 720);
    const doc = parse(svg);
    expect(doc.documentElement.getAttribute('width')).toBe('720');
    expect(doc.documentElement.getAttribute('height')).toBe(String(spec.height));
    const t = texts(doc);
    expect(t).toEqual(expect.arrayContaining(['Pier 1', 'Pier 2', '2025-01', '2025-02', 'visits', '% days seen']));
    // Bars are <path> elements filled with the series colour: Pier 1 (2 months × visits + coverage) and Pier 2.
    const pier1 = fills(doc, 'path').filter((f) => f === LIGHT_THEME.series[0]);
    const pier2 = fills(doc, 'path').filter((f) => f === LIGHT_THEME.series[1]);
    expect(pier1.length).toBeGreaterThanOrEqual(4);
    expect(pier2.length).toBeGreaterThanOrEqual(3);
    // Coverage labels beneath the counts.
    expect(t.some((s) => /^\d+%$/.test(s))).toBe(true);
  });

  it('visit timeline: the custom interval bands render (function put back headless) with vessel rows', () => {
    const c = cache();
    const svg = renderChartToSvg(visitTimelineChart(c.visits(), { labels, theme: LIGHT_THEME }), 800);
    const doc = parse(svg);
    expect(texts(doc)).toEqual(expect.arrayContaining(['Angara · Pier 1', 'Lady R · Pier 2', 'Seen (first to last sighting)']));
    // 3 certain stays drawn in the certain colour (legend swatch aside).
    expect(fills(doc, 'path').filter((f) => f === LIGHT_THEME.certain).length).toBeGreaterThanOrEqual(3);
    // Lady R's arrival was never observable: its open end is drawn dashed in the muted colour.
    const dashed = Array.from(doc.getElementsByTagName('path')).filter((p) => p.getAttribute('stroke-dasharray') && p.getAttribute('stroke') === LIGHT_THEME.muted);
    expect(dashed.length).toBeGreaterThanOrEqual(1);
  });

  it('every chart kind renders to parseable SVG', () => {
    const c = cache();
    const cells = c.observation().days;
    for (const spec of [containerCountsChart(c.containerCounts(), { labels }), dwellChart(c.dwell()), coverageCalendarChart(cells, { labels }), periodComparisonChart(c.compare('2025-02', 1), { labels })]) {
      const doc = parse(renderChartToSvg(spec, 700));
      expect(doc.getElementsByTagName('path').length + doc.getElementsByTagName('rect').length).toBeGreaterThan(3);
    }
  });

  it('refuses a size it cannot draw', () => {
    expect(() => renderOptionToSvg({ series: [] }, { width: 0, height: 100 })).toThrow(/positive and finite/);
  });
});

describe('renderSvg text layout', () => {
  it('lays legends out with the width of the font the report prints them in: no label runs into the next colour box or off the chart', () => {
    // DejaVu Sans widths, as the PDF (svg-to-pdfkit) sets them.
    const doc = new PDFDocument({ autoFirstPage: false, font: reportFonts().regular });
    const width = (text: string) => doc.fontSize(12).widthOfString(text);
    const svg = renderChartToSvg(visitTimelineChart(cache().result().visits, { labels, theme: LIGHT_THEME }), 720);
    const legend = [...svg.matchAll(/<(path|text)[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>([^<]*)/g)]
      .filter((m) => m[0].includes('ecmeta_ssr_type="legend"') || m[1] === 'text')
      .map((m) => ({ kind: m[1]!, x: Number(m[2]), text: m[3]! }));
    const icons = [...new Set(legend.filter((e) => e.kind === 'path').map((e) => e.x))];
    const labelsAt = legend.filter((e) => e.kind === 'text' && ['Arrival / departure window', 'Open end (not observed)', 'Seen (first to last sighting)'].includes(e.text));
    expect(labelsAt).toHaveLength(3);
    labelsAt.forEach((l, i) => {
      const end = l.x + 30 + width(l.text); // the label starts 30 px after its icon
      const next = icons[i + 1] ?? 720;
      expect(end, `"${l.text}" ends at ${end.toFixed(1)}, the next box starts at ${next}`).toBeLessThanOrEqual(next);
    });
  });
});
