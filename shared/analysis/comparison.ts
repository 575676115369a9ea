// A period against the mean of the N periods before it, with the coverage of both and a warning when coverage could explain the change.

import type { Id, Visit } from '../domain';
import { addMonths, type Coverage } from './coverage';
import { isoMonth } from './monthly';

export interface PeriodCoverage {
  /** Clear scenes summed over the zones. */
  clearScenes: number;
  /** Mean over the zones of the share of days with a clear scene. */
  shareOfDaysObserved: number;
  /** Longest gap without a clear scene, worst zone. */
  longestGapDays: number;
}

export interface PeriodFigures {
  month: string;
  visits: number;
  distinctVessels: number;
  coverage: PeriodCoverage;
}

export type ComparisonWarning =
  /** `baselineUnseen`: no baseline month has a clear scene, so the baseline means are unknown (null). */
  | { kind: 'no-coverage'; months: string[]; baselineUnseen: boolean }
  | { kind: 'coverage-explains'; metric: 'visits' | 'distinctVessels'; coverageRatio: number; countRatio: number | null }
  | { kind: 'longer-gaps'; metric: 'visits' | 'distinctVessels'; targetGapDays: number; baselineGapDays: number };

export interface PeriodComparison {
  target: PeriodFigures;
  baseline: {
    months: string[];
    /** Baseline months with at least one clear scene: only these enter the means. */
    observedMonths: string[];
    perMonth: PeriodFigures[];
    /** Mean over `observedMonths`; null (unknown) when no baseline month has a clear scene. */
    meanVisits: number | null;
    meanDistinctVessels: number | null;
    /** Mean over `observedMonths`, or over all baseline months when none was seen (what was seen of them is known: nothing). */
    coverage: PeriodCoverage;
  };
  warnings: ComparisonWarning[];
}

/** Thresholds of the warning rule; METHOD.md quotes them. */
export const COVERAGE_RATIO_THRESHOLD = 0.8;
export const GAP_RATIO_THRESHOLD = 2;
export const GAP_MIN_DAYS = 2;

export interface ComparisonOptions {
  month: string;
  /** How many months before `month` make the baseline (default 3). */
  previous?: number;
  zoneIds: Id[];
  coverageOf: (zoneId: Id, month: string) => Coverage;
}

function figures(visits: readonly Visit[], month: string, opts: ComparisonOptions): PeriodFigures {
  const zones = new Set(opts.zoneIds);
  let n = 0;
  const vessels = new Set<Id>();
  for (const v of visits) {
    if (!zones.has(v.zoneId) || isoMonth(v.firstSeen) !== month) continue;
    n++;
    vessels.add(v.subjectId);
  }
  const covs = opts.zoneIds.map((z) => opts.coverageOf(z, month));
  return {
    month,
    visits: n,
    distinctVessels: vessels.size,
    coverage: {
      clearScenes: covs.reduce((a, c) => a + c.clear, 0),
      shareOfDaysObserved: covs.length ? covs.reduce((a, c) => a + c.shareOfDaysObserved, 0) / covs.length : 0,
      longestGapDays: covs.reduce((a, c) => Math.max(a, c.longestGapDays), 0),
    },
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * The baseline mean is taken over the baseline months that have at least one clear scene; when none
 * has, the baseline means of visits and vessels are unknown (null) and the no-coverage warning says so.
 * Warning rule (quoted in METHOD.md). For each metric (visits, distinct vessels):
 *  - no-coverage: the target month or a baseline month has no clear scene in the selected zones;
 *  - coverage-explains: the share of days observed differs between the target and the baseline mean
 *    by a factor of at least 1/0.8 (either way) and the count moved in the same direction as coverage
 *    (fewer days seen and fewer visits, or more and more);
 *  - longer-gaps: the count fell and the target's longest gap without a clear scene is at least twice
 *    the baseline mean's and at least 2 days — a whole visit can fall inside such a gap.
 * A warning does not say the change is an artefact, only that coverage alone could produce it.
 */
export function comparePeriods(visits: readonly Visit[], opts: ComparisonOptions): PeriodComparison {
  const previous = opts.previous ?? 3;
  const target = figures(visits, opts.month, opts);
  const months: string[] = [];
  for (let i = previous; i >= 1; i--) months.push(addMonths(opts.month, -i));
  const perMonth = months.map((m) => figures(visits, m, opts));
  // A month without a single clear scene says nothing about traffic: its 0 visits are unknown, not
  // zero, so it stays out of the baseline mean (it is still named in the no-coverage warning). When no
  // baseline month was seen, the traffic means are unknown — not 0, and not a mean of zeros — while the
  // coverage means fall back to all baseline months (their coverage is known: nothing was seen).
  const observed = perMonth.filter((p) => p.coverage.clearScenes > 0);
  const basis = observed.length ? observed : perMonth;
  const trafficMean = (xs: number[]) => (observed.length ? mean(xs) : null);
  const baselineCoverage: PeriodCoverage = {
    clearScenes: mean(basis.map((p) => p.coverage.clearScenes)),
    shareOfDaysObserved: mean(basis.map((p) => p.coverage.shareOfDaysObserved)),
    longestGapDays: mean(basis.map((p) => p.coverage.longestGapDays)),
  };
  const baseline = {
    months,
    observedMonths: observed.map((p) => p.month),
    perMonth,
    meanVisits: trafficMean(observed.map((p) => p.visits)),
    meanDistinctVessels: trafficMean(observed.map((p) => p.distinctVessels)),
    coverage: baselineCoverage,
  };
  const warnings: ComparisonWarning[] = [];
  const blind = [target, ...perMonth].filter((p) => p.coverage.clearScenes === 0).map((p) => p.month);
  if (blind.length) warnings.push({ kind: 'no-coverage', months: blind, baselineUnseen: perMonth.length > 0 && observed.length === 0 });
  const s1 = target.coverage.shareOfDaysObserved;
  const s0 = baselineCoverage.shareOfDaysObserved;
  for (const metric of ['visits', 'distinctVessels'] as const) {
    const c1 = target[metric];
    const c0 = metric === 'visits' ? baseline.meanVisits : baseline.meanDistinctVessels;
    // An unknown baseline: no change can be stated, so none can be explained by coverage.
    if (c0 === null) continue;
    if (s0 > 0 && s1 > 0) {
      const coverageRatio = s1 / s0;
      const covChanged = coverageRatio <= COVERAGE_RATIO_THRESHOLD || coverageRatio >= 1 / COVERAGE_RATIO_THRESHOLD;
      const sameDirection = Math.sign(c1 - c0) !== 0 && Math.sign(c1 - c0) === Math.sign(coverageRatio - 1);
      if (covChanged && sameDirection) {
        warnings.push({ kind: 'coverage-explains', metric, coverageRatio, countRatio: c0 > 0 ? c1 / c0 : null });
      }
    }
    const g1 = target.coverage.longestGapDays;
    const g0 = baselineCoverage.longestGapDays;
    if (c1 < c0 && g1 >= GAP_MIN_DAYS && g1 >= GAP_RATIO_THRESHOLD * g0) {
      warnings.push({ kind: 'longer-gaps', metric, targetGapDays: g1, baselineGapDays: g0 });
    }
  }
  return { target, baseline, warnings };
}
