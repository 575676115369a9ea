// Coverage calendar: one cell per zone and UTC day, coloured by the best observability of that day's scenes; blank = not imaged.

import type { Id, IsoTime, Observability } from '../domain';
import { DAY_MS } from '../analysis/coverage';
import { OBS_CODE, OBS_BY_CODE } from '../analysis/input';
import { tooltipHtml, utcDay, utcMinute } from './format';
import { axisStyle, baseOption, zoneName, type ChartOptions, type ChartSpec } from './spec';
import { DARK_THEME } from './theme';

export interface SceneZoneCell {
  sceneId: Id;
  zoneId: Id;
  acquired: IsoTime;
  observability: Observability;
}

export function coverageCalendarChart(cells: readonly SceneZoneCell[], opts: ChartOptions & { zoneIds?: Id[] } = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const zoneIds = opts.zoneIds ?? [...new Set(cells.map((c) => c.zoneId))];
  const zones = zoneIds.slice().sort((a, b) => zoneName(opts.labels, a).localeCompare(zoneName(opts.labels, b)));
  const dayNums = cells.map((c) => Math.floor(Date.parse(c.acquired) / DAY_MS));
  const first = dayNums.length ? Math.min(...dayNums) : 0;
  const last = dayNums.length ? Math.max(...dayNums) : -1;
  const days: string[] = [];
  for (let d = first; d <= last; d++) days.push(utcDay(new Date(d * DAY_MS).toISOString()));
  const zoneRow = new Map(zones.map((z, i) => [z, i]));
  // Best observability per (day, zone): one clear scene that day means the zone could be checked that day.
  const best = new Map<string, { code: number; scenes: SceneZoneCell[] }>();
  cells.forEach((c, i) => {
    const row = zoneRow.get(c.zoneId);
    if (row === undefined) return;
    const k = `${dayNums[i]! - first}|${row}`;
    const cur = best.get(k);
    if (!cur) best.set(k, { code: OBS_CODE[c.observability], scenes: [c] });
    else {
      cur.code = Math.min(cur.code, OBS_CODE[c.observability]);
      cur.scenes.push(c);
    }
  });
  const data = [...best.entries()].map(([k, v]) => {
    const [x, y] = k.split('|').map(Number) as [number, number];
    return {
      value: [x, y, v.code],
      sceneIds: v.scenes.map((s) => s.sceneId),
      tooltip: {
        formatter: tooltipHtml([
          `${zoneName(opts.labels, zones[y]!)} · ${days[x]}`,
          ...v.scenes.map((s) => `${utcMinute(s.acquired)}: ${s.observability}`),
        ]),
      },
    };
  });
  const axis = axisStyle(theme);
  const clearDays = data.filter((d) => d.value[2] === 0).length;
  return {
    kind: 'coverage-calendar',
    title: 'Coverage calendar',
    summary: days.length
      ? `${days.length} days from ${days[0]} to ${days[days.length - 1]}; ${clearDays} zone-days with a clear scene. Blank: no scene that day.`
      : 'No scenes.',
    height: Math.max(150, 96 + zones.length * 26),
    option: {
      ...baseOption(theme),
      legend: undefined,
      grid: { left: 8, right: 16, top: 40, bottom: 26, containLabel: true },
      xAxis: { type: 'category', data: days, ...axis, splitLine: { show: false }, axisLabel: { color: theme.muted, hideOverlap: true } },
      yAxis: { type: 'category', data: zones.map((z) => zoneName(opts.labels, z)), ...axis, splitLine: { show: false } },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        top: 4,
        left: 8,
        textStyle: { color: theme.text },
        pieces: OBS_BY_CODE.map((o, code) => ({ value: code, label: o, color: theme.observability[o] })),
      },
      series: [{ type: 'heatmap', name: 'Observability', data, itemStyle: { borderColor: theme.background, borderWidth: 1 } }],
    },
  };
}
