// Text shared by charts and tables: coverage beside a count, dwell bounds, comparison warnings — one wording everywhere.

import type { Coverage } from '../analysis/coverage';
import { daysObservedText } from '../analysis/observation';
import { censoringFallPercent, type CensoringSummary, type Spread } from '../analysis/censoring';
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

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * "12 clear of 15 scenes · 40% of days seen · days observed: 10 optical + 0 radar of 31 · longest gap 6.0 d";
 * with radar scenes, "of 15 scenes (9 optical, 6 radar)".
 */
export function coverageText(c: Coverage): string {
  // Only examined clear scenes are absences: said whenever some clear scene is not examined yet.
  const examined = c.examinedClear < c.clear ? ` (${c.examinedClear} examined)` : '';
  const split = c.bySensor.radar.scenes > 0 ? ` (${c.bySensor.optical.scenes} optical, ${c.bySensor.radar.scenes} radar)` : '';
  return `${c.clear} clear${examined} of ${c.scenes} scene${c.scenes === 1 ? '' : 's'}${split} · ${formatPercent(c.shareOfDaysObserved)} of days seen · ${daysObservedText({ optical: c.opticalDays, radar: c.radarDays, days: c.days })} · longest gap ${formatDays(c.longestGapDays)}`;
}

/** A baseline mean: "4.3", or "unknown" when no baseline month had a clear scene (never 0, never NaN). */
export function meanText(mean: number | null): string {
  return mean === null ? 'unknown' : mean.toFixed(1);
}

export function periodCoverageText(c: PeriodCoverage): string {
  return `${Math.round(c.clearScenes * 10) / 10} clear scenes · ${formatPercent(c.shareOfDaysObserved)} of days seen · longest gap ${formatDays(c.longestGapDays)}`;
}

/**
 * Dwell, written one way everywhere (app, reports, CLI). A range takes ONE unit, chosen by its longer
 * end: hours below two days, days from two days on ("5.5 – 30 h", "1.0 – 12 d"). A stay whose arrival
 * or departure was never bracketed by a clear scene has only a lower bound, and says which end is open
 * ("≥ 1.2 d (still there at the last scene)").
 */
const DAY_HOURS = 24;
type DurationUnit = 'h' | 'd';
const unitFor = (hours: number): DurationUnit => (hours < 2 * DAY_HOURS ? 'h' : 'd');
function amount(hours: number, unit: DurationUnit): string {
  const x = unit === 'h' ? hours : hours / DAY_HOURS;
  if (x === 0) return '0';
  // 9.96 reads "10", not "10.0": the decimal is dropped by the rounded value, not the raw one.
  return Math.round(x * 10) < 100 ? x.toFixed(1) : String(Math.round(x));
}

/** One duration: "36 h", "3.0 d". */
export function formatDuration(hours: number): string {
  const unit = unitFor(hours);
  return `${amount(hours, unit)} ${unit}`;
}

/** A duration known to lie between two bounds, in the unit of the longer: "1.0 – 12 d"; no upper bound: "≥ 1.0 d". */
export function durationRangeText(lowerHours: number, upperHours: number | null): string {
  if (upperHours === null || !Number.isFinite(upperHours)) return `≥ ${formatDuration(lowerHours)}`;
  const unit = unitFor(upperHours);
  const lo = amount(lowerHours, unit);
  const hi = amount(upperHours, unit);
  return lo === hi ? `${hi} ${unit}` : `${lo} – ${hi} ${unit}`;
}

/** Which end of a stay no clear scene brackets, in an analyst's words. */
export function openEndText(v: Pick<Visit, 'arrivalAfter' | 'departureBefore'>): string | null {
  if (v.arrivalAfter === null && v.departureBefore === null) return 'there from the first scene to the last';
  if (v.arrivalAfter === null) return 'already there at the first scene';
  if (v.departureBefore === null) return 'still there at the last scene';
  return null;
}

/** A visit's dwell: "1.0 – 12 d", or "≥ 1.2 d (still there at the last scene)" when an end is open. */
export function dwellText(v: Pick<Visit, 'dwellMinHours' | 'dwellMaxHours' | 'arrivalAfter' | 'departureBefore'>): string {
  const open = openEndText(v);
  const range = durationRangeText(v.dwellMinHours, open ? null : v.dwellMaxHours);
  return open ? `${range} (${open})` : range;
}

const METRIC: Record<'visits' | 'distinctVessels', string> = { visits: 'visits', distinctVessels: 'distinct vessels' };

/** One sentence per warning, the caveat an editor must read before quoting the change. */
export function comparisonWarningText(w: ComparisonWarning): string {
  switch (w.kind) {
    case 'no-coverage':
      return `No clear scene of the selected zones in ${w.months.join(', ')}: nothing could be seen, so no count there means anything.${w.baselineUnseen ? ' No baseline month was seen at all, so the baseline mean is unknown.' : ''}`;
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

/** "12 h · 90 %: 40 h (3 open)": a censoring spread's median and 90th percentile; "—" without a bracketed end. */
export function spreadText(s: Spread): string {
  const open = s.open ? ` (${s.open} open)` : '';
  if (s.median === null || s.p90 === null) return `—${open}`;
  return `${formatDuration(s.median)} · 90 %: ${formatDuration(s.p90)}${open}`;
}

/** One row of the censoring table, as the Analysis panel and both reports show it. */
export interface CensoringRow {
  zone: string;
  /** 'YYYY-MM', or 'whole period'. */
  month: string;
  visits: number;
  arrival: string;
  departure: string;
  width: string;
  /** The same figures without the radar scenes; null when the project has none (they would be the same). */
  withoutRadar: { visits: number; arrival: string; departure: string; width: string } | null;
}

/**
 * The censoring summaries with and without radar, side by side: zone-months with no visit either way are left
 * out (nothing to bracket), the per-zone and overall rows kept. `without`: null when the project has no radar scene.
 */
export function censoringRows(withRadar: readonly CensoringSummary[], without: readonly CensoringSummary[] | null, zoneName: (id: string) => string): CensoringRow[] {
  const key = (s: CensoringSummary) => `${s.zoneId ?? ''}|${s.month ?? ''}`;
  const other = new Map((without ?? []).map((s) => [key(s), s]));
  const out: CensoringRow[] = [];
  for (const s of withRadar) {
    const o = other.get(key(s));
    if (s.month !== null && s.visits === 0 && (!o || o.visits === 0)) continue;
    out.push({
      zone: s.zoneId === null ? 'all zones' : zoneName(s.zoneId),
      month: s.month ?? 'whole period',
      visits: s.visits,
      arrival: spreadText(s.arrival),
      departure: spreadText(s.departure),
      width: spreadText(s.width),
      withoutRadar: without ? (o ? { visits: o.visits, arrival: spreadText(o.arrival), departure: spreadText(o.departure), width: spreadText(o.width) } : { visits: 0, arrival: '—', departure: '—', width: '—' }) : null,
    });
  }
  return out;
}

/** "Median censoring width 30 h with radar, 50 h without: 40 % narrower", or null without radar or bracketed visits. */
export function censoringFallText(withRadar: CensoringSummary, without: CensoringSummary | null): string | null {
  const fall = censoringFallPercent(withRadar, without);
  if (fall === null) return null;
  return `Median censoring width ${formatDuration(withRadar.width.median!)} with the radar scenes, ${formatDuration(without!.width.median!)} without: ${fall >= 0 ? `${Math.round(fall)} % narrower` : `${Math.round(-fall)} % wider`}.`;
}
