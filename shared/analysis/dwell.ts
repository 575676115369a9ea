// Dwell distribution of visits (or tracks) from their interval-censored bounds, via the Turnbull NPMLE.

import type { Visit } from '../domain';
import { quantile, turnbull, type CensoringCounts, type QuantileRange, type TurnbullFit, type TurnbullOptions } from './turnbull';

export interface DwellDistribution {
  fit: TurnbullFit;
  /** In hours. Each is the Turnbull interval where the CDF reaches p; upper = Infinity when not reached. */
  quantiles: { p25: QuantileRange | null; median: QuantileRange | null; p75: QuantileRange | null; p90: QuantileRange | null };
  /** In terms of the dwell variable: `rightCensored` = no upper bound (a visit open at either end). */
  censoring: CensoringCounts;
  leftOpenVisits: number;
  rightOpenVisits: number;
}

/** Dwell ∈ [dwellMin, dwellMax): absent at the bracketing scenes, so never as long as dwellMax. */
export function dwellDistribution(visits: readonly Visit[], options: TurnbullOptions = {}): DwellDistribution {
  const data = visits.map((v) => ({ lower: v.dwellMinHours, upper: v.dwellMaxHours ?? Infinity }));
  const fit = turnbull(data, { convention: 'right-open', ...options });
  return {
    fit,
    quantiles: { p25: quantile(fit, 0.25), median: quantile(fit, 0.5), p75: quantile(fit, 0.75), p90: quantile(fit, 0.9) },
    censoring: fit.censoring,
    leftOpenVisits: visits.filter((v) => v.arrivalAfter === null).length,
    rightOpenVisits: visits.filter((v) => v.departureBefore === null).length,
  };
}
