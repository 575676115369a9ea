// A whole project's visits: the constrained-Newton Turnbull fit converges fast and reaches at least the likelihood of the original EM.

import { analyze } from './index';
import { mulberry32 } from '../prng';
import { benchmarkProject } from './testkit';
import { censoringCounts, innermostIntervals, turnbull, type CensoredInterval, type IntervalConvention, type InnermostBounds, type TurnbullFit, type TurnbullInterval } from './turnbull';

/** The self-consistency EM with SQUAREM that shipped first, kept as the reference for the maximisation. */
function referenceTurnbull(data: readonly CensoredInterval[]): TurnbullFit {
  // turnbull()'s defaults: dwell bounds are right-open, certified to 1e-7, at most 5,000 iterations.
  const [convention, tolerance, maxIterations] = ['right-open', 1e-7, 5_000] as const;
  const n = data.length;
  const censoring = censoringCounts(data);

  // The innermost intervals are the module's own (checked against a brute-force reference below); the
  // maximisation stays independent: plain EM with SQUAREM, as first shipped, against the Newton fit.
  const { bounds, first: a, last: b } = innermostIntervals(data, convention);
  const m = bounds.length;

  // One EM (self-consistency) step; also returns max_j d_j, the directional derivative that
  // certifies optimality: at the NPMLE every d_j <= 1 (and = 1 where mass > 0).
  const prefix = new Float64Array(m + 1);
  const diff = new Float64Array(m + 1);
  const emStep = (s: Float64Array, out: Float64Array): { maxD: number; logLik: number } => {
    prefix[0] = 0;
    for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j]! + s[j]!;
    diff.fill(0);
    let logLik = 0;
    for (let i = 0; i < n; i++) {
      const d = prefix[b[i]! + 1]! - prefix[a[i]!]!;
      logLik += Math.log(d);
      const w = d > 0 ? 1 / d : 0;
      diff[a[i]!]! += w;
      diff[b[i]! + 1]! -= w;
    }
    let acc = 0;
    let maxD = 0;
    for (let j = 0; j < m; j++) {
      acc += diff[j]!;
      const dj = acc / n;
      if (dj > maxD) maxD = dj;
      out[j] = s[j]! * dj;
    }
    return { maxD, logLik };
  };
  const logLikOf = (s: Float64Array): number => {
    prefix[0] = 0;
    for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j]! + s[j]!;
    let ll = 0;
    for (let i = 0; i < n; i++) ll += Math.log(prefix[b[i]! + 1]! - prefix[a[i]!]!);
    return ll;
  };

  // Plain EM crawls when mass must drain out of an interval, so steps are extrapolated with
  // SQUAREM (Varadhan & Roland 2008), falling back to the plain EM step whenever that is not better.
  let s = new Float64Array(m).fill(1 / m);
  const s1 = new Float64Array(m);
  const s2 = new Float64Array(m);
  const sx = new Float64Array(m);
  const s3 = new Float64Array(m);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const first = emStep(s, s1);
    if (first.maxD - 1 < tolerance) {
      converged = true;
      break;
    }
    emStep(s1, s2);
    let rr = 0;
    let vv = 0;
    for (let j = 0; j < m; j++) {
      const r = s1[j]! - s[j]!;
      const v = s2[j]! - 2 * s1[j]! + s[j]!;
      rr += r * r;
      vv += v * v;
    }
    let alpha = vv > 0 ? -Math.sqrt(rr / vv) : -1;
    if (alpha > -1) alpha = -1;
    const base = logLikOf(s2);
    let accepted = false;
    for (let tries = 0; tries < 12 && alpha < -1; tries++) {
      let ok = true;
      for (let j = 0; j < m; j++) {
        const r = s1[j]! - s[j]!;
        const v = s2[j]! - 2 * s1[j]! + s[j]!;
        const x = s[j]! - 2 * alpha * r + alpha * alpha * v;
        if (x < 0) {
          ok = false;
          break;
        }
        sx[j] = x;
      }
      if (ok) {
        let total = 0;
        for (let j = 0; j < m; j++) total += sx[j]!;
        for (let j = 0; j < m; j++) sx[j] = sx[j]! / total;
        emStep(sx, s3);
        if (logLikOf(s3) >= base) {
          accepted = true;
          break;
        }
      }
      alpha = (alpha - 1) / 2;
    }
    s = new Float64Array(accepted ? s3 : s2);
  }

  // Renormalise against drift, and drop the numerically-zero masses EM only approaches asymptotically.
  let total = 0;
  for (let j = 0; j < m; j++) total += s[j]!;
  prefix[0] = 0;
  for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j]! + s[j]! / total;
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) logLikelihood += Math.log(prefix[b[i]! + 1]! - prefix[a[i]!]!);

  const intervals: TurnbullInterval[] = [];
  let survival = 1;
  for (let j = 0; j < m; j++) {
    const mass = s[j]! / total;
    survival = Math.max(0, survival - mass);
    intervals.push({
      ...bounds[j]!,
      mass,
      survivalAfter: j === m - 1 ? 0 : survival,
    });
  }
  return { intervals, censoring, iterations, converged, logLikelihood };
}



