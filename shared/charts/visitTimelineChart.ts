// Visit timeline per vessel and zone: the certain stay solid, arrival and departure windows faint, open ends dashed to the edge.

import type { Id, Visit } from '../domain';
import { DAY_MS } from '../analysis/coverage';
import { dwellText, tooltipHtml, utcMinute } from './format';
import { axisStyle, baseOption, subjectName, zoneName, type ChartOptions, type ChartSpec } from './spec';
import { DARK_THEME } from './theme';

/** Stable id of a visit, carried on every mark so a click can find the visit (and its scenes). */
export function visitKey(v: Pick<Visit, 'subjectId' | 'zoneId' | 'firstSeen'>): string {
  return `${v.subjectId}|${v.zoneId}|${v.firstSeen}`;
}

export interface TimelineOptions extends ChartOptions {
  /** The analysed period in ms; open ends run to its edges. Defaults to the visits' extent ± 1 day. */
  range?: [number, number];
}

export interface TimelineRow {
  subjectId: Id;
  zoneId: Id;
  label: string;
}

const ms = (iso: string) => Date.parse(iso);

export function timelineRows(visits: readonly Visit[], opts: ChartOptions = {}): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const v of visits) {
    const k = `${v.subjectId}|${v.zoneId}`;
    if (!rows.has(k)) rows.set(k, { subjectId: v.subjectId, zoneId: v.zoneId, label: `${subjectName(opts.labels, v.subjectId)} · ${zoneName(opts.labels, v.zoneId)}` });
  }
  return [...rows.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function visitTimelineChart(visits: readonly Visit[], opts: TimelineOptions = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const rows = timelineRows(visits, opts);
  const rowOf = new Map(rows.map((r, i) => [`${r.subjectId}|${r.zoneId}`, i]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of visits) {
    lo = Math.min(lo, ms(v.arrivalAfter ?? v.firstSeen));
    hi = Math.max(hi, ms(v.departureBefore ?? v.lastSeen));
  }
  const [from, to] = opts.range ?? (visits.length ? [lo - DAY_MS, hi + DAY_MS] : [0, DAY_MS]);
  const certain: unknown[] = [];
  const windows: unknown[] = [];
  const open: unknown[] = [];
  for (const v of visits) {
    const row = rowOf.get(`${v.subjectId}|${v.zoneId}`)!;
    const key = visitKey(v);
    const tip = {
      formatter: tooltipHtml([
        `${subjectName(opts.labels, v.subjectId)} at ${zoneName(opts.labels, v.zoneId)}`,
        `Arrived: ${v.arrivalAfter ? `after ${utcMinute(v.arrivalAfter)}` : 'before the first scene that shows it (open)'}`,
        `Seen: ${utcMinute(v.firstSeen)} → ${utcMinute(v.lastSeen)} on ${v.sceneIds.length} scene${v.sceneIds.length === 1 ? '' : 's'}`,
        `Left: ${v.departureBefore ? `before ${utcMinute(v.departureBefore)}` : 'after the last scene that shows it (open)'}`,
        `Dwell: ${dwellText(v)}`,
        'Click to show its scenes on the map',
      ]),
    };
    const f = ms(v.firstSeen);
    const l = ms(v.lastSeen);
    certain.push({ value: [row, f, l, 0.62], visitKey: key, tooltip: tip });
    if (v.arrivalAfter) windows.push({ value: [row, ms(v.arrivalAfter), f, 0.62], visitKey: key, tooltip: tip });
    else open.push({ value: [row, from, f, 0.62, 1], visitKey: key, tooltip: tip });
    if (v.departureBefore) windows.push({ value: [row, l, ms(v.departureBefore), 0.62], visitKey: key, tooltip: tip });
    else open.push({ value: [row, l, to, 0.62, 1], visitKey: key, tooltip: tip });
  }
  const axis = axisStyle(theme);
  const band = (name: string, data: unknown[], itemStyle: Record<string, unknown>, z: number) => ({
    type: 'custom',
    name,
    renderItem: 'intervalBand',
    encode: { x: [1, 2], y: 0 },
    itemStyle,
    z,
    data,
  });
  const openCount = visits.filter((v) => !v.arrivalAfter || !v.departureBefore).length;
  return {
    kind: 'visit-timeline',
    title: 'Visit timeline',
    summary: visits.length
      ? `${visits.length} visit${visits.length === 1 ? '' : 's'} on ${rows.length} vessel–zone row${rows.length === 1 ? '' : 's'}. Solid: first to last sighting. Faint: when it arrived or left (between the last/next clear scene without it and the sighting). Dashed to the edge: not observed (${openCount} open-ended).`
      : 'No visits in the selection.',
    height: Math.max(140, 70 + rows.length * 30),
    option: {
      ...baseOption(theme),
      grid: { left: 20, right: 24, top: 36, bottom: 28, containLabel: true },
      xAxis: { type: 'time', min: from, max: to, ...axis, axisLabel: { color: theme.muted, hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), ...axis, splitLine: { show: true, lineStyle: { color: theme.grid } } },
      series: [
        band('Arrival / departure window', windows, { color: theme.uncertain }, 2),
        band('Open end (not observed)', open, { color: theme.open, borderColor: theme.muted }, 1),
        band('Seen (first to last sighting)', certain, { color: theme.certain }, 3),
      ],
    },
  };
}
