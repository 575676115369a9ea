// Chart specs from real analysis results: the series data an editor will read off the chart.

import { AnalysisCache } from '../analysis/engine';
import type { AnalysisOptions } from '../analysis/input';
import { obs, scene, sighting } from '../analysis/testkit';
import { dwellDistribution } from '../analysis/dwell';
import type { Visit } from '../domain';
import {
  containerCountsChart,
  coverageCalendarChart,
  dwellChart,
  hydrateOption,
  intervalBand,
  LIGHT_THEME,
  monthlyVisitsChart,
  periodComparisonChart,
  quantileText,
  visitKey,
  visitTimelineChart,
  type SeriesJson,
} from './index';

const opts: AnalysisOptions = { minConfidence: 'possible' };
const labels = { zones: { A: 'Pier 1', B: 'Pier 2' }, subjects: { V1: 'Angara', V2: 'Lady R' } };
type Item = { value: unknown; tooltip?: { formatter: string }; label?: { formatter: string }; itemStyle?: { opacity?: number }; visitKey?: string; symbol?: string };
const items = (s: SeriesJson) => s.data as Item[];

// 40 daily scenes from 2025-01-01: Angara at Pier 1 days 2–4 and 34–35, Lady R at Pier 2 days 10–11 (left-open: never clear before);
// Pier 1 obscured days 20–39 except the visit days, so February is thin there.
function fixture() {
  const sc = Array.from({ length: 40 }, (_, i) => scene(i));
  const sightings = [
    ...[2, 3, 4, 34, 35].map((d) => sighting(d, 'A', { vesselId: 'V1' })),
    ...[10, 11].map((d) => sighting(d, 'B', { vesselId: 'V2' })),
    sighting(5, 'A', { trackId: 'T1' }, { class: 'container_stack', count: 12 }),
    sighting(6, 'A', { trackId: 'T1' }, { class: 'container_stack', count: 9 }),
    sighting(21, 'A', { trackId: 'T1' }, { class: 'container_stack', count: 9 }),
  ];
  const observability = [
    ...Array.from({ length: 10 }, (_, i) => obs(i, 'B', 'obscured')),
    ...Array.from({ length: 20 }, (_, i) => obs(20 + i, 'A', 'obscured')).filter((o) => o.sceneId !== 's34' && o.sceneId !== 's35'),
    obs(7, 'A', 'partial'),
  ];
  return new AnalysisCache({ scenes: sc, zones: [{ id: 'A' }, { id: 'B' }], sightings, observability }, opts);
}

describe('monthlyVisitsChart', () => {
  it('one visits bar per zone and month, with the coverage of that zone-month beneath it', () => {
    const spec = monthlyVisitsChart(fixture().result().monthly, { labels });
    expect(spec.option.xAxis).toMatchObject([{ data: ['2025-01', '2025-02'] }, { data: ['2025-01', '2025-02'] }]);
    const [p1Visits, p1Cov, p2Visits, p2Cov] = spec.option.series;
    expect(p1Visits!.name).toBe('Pier 1');
    expect(items(p1Visits!).map((d) => d.value)).toEqual([1, 1]);
    expect(items(p2Visits!).map((d) => d.value)).toEqual([1, 0]);
    // Pier 1: January clear on days 0–19 but the partial day 7 (19 of 31 days); February: only 2 of its 28 days.
    expect(items(p1Cov!).map((d) => d.value)).toEqual([61, 7]);
    expect(p1Cov!.xAxisIndex).toBe(1);
    expect(items(p2Cov!).map((d) => d.value)).toEqual([68, 32]);
    expect(items(p1Visits!)[0]!.tooltip!.formatter).toContain('19 clear of 31 scenes');
    expect(items(p1Visits!)[1]!.tooltip!.formatter).toContain('longest gap');
    // Thin coverage (7% of days) draws the bar faint.
    expect(items(p1Visits!)[1]!.itemStyle?.opacity).toBe(0.45);
    expect(items(p1Visits!)[0]!.itemStyle).toBeUndefined();
  });

  it('marks a month with no clear scene "?" (could not see), and escapes names in tooltips', () => {
    const cache = new AnalysisCache({ scenes: [scene(0), scene(1)], zones: [{ id: 'A' }], sightings: [], observability: [obs(0, 'A', 'obscured'), obs(1, 'A', 'obscured')] }, opts);
    const spec = monthlyVisitsChart(cache.result().monthly, { labels: { zones: { A: '<b>Quay</b>' } } });
    const bar = items(spec.option.series[0]!)[0]!;
    expect(bar.value).toBe(0);
    expect(bar.label!.formatter).toBe('0?');
    expect(bar.tooltip!.formatter).toContain('&lt;b&gt;Quay&lt;/b&gt;');
    expect(bar.tooltip!.formatter).toContain('No clear scene');
  });
});

