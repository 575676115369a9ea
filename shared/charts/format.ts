// Text shared by charts and tables: coverage beside a count, dwell bounds, comparison warnings — one wording everywhere.

import type { Coverage } from '../analysis/coverage';
import type { ComparisonWarning, PeriodCoverage } from '../analysis/comparison';
import type { Visit } from '../domain';

/** Tooltips are HTML in the live chart; names come from analysts, so escape them. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Tooltip lines (plain text in, escaped and joined for the HTML tooltip). */
export function tooltipHtml(lines: readonly string[]): string {
  return lines.map(escapeHtml).join('<br/>');
}

export function formatDays(days: number): string {
  return days >= 10 ? `${Math.round(days)} d` : `${days.toFixed(1)} d`;
}

export function formatHoursAsDays(hours: number | null): string {
  return hours === null ? 'open' : formatDays(hours / 24);
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "12 clear of 15 scenes · 40% of days seen · longest gap 6.0 d" */
export function coverageText(c: Coverage): string {
  return `${c.clear} clear of ${c.scenes} scene${c.scenes === 1 ? '' : 's'} · ${formatPercent(c.shareOfDaysObserved)} of days seen · longest gap ${formatDays(c.longestGapDays)}`;
}

export function periodCoverageText(c: PeriodCoverage): string {
  return `${Math.round(c.clearScenes * 10) / 10} clear scenes · ${formatPercent(c.shareOfDaysObserved)} of days seen · longest gap ${formatDays(c.longestGapDays)}`;
}

/** A visit's dwell as its bounds, open ends said so. */
export function dwellText(v: Pick<Visit, 'dwellMinHours' | 'dwellMaxHours' | 'arrivalAfter' | 'departureBefore'>): string {
  const min = formatHoursAsDays(v.dwellMinHours);
  if (v.dwellMaxHours !== null) return `${min} – ${formatHoursAsDays(v.dwellMaxHours)}`;
  const ends = [v.arrivalAfter === null ? 'arrival' : null, v.departureBefore === null ? 'departure' : null].filter(Boolean).join(' and ');
  return `at least ${min} (${ends} not observed)`;
}

const METRIC: Record<'visits' | 'distinctVessels', string> = { visits: 'visits', distinctVessels: 'distinct vessels' };

/** One sentence per warning, the caveat an editor must read before quoting the change. */
export function comparisonWarningText(w: ComparisonWarning): string {
  switch (w.kind) {
    case 'no-coverage':
      return `No clear scene of the selected zones in ${w.months.join(', ')}: nothing could be seen, so no count there means anything.`;
    case 'coverage-explains':
      return `Coverage alone could explain the change in ${METRIC[w.metric]}: the share of days seen is ${formatPercent(w.coverageRatio)} of the baseline's, and the count moved the same way.`;
    case 'longer-gaps':
      return `Fewer ${METRIC[w.metric]}, but the longest gap without a clear scene (${formatDays(w.targetGapDays)}) is at least twice the baseline's (${formatDays(w.baselineGapDays)}): a whole visit could fall inside it.`;
  }
}

export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}

export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
