// Container counts per zone over time: a line per zone, broken (never 0) where the zone could not be seen.

import type { ContainerCount } from '../analysis/engine';
import { tooltipHtml, utcMinute } from './format';
import { axisStyle, baseOption, zoneName, type ChartOptions, type ChartSpec, type SeriesJson } from './spec';
import { DARK_THEME, seriesColor } from './theme';

function countLine(c: ContainerCount): string {
  if (c.count === null) {
    return `Unknown: zone ${c.observability} on this scene${c.markedCount ? ` (${c.markedCount} marked through gaps, not counted)` : ''}`;
  }
  const lower = c.partial || c.uncountedStacks > 0;
  const why = [c.partial ? 'zone partly seen' : null, c.uncountedStacks ? `${c.uncountedStacks} stack${c.uncountedStacks === 1 ? '' : 's'} without a count` : null].filter(Boolean).join(', ');
  return `${lower ? 'At least ' : ''}${c.count} container${c.count === 1 ? '' : 's'} in ${c.stacks} stack${c.stacks === 1 ? '' : 's'}${why ? ` (${why})` : ''}`;
}

export function containerCountsChart(counts: readonly ContainerCount[], opts: ChartOptions = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const byZone = new Map<string, ContainerCount[]>();
  for (const c of counts) {
    let list = byZone.get(c.zoneId);
    if (!list) byZone.set(c.zoneId, (list = []));
    list.push(c);
  }
  const zoneIds = [...byZone.keys()].sort((a, b) => zoneName(opts.labels, a).localeCompare(zoneName(opts.labels, b)));
  const series: SeriesJson[] = zoneIds.map((zoneId, i) => {
    const name = zoneName(opts.labels, zoneId);
    const rows = byZone.get(zoneId)!.slice().sort((a, b) => Date.parse(a.acquired) - Date.parse(b.acquired));
    return {
      type: 'line',
      name,
      // A gap, not a dip: an obscured scene says nothing about the containers.
      connectNulls: false,
      symbolSize: 7,
      itemStyle: { color: seriesColor(theme, i) },
      lineStyle: { color: seriesColor(theme, i), width: 2 },
      data: rows.map((c) => ({
        value: [Date.parse(c.acquired), c.count],
        sceneId: c.sceneId,
        // Hollow: a lower bound (partly seen zone or stacks without a count).
        symbol: c.partial || c.uncountedStacks > 0 ? 'emptyCircle' : 'circle',
        tooltip: { formatter: tooltipHtml([`${name} · ${utcMinute(c.acquired)}`, countLine(c)]) },
      })),
    };
  });
  const known = counts.filter((c) => c.count !== null).length;
  const axis = axisStyle(theme);
  return {
    kind: 'container-counts',
    title: 'Containers per zone over time',
    summary: counts.length
      ? `${known} of ${counts.length} scene–zone counts known; the line breaks where the zone was obscured or outside the scene (unknown, not zero). Hollow points are lower bounds.`
      : 'No scenes in the selection.',
    height: 260,
    option: {
      ...baseOption(theme),
      tooltip: { ...(baseOption(theme).tooltip as object), trigger: 'item' },
      grid: { left: 48, right: 24, top: 40, bottom: 30 },
      xAxis: { type: 'time', ...axis, axisLabel: { color: theme.muted, hideOverlap: true } },
      yAxis: { type: 'value', name: 'containers', min: 0, minInterval: 1, ...axis },
      series,
    },
  };
}
