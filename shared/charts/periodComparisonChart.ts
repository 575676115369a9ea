// Period comparison: the baseline months and the target month side by side, the baseline mean as a line, coverage under each month, warnings in words.

import type { PeriodComparison, PeriodFigures } from '../analysis/comparison';
import { comparisonWarningText, formatPercent, meanText, periodCoverageText, tooltipHtml } from './format';
import { axisStyle, baseOption, type ChartOptions, type ChartSpec } from './spec';
import { DARK_THEME } from './theme';

export interface ComparisonChartOptions extends ChartOptions {
  /** Print the warnings inside the chart (reports, SVG); the app lists them beside it instead. Default true. */
  warningsInChart?: boolean;
}

export function periodComparisonChart(c: PeriodComparison, opts: ComparisonChartOptions = {}): ChartSpec {
  const theme = opts.theme ?? DARK_THEME;
  const months: PeriodFigures[] = [...c.baseline.perMonth, c.target];
  const warnings = c.warnings.map(comparisonWarningText);
  const drawn = opts.warningsInChart === false ? [] : warnings;
  const isTarget = (p: PeriodFigures) => p.month === c.target.month;
  const tip = (p: PeriodFigures) => ({
    formatter: tooltipHtml([
      `${p.month}${isTarget(p) ? ' (compared)' : ' (baseline)'}`,
      `${p.visits} visits, ${p.distinctVessels} distinct vessels`,
      `Coverage: ${periodCoverageText(p.coverage)}`,
    ]),
  });
  const axis = axisStyle(theme);
  const warnHeight = drawn.length * 34;
  const meanVisits = c.baseline.meanVisits;
  const meanVessels = c.baseline.meanDistinctVessels;
  const change = meanVisits !== null && meanVisits > 0 ? ` (${formatPercent(c.target.visits / meanVisits)} of the baseline mean)` : '';
  // No baseline month seen: the mean is unknown, so it is said in words and no mean line is drawn.
  const against = meanVisits === null ? 'an unknown mean' : `a mean of ${meanText(meanVisits)}`;
  return {
    kind: 'period-comparison',
    title: `${c.target.month} against the ${c.baseline.months.length} months before`,
    summary: `${c.target.visits} visits in ${c.target.month} against ${against} in ${c.baseline.months.join(', ')}${change}.${warnings.length ? ` Caution: ${warnings.join(' ')}` : ''}`,
    height: 290 + warnHeight,
    option: {
      ...baseOption(theme),
      grid: { left: 48, right: 24, top: 40, bottom: 56 + warnHeight },
      xAxis: {
        type: 'category',
        data: months.map((p) => `${p.month}\n${formatPercent(p.coverage.shareOfDaysObserved)} days seen`),
        ...axis,
        axisLabel: { color: theme.muted, lineHeight: 14 },
      },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: [
        {
          type: 'bar',
          name: 'Visits',
          barMaxWidth: 40,
          itemStyle: { color: theme.series[0] },
          label: { show: true, position: 'top', color: theme.text },
          data: months.map((p) => ({ value: p.visits, itemStyle: isTarget(p) ? { color: theme.series[0], borderColor: theme.text, borderWidth: 2 } : { color: theme.series[0], opacity: 0.55 }, tooltip: tip(p) })),
          ...(meanVisits === null
            ? {}
            : {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: theme.baseline, type: 'dashed' },
                  label: { color: theme.text, formatter: `mean visits ${meanText(meanVisits)}`, position: 'insideStartTop' },
                  data: [{ yAxis: meanVisits }],
                },
              }),
        },
        {
          type: 'bar',
          name: 'Distinct vessels',
          barMaxWidth: 40,
          itemStyle: { color: theme.series[1] },
          label: { show: true, position: 'top', color: theme.text },
          data: months.map((p) => ({ value: p.distinctVessels, itemStyle: isTarget(p) ? { color: theme.series[1], borderColor: theme.text, borderWidth: 2 } : { color: theme.series[1], opacity: 0.55 }, tooltip: tip(p) })),
          ...(meanVessels === null
            ? {}
            : {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: theme.series[1], type: 'dotted' },
                  label: { color: theme.series[1], formatter: `mean vessels ${meanText(meanVessels)}`, position: 'insideStartBottom' },
                  data: [{ yAxis: meanVessels }],
                },
              }),
        },
      ],
      graphic: drawn.map((text, i) => ({
        type: 'text',
        left: 12,
        bottom: 8 + (drawn.length - 1 - i) * 34,
        style: { text: `⚠ ${text}`, fill: theme.warn, font: `12px ${theme.fontFamily}`, width: 620, overflow: 'break', lineHeight: 15 },
      })),
    },
  };
}