/** A point inside an innermost interval: it lies wholly inside or wholly outside every observation. */
function inner(iv: TurnbullInterval): number {
  if (iv.lower === iv.upper) return iv.lower;
  return iv.upper === Infinity ? iv.lower + 1 : (iv.lower + iv.upper) / 2;
}

/** Dwell bounds are right-open: [dwellMin, dwellMax). */
function covers(d: CensoredInterval, t: number): boolean {
  return d.lower === d.upper ? t === d.lower : t >= d.lower && t < d.upper;
}

/** Log-likelihood and max directional derivative of a fit, observation by observation against every interval. */
function bruteForce(data: CensoredInterval[], fit: TurnbullFit): { logLik: number; maxD: number } {
  const points = fit.intervals.map(inner);
  const P = data.map((d) => fit.intervals.reduce((s, iv, j) => (covers(d, points[j]!) ? s + iv.mass : s), 0));
  const logLik = P.reduce((s, p) => s + Math.log(p), 0);
  let maxD = 0;
  for (const t of points) {
    let dj = 0;
    data.forEach((d, i) => {
      if (covers(d, t)) dj += 1 / P[i]!;
    });
    maxD = Math.max(maxD, dj / data.length);
  }
  return { logLik, maxD };
}

/** Whether an observation covers t, read straight from the convention's definition. */
function coversUnder(d: CensoredInterval, t: number, convention: IntervalConvention): boolean {
  if (d.lower === d.upper) return t === d.lower;
  const above = convention === 'left-open' ? t > d.lower : t >= d.lower;
  const below = convention === 'right-open' ? t < d.upper : t <= d.upper;
  return above && below;
}

/**
 * Innermost intervals by brute force: the places where the set of observations covering a point is
 * maximal (no other point is covered by a strict superset). Coverage only changes at endpoints, so the
 * endpoints and the midpoints between them (and one point past the last) see every set there is.
 */
function bruteInnermost(data: readonly CensoredInterval[], convention: IntervalConvention): { bounds: InnermostBounds[]; covered: number[][] } {
  const values = [...new Set(data.flatMap((d) => [d.lower, d.upper]).filter(Number.isFinite))].sort((x, y) => x - y);
  const grid: { t: number; exact: boolean }[] = [];
  values.forEach((v, i) => {
    grid.push({ t: v, exact: true });
    grid.push({ t: i + 1 < values.length ? (v + values[i + 1]!) / 2 : v + 1, exact: false });
  });
  const sets = grid.map((g) => data.flatMap((d, i) => (coversUnder(d, g.t, convention) ? [i] : [])));
  const key = (set: number[]) => set.join(',');
  const maximal = sets.map((set) => set.length > 0 && !sets.some((other) => other.length > set.length && set.every((i) => other.includes(i))));
  const bounds: InnermostBounds[] = [];
  const covered: number[][] = data.map(() => []);
  for (let g = 0; g < grid.length; g++) {
    if (!maximal[g] || (g > 0 && maximal[g - 1] && key(sets[g - 1]!) === key(sets[g]!))) continue;
    let end = g;
    while (end + 1 < grid.length && maximal[end + 1] && key(sets[end + 1]!) === key(sets[g]!)) end++;
    const lo = grid[g]!;
    const hi = grid[end]!;
    bounds.push({
      lower: lo.exact ? lo.t : grid[g - 1]!.t,
      upper: hi.exact ? hi.t : end + 1 < grid.length ? grid[end + 1]!.t : Infinity,
      lowerClosed: lo.exact,
      upperClosed: hi.exact,
    });
    for (const i of sets[g]!) covered[i]!.push(bounds.length - 1);
  }
  return { bounds, covered };
}