describe('visitTimelineChart', () => {
  it('draws the certain stay solid, the windows faint and open ends to the edge of the range', () => {
    const cache = fixture();
    const visits = cache.visits();
    const range: [number, number] = [Date.parse(scene(0).acquired), Date.parse(scene(39).acquired)];
    const spec = visitTimelineChart(visits, { labels, range });
    expect(spec.option.yAxis).toMatchObject({ data: ['Angara · Pier 1', 'Lady R · Pier 2'] });
    const byName: Record<string, Item[]> = Object.fromEntries(spec.option.series.map((s) => [s.name, items(s)]));
    const t = (d: number) => Date.parse(scene(d).acquired);
    expect(byName['Seen (first to last sighting)']!.map((d) => d.value)).toEqual([
      [0, t(2), t(4), 0.62],
      [1, t(10), t(11), 0.62],
      [0, t(34), t(35), 0.62],
    ]);
    // Angara's first visit: absent on day 1 and day 5 (clear). Lady R: absent on day 12; its arrival was never observable.
    expect(byName['Arrival / departure window']!.map((d) => d.value)).toEqual([
      [0, t(1), t(2), 0.62],
      [0, t(4), t(5), 0.62],
      [1, t(11), t(12), 0.62],
      // Second Angara visit: last clear absence before it is day 19 (20–33 obscured), none after (36–39 obscured).
      [0, t(19), t(34), 0.62],
    ]);
    expect(byName['Open end (not observed)']!.map((d) => d.value)).toEqual([
      [1, range[0], t(10), 0.62, 1],
      [0, t(35), range[1], 0.62, 1],
    ]);
    const first = visits.find((v) => v.subjectId === 'V1')!;
    expect(byName['Seen (first to last sighting)']![0]!.visitKey).toBe(visitKey(first));
    expect(byName['Open end (not observed)']![0]!.tooltip!.formatter).toContain('before the first scene that shows it (open)');
    expect(spec.option.series.every((s) => s.type === 'custom' && s.renderItem === 'intervalBand')).toBe(true);
  });

  it('hydrateOption puts the drawing function back without touching the spec', () => {
    const spec = visitTimelineChart(fixture().visits(), { labels });
    const live = hydrateOption(spec.option);
    expect(live.series[0]!.renderItem).toBe(intervalBand);
    expect(spec.option.series[0]!.renderItem).toBe('intervalBand');
    expect(JSON.parse(JSON.stringify(spec.option))).toEqual(spec.option);
    expect(() => hydrateOption({ series: [{ type: 'custom', renderItem: 'nope' }] })).toThrow(/unknown chart renderItem/);
  });

  it('intervalBand clips an open end to the plot and keeps a one-scene visit visible', () => {
    const visual = (k: string) => (k === 'color' ? 'red' : 'grey');
    const api = { value: (i: number) => [0, 5, 5, 0.5][i]!, coord: ([x, y]: [number, number]) => [x * 10, y * 20 + 10] as [number, number], size: () => [0, 20] as [number, number], visual };
    expect(intervalBand({ coordSys: { x: 0, y: 0, width: 100, height: 40 } }, api)).toMatchObject({ shape: { x: 50, width: 2, height: 10, y: 5 }, style: { fill: 'red', stroke: null, lineWidth: 0 } });
    const wide = { ...api, value: (i: number) => [0, -5, 50, 0.5, 1][i]! };
    expect(intervalBand({ coordSys: { x: 0, y: 0, width: 100, height: 40 } }, wide)).toMatchObject({ shape: { x: 0, width: 100 }, style: { fill: 'red', stroke: 'grey', lineDash: [4, 3] } });
  });
});

