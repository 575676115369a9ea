// The observation calendar: per zone, one row per month and one cell per UTC day, coloured and lettered by the day's best observation.

import type { Id } from '../domain';
import { OBSERVATION_KINDS, OBSERVATION_LABEL, daysObservedText, observationMonths, observationSentence, type ObservationDay, type ObservationKind } from '../analysis/observation';
import { tooltipHtml } from './format';
import { axisStyle, baseOption, zoneName, type ChartOptions, type ChartSpec } from './spec';
import { DARK_THEME } from './theme';

/** A letter in each cell: read without colour (printed in grey, or by a colour-blind reader). Not imaged: none. */
export const OBSERVATION_LETTER: Record<ObservationKind, string> = {
  'optical-clear': 'O',
  'radar-clear': 'R',
  partial: 'P',
  unexamined: 'U',
  obscured: '×',
  'not-imaged': '',
};

/** The legend's words, short enough for six in a row; the tooltip gives OBSERVATION_LABEL and a sentence. */
const LEGEND: Record<ObservationKind, string> = {
  'optical-clear': 'optical clear',
  'radar-clear': 'radar',
  partial: 'partly seen',
  unexamined: 'not examined',
  obscured: 'obscured',
  'not-imaged': 'not imaged',
};

const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

/**
 * `days`: the observation record (AnalysisCache.observation().days), every day of the range. Each row is
 * "zone · month"; a cell's data carries its best scene (`sceneId`) so a click can open it.
 */
export function coverageCalendarChart(days: readonly ObservationDay[], opts: ChartOptions & { zoneIds?: Id[] } = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const zoneIds = opts.zoneIds ?? [...new Set(days.map((d) => d.zoneId))];
  const zones = zoneIds.slice().sort((a, b) => zoneName(opts.labels, a).localeCompare(zoneName(opts.labels, b)));
  const shown = new Set(zones);
  const kept = days.filter((d) => shown.has(d.zoneId));
  const months = [...new Set(kept.map((d) => d.day.slice(0, 7)))].sort();
  const rowOf = new Map<string, number>();
  const rows: string[] = [];
  for (const z of zones) for (const m of months) {
    rowOf.set(`${z}|${m}`, rows.length);
    rows.push(`${zoneName(opts.labels, z)} · ${m}`);
  }
  const code = new Map(OBSERVATION_KINDS.map((k, i) => [k, i]));
  const data = kept.map((d) => ({
    value: [Number(d.day.slice(8, 10)) - 1, rowOf.get(`${d.zoneId}|${d.day.slice(0, 7)}`)!, code.get(d.kind)!],
    sceneId: d.sceneId,
    label: { show: d.kind !== 'not-imaged', formatter: OBSERVATION_LETTER[d.kind], color: d.kind === 'partial' || d.kind === 'not-imaged' ? '#111827' : '#ffffff', fontSize: 10 },
    tooltip: {
      formatter: tooltipHtml([
        `${zoneName(opts.labels, d.zoneId)} · ${d.day} (UTC)`,
        `${OBSERVATION_LABEL[d.kind]}${d.scenes ? ` · ${d.scenes} scene${d.scenes === 1 ? '' : 's'} that day` : ''}`,
        observationSentence(d.kind),
      ]),
    },
  }));
  // Rows read top to bottom: the first zone's first month on top.
  const yData = rows.slice().reverse();
  for (const item of data) item.value[1] = rows.length - 1 - item.value[1]!;
  const axis = axisStyle(theme);
  const order = new Map(zones.map((z, i) => [z, i]));
  const perMonth = observationMonths(kept).sort((a, b) => order.get(a.zoneId)! - order.get(b.zoneId)! || (a.month < b.month ? -1 : 1));
  return {
    kind: 'coverage-calendar',
    title: 'Observation calendar',
    summary: perMonth.length
      ? `Each UTC day by its best observation, counted once. ${perMonth.map((m) => `${zoneName(opts.labels, m.zoneId)} ${m.month}: ${daysObservedText(m)}`).join('; ')}. Not observed is not "no ship".`
      : 'No days in the period.',
    height: Math.max(150, 96 + rows.length * 22),
    option: {
      ...baseOption(theme),
      legend: undefined,
      // The zone · month labels sit left of the grid: room for ECharts' measure of them to fall short of the font's.
      grid: { left: 24, right: 16, top: 64, bottom: 26, containLabel: true },
      xAxis: { type: 'category', data: DAYS, name: 'day (UTC)', nameLocation: 'middle', nameGap: 22, ...axis, splitLine: { show: false }, axisLabel: { color: theme.muted, interval: 0, fontSize: 10 } },
      yAxis: { type: 'category', data: yData, ...axis, splitLine: { show: false } },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        top: 4,
        left: 8,
        itemGap: 14,
        textStyle: { color: theme.text },
        pieces: OBSERVATION_KINDS.map((k, i) => ({ value: i, label: `${OBSERVATION_LETTER[k] ? `${OBSERVATION_LETTER[k]} ` : ''}${LEGEND[k]}`, color: theme.observation[k] })),
      },
      series: [{ type: 'heatmap', name: 'Best observation', data, itemStyle: { borderColor: theme.background, borderWidth: 1 } }],
    },
  };
}