describe('innermost intervals against a brute-force reference', () => {
  // Small integer dwells with ties, exact values and open ends: where the endpoint order is easy to get wrong.
  const next = mulberry32(7);
  const rand = (k: number) => Math.floor(next() * k);
  const datasets = Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + rand(9) }, () => {
      const lower = rand(8);
      const r = rand(10);
      return { lower, upper: r === 0 ? lower : r === 9 ? Infinity : lower + r };
    }),
  );
  it('the datasets hold exact values, open ends and ties', () => {
    const all = datasets.flat();
    expect(all.some((d) => d.lower === d.upper)).toBe(true);
    expect(all.some((d) => d.upper === Infinity)).toBe(true);
    expect(datasets.some((data) => new Set(data.map((d) => d.upper)).size < data.length)).toBe(true);
  });

  it.each(['right-open', 'left-open', 'closed'] as const)('%s: the same intervals, and each observation covers the same ones', (convention) => {
    for (const data of datasets) {
      const real = innermostIntervals(data, convention);
      const brute = bruteInnermost(data, convention);
      expect(real.bounds).toEqual(brute.bounds);
      data.forEach((_, i) => {
        const run = Array.from({ length: real.last[i]! - real.first[i]! + 1 }, (_, k) => real.first[i]! + k);
        expect(run).toEqual(brute.covered[i]);
      });
    }
  });
});

describe('Turnbull on a whole project', () => {
  const visits = analyze(benchmarkProject(7, 80_000), { minConfidence: 'possible' }).visits;
  const data = visits.map((v) => ({ lower: v.dwellMinHours, upper: v.dwellMaxHours ?? Infinity }));

  it('over 15,000 visits converge in a few dozen iterations to a certified maximum', () => {
    expect(data.length).toBeGreaterThan(15_000);
    const fit = turnbull(data);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(60);
    expect(fit.intervals.every((iv) => iv.mass >= 0)).toBe(true);
    expect(fit.intervals.reduce((s, iv) => s + iv.mass, 0)).toBeCloseTo(1, 12);
    const brute = bruteForce(data, fit);
    expect(Math.abs(brute.logLik - fit.logLikelihood)).toBeLessThan(1e-6);
    // Within n × 1e-7 of the maximum log-likelihood (allowing for summation order).
    expect(brute.maxD - 1).toBeLessThan(1e-7 + 1e-12);
  });

  it('is at least as likely as the original EM and gives the same distribution', () => {
    const fit = turnbull(data);
    const ref = referenceTurnbull(data);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.logLikelihood - 1e-6);
    // EM's answer is within its own certificate of the maximum, so the two cannot be far apart.
    expect(fit.logLikelihood - ref.logLikelihood).toBeLessThan(0.002);
    expect(ref.intervals.map((iv) => [iv.lower, iv.upper])).toEqual(fit.intervals.map((iv) => [iv.lower, iv.upper]));
    let worst = 0;
    fit.intervals.forEach((iv, j) => (worst = Math.max(worst, Math.abs(iv.survivalAfter - ref.intervals[j]!.survivalAfter))));
    expect(worst).toBeLessThan(0.01);
  }, 120_000);

  it('a support too large for Newton steps (1,000 distinct exact dwells) falls back to EM and stays exact', () => {
    const exact = Array.from({ length: 2_000 }, (_, i) => ({ lower: i % 1_000, upper: i % 1_000 }));
    const fit = turnbull(exact);
    expect(fit.converged).toBe(true);
    expect(fit.intervals).toHaveLength(1_000);
    expect(fit.intervals.every((iv) => Math.abs(iv.mass - 0.001) < 1e-12)).toBe(true);
  });
});