describe('containerCountsChart', () => {
  it('gives the count on observable scenes and a gap (null, never 0) on obscured ones; partial is hollow', () => {
    const spec = containerCountsChart(fixture().containerCounts(), { labels });
    const pier1 = spec.option.series.find((s) => s.name === 'Pier 1')!;
    const at = (d: number) => items(pier1).find((i) => (i.value as [number, unknown])[0] === Date.parse(scene(d).acquired))!;
    expect(pier1.connectNulls).toBe(false);
    expect(at(5).value).toEqual([Date.parse(scene(5).acquired), 12]);
    expect(at(8).value).toEqual([Date.parse(scene(8).acquired), 0]);
    expect(at(21).value).toEqual([Date.parse(scene(21).acquired), null]);
    expect(at(21).tooltip!.formatter).toContain('Unknown: zone obscured on this scene (9 marked through gaps, not counted)');
    expect(at(7).symbol).toBe('emptyCircle');
    expect(at(5).symbol).toBe('circle');
  });
});

describe('dwellChart', () => {
  it('draws the Turnbull survival from 1 down to 0, shading the innermost intervals, and states the censoring', () => {
    const d = fixture().dwell();
    const spec = dwellChart(d, { theme: LIGHT_THEME });
    const pts = items(spec.option.series[0]!).map((i) => i.value as [number, number]);
    expect(pts[0]).toEqual([0, 100]);
    expect(pts[pts.length - 1]![1]).toBe(0);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]![0]).toBeGreaterThanOrEqual(pts[i - 1]![0]);
      expect(pts[i]![1]).toBeLessThanOrEqual(pts[i - 1]![1]);
    }
    const finite = d.fit.intervals.filter((iv) => Number.isFinite(iv.upper) && iv.mass > 1e-9);
    expect((spec.option.series[0]!.markArea as { data: unknown[] }).data).toHaveLength(finite.length);
    expect(spec.summary).toContain('3 visits');
    // Was /open-ended/: the censoring sentence now names two kinds that add up, "bracketed on both sides" and "with an open end".
    expect(spec.summary).toMatch(/3 visits: \d+ bracketed on both sides.*\d+ with an open end/);
    expect(spec.option.backgroundColor).toBe('#ffffff');
  });

  it('writes a tied median as the whole range the data allow', () => {
    // Two stays, in [1, 2) h and [5, 6) h: every value from 1 h to 6 h is a median (was "5.0 – 6.0 h").
    const v = (min: number, max: number) => ({ dwellMinHours: min, dwellMaxHours: max, arrivalAfter: 'x', departureBefore: 'y' }) as Visit;
    const d = dwellDistribution([v(1, 2), v(5, 6)]);
    expect(quantileText(d.quantiles.median)).toBe('1.0 – 6.0 h');
    expect(dwellChart(d).summary).toMatch(/^Median 1\.0 – 6\.0 h · 75% within 5\.0 – 6\.0 h/);
  });
});

