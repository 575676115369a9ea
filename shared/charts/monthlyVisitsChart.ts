// Visits per month per zone as bars, each month's coverage drawn directly beneath its count (a count is only as good as its coverage).

import type { MonthlyVisits, MonthlyZone } from '../analysis/monthly';
import { coverageText, formatPercent, tooltipHtml } from './format';
import { axisStyle, baseOption, zoneName, type ChartOptions, type ChartSpec, type SeriesJson } from './spec';
import { DARK_THEME, seriesColor } from './theme';

/**
 * Below this share of days seen (about 3 days a month), a month's bar is drawn faint: too little was seen to trust
 * a low count. Low on purpose: a 3-day revisit already sees only a third of the days and is still usable.
 */
export const THIN_COVERAGE_SHARE = 0.1;

export function monthlyVisitsChart(monthly: MonthlyVisits, opts: ChartOptions = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const months = [...new Set(monthly.byZone.map((r) => r.month))].sort();
  const zoneIds = [...new Set(monthly.byZone.map((r) => r.zoneId))];
  zoneIds.sort((a, b) => zoneName(opts.labels, a).localeCompare(zoneName(opts.labels, b)));
  const cell = new Map<string, MonthlyZone>(monthly.byZone.map((r) => [`${r.zoneId}|${r.month}`, r]));
  const series: SeriesJson[] = [];
  zoneIds.forEach((zoneId, i) => {
    const name = zoneName(opts.labels, zoneId);
    const color = seriesColor(theme, i);
    const rows = months.map((m) => cell.get(`${zoneId}|${m}`));
    series.push({
      type: 'bar',
      name,
      xAxisIndex: 0,
      yAxisIndex: 0,
      barMaxWidth: 36,
      itemStyle: { color },
      label: { show: true, position: 'top', color: theme.text, fontSize: 11 },
      data: rows.map((r, j) => {
        const visits = r?.visits ?? 0;
        const cov = r?.coverage ?? null;
        const blind = cov !== null && cov.clear === 0;
        const thin = cov !== null && cov.shareOfDaysObserved < THIN_COVERAGE_SHARE;
        return {
          value: visits,
          // "?" where no clear scene existed: zero visits there means "could not see", not "none came".
          label: { formatter: blind ? `${visits}?` : String(visits) },
          itemStyle: thin ? { color, opacity: 0.45 } : undefined,
          tooltip: {
            formatter: tooltipHtml([
              `${name} · ${months[j]}`,
              `${visits} visit${visits === 1 ? '' : 's'} by ${r?.distinctVessels ?? 0} vessel${r?.distinctVessels === 1 ? '' : 's'}`,
              cov ? `Coverage: ${coverageText(cov)}` : 'Coverage: not computed',
              ...(blind ? ['No clear scene: absence could not be seen this month.'] : []),
            ]),
          },
        };
      }),
    });
    series.push({
      type: 'bar',
      // Same name as the visits series, so the legend toggles a zone's count and its coverage together.
      name,
      xAxisIndex: 1,
      yAxisIndex: 1,
      barMaxWidth: 36,
      itemStyle: { color, opacity: 0.5 },
      label: { show: true, position: 'top', color: theme.muted, fontSize: 10, formatter: '{c}%' },
      data: rows.map((r, j) => {
        const cov = r?.coverage ?? null;
        return {
          value: cov ? Math.round(cov.shareOfDaysObserved * 100) : 0,
          tooltip: { formatter: tooltipHtml([`${name} · ${months[j]}`, cov ? `Coverage: ${coverageText(cov)}` : 'Coverage: not computed']) },
        };
      }),
    });
  });
  const axis = axisStyle(theme);
  const total = monthly.byZone.reduce((a, r) => a + r.visits, 0);
  return {
    kind: 'monthly-visits',
    title: 'Visits per month per zone',
    summary:
      months.length === 0
        ? 'No months to show.'
        : `${total} visit${total === 1 ? '' : 's'} over ${months.length} month${months.length === 1 ? '' : 's'} (${months[0]} to ${months[months.length - 1]}); beneath each count, the share of days with a clear scene of that zone. Faint bars: under ${formatPercent(THIN_COVERAGE_SHARE)} of days seen; "?": no clear scene at all.`,
    height: 340,
    option: {
      ...baseOption(theme),
      grid: [
        { left: 48, right: 16, top: 40, height: 170 },
        { left: 48, right: 16, top: 250, height: 56 },
      ],
      xAxis: [
        { type: 'category', gridIndex: 0, data: months, ...axis, axisLabel: { show: false } },
        { type: 'category', gridIndex: 1, data: months, ...axis },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, name: 'visits', minInterval: 1, ...axis },
        { type: 'value', gridIndex: 1, name: '% days seen', min: 0, max: 100, interval: 50, ...axis },
      ],
      series,
    },
  };
}
