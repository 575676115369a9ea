// Dwell distribution as the Turnbull survival curve: the share of visits still at the quay after t days, censoring stated.

import type { DwellDistribution } from '../analysis/dwell';
import type { QuantileRange } from '../analysis/turnbull';
import { durationRangeText, formatDays, formatPercent, tooltipHtml } from './format';
import { axisStyle, baseOption, type ChartOptions, type ChartSpec } from './spec';
import { DARK_THEME } from './theme';

/** A quantile of dwell as the interval the estimate confines it to, written as every dwell is (format.ts). */
export function quantileText(q: QuantileRange | null): string {
  return q ? durationRangeText(q.lower, q.upper) : 'not estimable';
}

/**
 * "35 visits: 30 bracketed on both sides (23 of them seen on one scene only: an upper bound on the stay),
 * 5 with an open end (a lower bound only; 2 of them seen on one scene only: no bound at all)". The two
 * categories add up to the visits; "seen on one scene only" is a part of each, never a third category.
 */
export function censoringText(d: DwellDistribution): string {
  const s = d.stays;
  const parts = [
    s.bracketed ? `${s.bracketed} bracketed on both sides${s.bracketedSeenOnce ? ` (${s.bracketedSeenOnce} of them seen on one scene only: an upper bound on the stay)` : ''}` : null,
    s.open ? `${s.open} with an open end (a lower bound only${s.openSeenOnce ? `; ${s.openSeenOnce} of them seen on one scene only: no bound at all` : ''})` : null,
  ];
  return `${s.n} visit${s.n === 1 ? '' : 's'}${s.n ? `: ${parts.filter(Boolean).join(', ')}` : ''}`;
}

/**
 * Survival S(t) = P(dwell > t) as a polyline in days. Between innermost intervals S is known and flat;
 * inside one the NPMLE only says the mass lies somewhere there, so the line crosses it straight and the
 * interval is shaded. Mass beyond every finite bound is drawn dashed to the right edge.
 */
export function dwellChart(d: DwellDistribution, opts: ChartOptions = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const ivs = d.fit.intervals;
  const finite = ivs.flatMap((iv) => [iv.lower, iv.upper]).filter((x) => Number.isFinite(x));
  const xMax = Math.max(1, ...finite.map((h) => h / 24)) * 1.15;
  const line: [number, number][] = [[0, 1]];
  const tail: [number, number][] = [];
  const areas: unknown[] = [];
  let s = 1;
  for (const iv of ivs) {
    const a = iv.lower / 24;
    if (!Number.isFinite(iv.upper)) {
      line.push([a, s]);
      tail.push([a, s], [xMax, s]);
      break;
    }
    const b = iv.upper / 24;
    line.push([a, s], [b, iv.survivalAfter]);
    if (iv.mass > 1e-9) areas.push([{ xAxis: a }, { xAxis: b }]);
    s = iv.survivalAfter;
  }
  if (!tail.length && ivs.length) line.push([xMax, s]);
  const q = d.quantiles;
  const axis = axisStyle(theme);
  const head = `Median ${quantileText(q.median)} · 75% within ${quantileText(q.p75)} · 90% within ${quantileText(q.p90)}`;
  return {
    kind: 'dwell-distribution',
    title: 'Dwell distribution (Turnbull estimate)',
    summary: d.censoring.n ? `${head}. From ${censoringText(d)}.` : 'No visits in the selection.',
    height: 280,
    option: {
      ...baseOption(theme),
      grid: { left: 52, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'value', name: 'days at the zone', nameLocation: 'middle', nameGap: 26, min: 0, max: Math.round(xMax * 10) / 10, ...axis },
      yAxis: { type: 'value', name: '% still there', min: 0, max: 100, ...axis, axisLabel: { color: theme.muted, formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: 'Still at the zone',
          showSymbol: false,
          lineStyle: { color: theme.certain, width: 2 },
          itemStyle: { color: theme.certain },
          data: line.map(([x, y]) => ({ value: [x, y * 100], tooltip: { formatter: tooltipHtml([`${formatDays(x)}: ${formatPercent(y)} still there`]) } })),
          markArea: { silent: true, itemStyle: { color: theme.uncertain }, data: areas },
        },
        ...(tail.length === 0 ? [] : [{
          type: 'line',
          name: 'Beyond every observed bound',
          showSymbol: false,
          lineStyle: { color: theme.certain, width: 2, type: 'dashed' },
          itemStyle: { color: theme.certain },
          data: tail.map(([x, y]) => ({ value: [x, y * 100] })),
        }]),
      ],
    },
  };
}
