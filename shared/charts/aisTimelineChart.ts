// AIS beside the imagery, per vessel: each sighting a point coloured (and shaped) by its AIS verdict, over a
// band for the time AIS heard the vessel and its gaps, so a dark call reads as points inside a gap.

import type { AisVerdict, Mmsi } from '../ais/types';
import type { Id, IsoTime } from '../domain';
import { tooltipHtml, utcMinute } from './format';
import { axisStyle, baseOption, type ChartOptions, type ChartSpec, type SeriesJson } from './spec';
import { DARK_THEME } from './theme';

/** One vessel sighting and its verdict (shared/ais/verdicts.ts), with when and where. */
export interface AisTimelinePoint {
  vesselId: Id;
  verdict: AisVerdict;
  acquired: IsoTime;
  zone: string | null;
  distanceM: number | null;
  nearestMinutes: number | null;
}

export interface AisTimelineInput {
  vessels: readonly { id: Id; name: string; mmsi: Mmsi | null }[];
  points: readonly AisTimelinePoint[];
  /** Per MMSI, its first and last message (aisAnalysis.ts `heard`). */
  heard: readonly { mmsi: Mmsi; from: IsoTime; to: IsoTime }[];
  gaps: readonly { mmsi: Mmsi; from: IsoTime; to: IsoTime; hours: number }[];
}

export interface AisTimelineOptions extends ChartOptions {
  /** The period in ms; bands are clipped to it. */
  range: [number, number];
  /** The gap threshold in hours, named in the legend. */
  gapH: number;
}

/** In the order a reader ranks them: the evidence that matters most first. */
export const VERDICT_ORDER: readonly AisVerdict[] = ['silent', 'contradicted', 'nearby', 'confirmed', 'unlinked'];
/** Shape as well as colour, so the chart survives a grey printer and a colour-blind reader. */
const SYMBOL: Record<AisVerdict, string> = { confirmed: 'circle', nearby: 'diamond', contradicted: 'triangle', silent: 'rect', unlinked: 'emptyCircle' };
export const VERDICT_LABEL: Record<AisVerdict, string> = {
  confirmed: 'Confirmed',
  nearby: 'Nearby',
  contradicted: 'Contradicted',
  silent: 'Silent (dark)',
  unlinked: 'Unlinked (no MMSI)',
};

function verdictLine(p: AisTimelinePoint): string {
  const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`);
  const min = p.nearestMinutes === null ? '' : `, nearest message ${Math.round(p.nearestMinutes)} min away`;
  switch (p.verdict) {
    case 'silent':
      return 'Silent: no AIS message within the window (dark)';
    case 'unlinked':
      return 'Unlinked: the vessel has no MMSI';
    default:
      return `${VERDICT_LABEL[p.verdict]}: AIS ${km(p.distanceM ?? 0)} from the mark${min}`;
  }
}

export function aisTimelineChart(input: AisTimelineInput, opts: AisTimelineOptions): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const [from, to] = opts.range;
  const withPoints = new Set(input.points.map((p) => p.vesselId));
  const rows = input.vessels.filter((v) => withPoints.has(v.id)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const rowOf = new Map(rows.map((v, i) => [v.id, i]));
  const band = (name: string, data: unknown[], itemStyle: Record<string, unknown>, z: number): SeriesJson => ({
    type: 'custom',
    name,
    renderItem: 'intervalBand',
    encode: { x: [1, 2], y: 0 },
    itemStyle,
    z,
    data,
  });
  const clip = (a: IsoTime, b: IsoTime) => [Math.max(Date.parse(a), from), Math.min(Date.parse(b), to)] as const;
  const heard: unknown[] = [];
  const gaps: unknown[] = [];
  rows.forEach((v, row) => {
    if (!v.mmsi) return;
    for (const h of input.heard.filter((x) => x.mmsi === v.mmsi)) {
      const [a, b] = clip(h.from, h.to);
      if (a <= b) heard.push({ value: [row, a, b, 0.3], tooltip: { formatter: tooltipHtml([`${v.name} (MMSI ${v.mmsi})`, `AIS heard from ${utcMinute(h.from)} to ${utcMinute(h.to)}`]) } });
    }
    for (const g of input.gaps.filter((x) => x.mmsi === v.mmsi)) {
      const [a, b] = clip(g.from, g.to);
      if (a <= b) gaps.push({ value: [row, a, b, 0.8, 1], tooltip: { formatter: tooltipHtml([`${v.name} (MMSI ${v.mmsi})`, `No AIS for ${g.hours.toFixed(1)} h: ${utcMinute(g.from)} → ${utcMinute(g.to)}`]) } });
    }
  });
  const present = VERDICT_ORDER.filter((k) => input.points.some((p) => p.verdict === k));
  const scatter: SeriesJson[] = present.map((verdict) => ({
    type: 'scatter',
    name: VERDICT_LABEL[verdict],
    symbol: SYMBOL[verdict],
    symbolSize: verdict === 'nearby' || verdict === 'contradicted' ? 11 : 9,
    itemStyle: { color: theme.verdict[verdict], borderColor: theme.background, borderWidth: verdict === 'unlinked' ? 0 : 0.8 },
    z: 4,
    data: input.points
      .filter((p) => p.verdict === verdict && rowOf.has(p.vesselId))
      .map((p) => {
        const v = rows[rowOf.get(p.vesselId)!]!;
        return {
          value: [Date.parse(p.acquired), rowOf.get(p.vesselId)!],
          tooltip: { formatter: tooltipHtml([`${v.name}${p.zone ? ` at ${p.zone}` : ''} · ${utcMinute(p.acquired)}`, verdictLine(p)]) },
        };
      }),
  }));
  const counts = present.map((k) => `${input.points.filter((p) => p.verdict === k).length} ${VERDICT_LABEL[k].replace(/ \(.*\)$/, '').toLowerCase()}`);
  const axis = axisStyle(theme);
  return {
    kind: 'ais-timeline',
    title: 'AIS beside the imagery, per vessel',
    summary: input.points.length
      ? `${input.points.length} vessel sighting${input.points.length === 1 ? '' : 's'} of ${rows.length} vessel${rows.length === 1 ? '' : 's'} (${counts.join(', ')}), each placed at its scene's time. Grey band: AIS heard (first to last message); red band: a gap of ${opts.gapH} h or more without a message. A sighting inside a gap is a dark call.`
      : 'No vessel sightings in the selection.',
    height: Math.max(150, 80 + rows.length * 34),
    option: {
      ...baseOption(theme),
      // Left-aligned and wrapping when a project shows every verdict (seven entries).
      legend: { top: 4, left: 12, right: 12, itemGap: 14, textStyle: { color: theme.text }, inactiveColor: theme.axis },
      grid: { left: 20, right: 24, top: 44, bottom: 28, containLabel: true },
      // Day and month on every label ("15 Dec"): ECharts' default mixes bare days with "2025" and "Feb".
      xAxis: { type: 'time', min: from, max: to, ...axis, axisLabel: { color: theme.muted, hideOverlap: true, formatter: '{d} {MMM}' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((v) => v.name), ...axis, splitLine: { show: true, lineStyle: { color: theme.grid } } },
      series: [
        band('AIS heard', heard, { color: theme.aisHeard }, 1),
        band(`AIS gap (≥ ${opts.gapH} h)`, gaps, { color: theme.aisGap, borderColor: theme.verdict.contradicted }, 2),
        ...scatter,
      ],
    },
  };
}