describe('coverageCalendarChart', () => {
  it('one row per zone and month, one cell per UTC day lettered by its best observation, the best scene on it to open', () => {
    // Pier 1: day 0 obscured then clear (the clear scene wins), day 1 radar, day 3 outside; Pier 2: day 0 partial.
    const scenes = [
      { ...scene(0), id: 'a' },
      { ...scene(0, 8), id: 'b' },
      { ...scene(1), id: 'r', sensor: 'sar' as const },
      { ...scene(3), id: 'd' },
    ];
    const observability = [
      { sceneId: 'a', zoneId: 'A', value: 'obscured' as const },
      { sceneId: 'a', zoneId: 'B', value: 'partial' as const },
      { sceneId: 'b', zoneId: 'B', value: 'outside' as const },
      { sceneId: 'r', zoneId: 'B', value: 'outside' as const },
      { sceneId: 'd', zoneId: 'A', value: 'outside' as const },
      { sceneId: 'd', zoneId: 'B', value: 'outside' as const },
    ];
    const c = new AnalysisCache({ scenes, zones: [{ id: 'A' }, { id: 'B' }], sightings: [], observability }, { ...opts, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
    const spec = coverageCalendarChart(c.observation().days, { labels });
    expect(spec.option.yAxis).toMatchObject({ data: ['Pier 2 · 2025-01', 'Pier 1 · 2025-01'] });
    const cells = items(spec.option.series[0]!) as (Item & { sceneId: string | null; value: number[] })[];
    expect(cells).toHaveLength(62);
    const at = (row: number, day: number) => cells.find((x) => x.value[1] === row && x.value[0] === day)!;
    expect([at(1, 0).sceneId, at(1, 0).label!.formatter]).toEqual(['b', 'O']);
    expect([at(1, 1).sceneId, at(1, 1).label!.formatter]).toEqual(['r', 'R']);
    expect([at(1, 3).sceneId, at(1, 3).label!.formatter]).toEqual([null, '']);
    expect([at(0, 0).sceneId, at(0, 0).label!.formatter]).toEqual(['a', 'P']);
    expect(at(1, 3).tooltip!.formatter).toContain('not observed; says nothing about ships');
    expect(spec.summary).toContain('Pier 1 2025-01: days observed: 1 optical + 1 radar of 31');
    expect(spec.summary).toContain('Pier 2 2025-01: days observed: 0 optical + 0 radar of 31');
  });
});

describe('periodComparisonChart', () => {
  it('bars for the baseline months and the target, the baseline mean as a line, warnings in words', () => {
    const cache = fixture();
    const c = cache.compare('2025-02', 1);
    const spec = periodComparisonChart(c, { labels });
    const visits = spec.option.series[0]!;
    expect(items(visits).map((i) => i.value)).toEqual([2, 1]);
    expect((visits.markLine as { data: { yAxis: number }[] }).data[0]!.yAxis).toBe(2);
    expect((spec.option.xAxis as { data: string[] }).data[1]).toMatch(/^2025-02\n\d+% days seen$/);
    expect(c.warnings.length).toBeGreaterThan(0);
    const texts = (spec.option.graphic as { style: { text: string } }[]).map((g) => g.style.text);
    expect(texts.length).toBe(c.warnings.length);
    expect(texts.join(' ')).toMatch(/Coverage alone could explain|longest gap/);
    expect(spec.summary).toContain('Caution');
  });

  it('an unseen baseline: the mean is "unknown" in the summary and no mean line is drawn (never 0, never NaN)', () => {
    // The fixture's scenes start in January: December and November were never imaged.
    const c = fixture().compare('2025-01', 2);
    expect(c.baseline.meanVisits).toBeNull();
    const spec = periodComparisonChart(c, { labels });
    expect(spec.summary).toMatch(/against an unknown mean/);
    expect(spec.summary).toMatch(/baseline mean is unknown/);
    expect(spec.summary).not.toMatch(/NaN|mean of 0/);
    for (const s of spec.option.series) expect(s.markLine).toBeUndefined();
    expect(JSON.stringify(spec.option)).not.toMatch(/NaN|mean visits 0/);
  });
});
