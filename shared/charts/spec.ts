// The chart specification: plain-JSON ECharts options built from analysis results, rendered live in the UI and to SVG headless.

import type { Id } from '../domain';
import { DARK_THEME, type ChartTheme } from './theme';

/**
 * An ECharts option as plain data. Kept structural (no echarts import) so `shared/` stays pure; the
 * renderers (renderer/src/analysis/EChart.tsx, electron/node/charts/renderSvg.ts) pass it to
 * `setOption` after `hydrateOption` has put back the few functions JSON cannot carry.
 */
export type EChartsOptionJson = Record<string, unknown> & { series: SeriesJson[] };

export type SeriesJson = Record<string, unknown> & { type: string; name?: string; data?: unknown[] };

export type ChartKind = 'monthly-visits' | 'visit-timeline' | 'container-counts' | 'dwell-distribution' | 'coverage-calendar' | 'period-comparison' | 'ais-timeline';

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** One sentence a report can print under the chart and a screen reader can read. */
  summary: string;
  option: EChartsOptionJson;
  /** Pixels; the width follows the container (reports: page width). */
  height: number;
}

/** Names to show for ids; an id without a name is shown shortened. */
export interface ChartLabels {
  zones: Readonly<Record<Id, string>>;
  subjects: Readonly<Record<Id, string>>;
}

export interface ChartOptions {
  theme?: ChartTheme;
  labels?: Partial<ChartLabels>;
}

export function zoneName(labels: Partial<ChartLabels> | undefined, id: Id): string {
  return labels?.zones?.[id] ?? `zone ${id.slice(0, 8)}`;
}

export function subjectName(labels: Partial<ChartLabels> | undefined, id: Id): string {
  return labels?.subjects?.[id] ?? `unnamed ${id.slice(0, 8)}`;
}

/** What every chart shares: no animation (SSR renders one frame, and live updates must not wobble), theme text. */
export function baseOption(theme: ChartTheme = DARK_THEME): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: theme.fontFamily, fontSize: 12 },
    tooltip: { trigger: 'item', confine: true, backgroundColor: theme.background, borderColor: theme.axis, textStyle: { color: theme.text, fontSize: 12 } },
    legend: { top: 4, right: 12, textStyle: { color: theme.text }, inactiveColor: theme.axis },
  };
}

export function axisStyle(theme: ChartTheme): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: theme.axis } },
    axisTick: { lineStyle: { color: theme.axis } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
}
