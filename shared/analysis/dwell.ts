// Dwell distribution of visits (or tracks) from their interval-censored bounds, via the Turnbull NPMLE.

import type { Visit } from '../domain';
import { quantile, turnbull, type CensoringCounts, type QuantileRange, type TurnbullFit, type TurnbullOptions } from './turnbull';

/**
 * The visits by what bounds their stay, in an analyst's words: `bracketed` + `open` = `n`, and the
 * "seen once" counts are parts of those two. A visit seen on one scene only but bracketed on both sides
 * IS bracketed on both sides (its stay is below the gap between the bracketing scenes).
 */
export interface StayBounds {
  n: number;
  /** A clear scene without the vessel before arrival and after departure: dwell in [dwellMin, dwellMax). */
  bracketed: number;
  /** Of `bracketed`, seen on one scene only (first sighting = last sighting): only an upper bound on the stay. */
  bracketedSeenOnce: number;
  /** An arrival or departure (or both) with no clear scene beyond it: only a lower bound. */
  open: number;
  /** Of `open`, seen on one scene only: no bound at all. */
  openSeenOnce: number;
}

export function stayBounds(visits: readonly Pick<Visit, 'arrivalAfter' | 'departureBefore' | 'dwellMinHours'>[]): StayBounds {
  const b: StayBounds = { n: visits.length, bracketed: 0, bracketedSeenOnce: 0, open: 0, openSeenOnce: 0 };
  for (const v of visits) {
    const once = v.dwellMinHours === 0;
    if (v.arrivalAfter !== null && v.departureBefore !== null) {
      b.bracketed++;
      if (once) b.bracketedSeenOnce++;
    } else {
      b.open++;
      if (once) b.openSeenOnce++;
    }
  }
  return b;
}

export interface DwellDistribution {
  fit: TurnbullFit;
  /** In hours. Each is the Turnbull interval where the CDF reaches p; upper = Infinity when not reached. */
  quantiles: { p25: QuantileRange | null; median: QuantileRange | null; p75: QuantileRange | null; p90: QuantileRange | null };
  /** In terms of the dwell variable: `rightCensored` = no upper bound (a visit open at either end). */
  censoring: CensoringCounts;
  /** The same visits by what bounds their stay: what the censoring sentence states (see StayBounds). */
  stays: StayBounds;
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
    stays: stayBounds(visits),
    leftOpenVisits: visits.filter((v) => v.arrivalAfter === null).length,
    rightOpenVisits: visits.filter((v) => v.departureBefore === null).length,
  };
}
