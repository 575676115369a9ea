// Turnbull's non-parametric MLE of a distribution from interval-censored observations (constrained Newton, EM fallback).

/** One interval-censored observation: the true value lies between `lower` and `upper` (upper may be Infinity). */
export interface CensoredInterval {
  lower: number;
  upper: number;
}

/**
 * Which ends of a non-degenerate interval belong to it. Dwell bounds are `right-open` ([min, max)): the
 * vessel was absent at the bracketing scene, so the true dwell is strictly shorter than dwellMax.
 * R's `Surv(type = "interval2")` uses `left-open` ((l, r]). A degenerate interval (lower = upper) is
 * always the exact value, and an infinite upper end is always open.
 */
export type IntervalConvention = 'closed' | 'left-open' | 'right-open';

export interface TurnbullOptions {
  convention?: IntervalConvention;
  /**
   * Stop when max_j d_j − 1 falls below this, d_j being the directional derivative of the mean
   * log-likelihood toward interval j. It bounds the log-likelihood gap to the NPMLE by n × tolerance,
   * which a "masses stopped moving" rule (R's) does not.
   */
  tolerance?: number;
  maxIterations?: number;
}

/** An innermost (Turnbull) interval: the NPMLE can only put mass here, and cannot say where inside. */
export interface TurnbullInterval {
  lower: number;
  upper: number;
  lowerClosed: boolean;
  upperClosed: boolean;
  mass: number;
  /** Survival just after the interval: P(T beyond its upper end). */
  survivalAfter: number;
}

export interface CensoringCounts {
  n: number;
  /** lower = upper */
  exact: number;
  /** lower = 0 < upper < ∞: only an upper bound is known (for dwell: seen on a single scene). */
  leftCensored: number;
  /** 0 < lower < upper < ∞ */
  interval: number;
  /** 0 < lower, upper = ∞ */
  rightCensored: number;
  /** lower = 0, upper = ∞: carries no information about the value. */
  uninformative: number;
}

export interface TurnbullFit {
  intervals: TurnbullInterval[];
  censoring: CensoringCounts;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
}

export interface QuantileRange {
  p: number;
  /**
   * The quantile lies in [lower, upper]: the innermost interval where the CDF reaches p or, where the
   * CDF sits exactly at p over a flat stretch, from that interval to the next one with mass.
   */
  lower: number;
  upper: number;
  /** Midpoint of that interval, or mean of the two midpoints across a flat stretch (R's survfit convention); null when unbounded. */
  estimate: number | null;
}

interface Key {
  v: number;
  /** -1: just before v, 0: at v, +1: just after v */
  e: number;
}

function cmp(a: Key, b: Key): number {
  if (a.v !== b.v) return a.v < b.v ? -1 : 1;
  return a.e - b.e;
}

function endpointKeys(obs: CensoredInterval, convention: IntervalConvention): [Key, Key] {
  const { lower, upper } = obs;
  if (!(lower <= upper) || Number.isNaN(lower) || lower === Infinity) {
    throw new RangeError(`invalid censored interval [${lower}, ${upper}]`);
  }
  if (lower === upper) return [{ v: lower, e: 0 }, { v: upper, e: 0 }];
  const lowKey: Key = { v: lower, e: convention === 'left-open' && lower !== -Infinity ? 1 : 0 };
  const highKey: Key = { v: upper, e: convention === 'right-open' && upper !== Infinity ? -1 : 0 };
  return [lowKey, highKey];
}

export function censoringCounts(data: readonly CensoredInterval[]): CensoringCounts {
  const c: CensoringCounts = { n: data.length, exact: 0, leftCensored: 0, interval: 0, rightCensored: 0, uninformative: 0 };
  for (const { lower, upper } of data) {
    if (lower === upper) c.exact++;
    else if (upper === Infinity) {
      if (lower <= 0) c.uninformative++;
      else c.rightCensored++;
    } else if (lower <= 0) c.leftCensored++;
    else c.interval++;
  }
  return c;
}

/**
 * The likelihood over innermost intervals: term u stands for w[u] observations (identical runs are
 * merged, dwell bounds repeat a lot), each covering innermost intervals lo[u]..hi[u].
 */
interface Runs {
  lo: Int32Array;
  hi: Int32Array;
  w: Float64Array;
  /** Number of observations, Σ w. */
  n: number;
  /** Number of innermost intervals. */
  m: number;
}

function collapseRuns(a: Int32Array, b: Int32Array, m: number): Runs {
  const index = new Map<number, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const key = a[i]! * (m + 1) + b[i]!;
    const u = index.get(key);
    if (u === undefined) {
      index.set(key, lo.length);
      lo.push(a[i]!);
      hi.push(b[i]!);
      w.push(1);
    } else w[u]!++;
  }
  return { lo: Int32Array.from(lo), hi: Int32Array.from(hi), w: Float64Array.from(w), n: a.length, m };
}

function cumulative(x: Float64Array): Float64Array {
  const c = new Float64Array(x.length + 1);
  for (let j = 0; j < x.length; j++) c[j + 1] = c[j]! + x[j]!;
  return c;
}

function logLikelihoodOf(runs: Runs, mass: Float64Array): number {
  const prefix = cumulative(mass);
  let ll = 0;
  for (let u = 0; u < runs.lo.length; u++) ll += runs.w[u]! * Math.log(prefix[runs.hi[u]! + 1]! - prefix[runs.lo[u]!]!);
  return ll;
}

/**
 * Fills `out` with D_j = Σ_u w_u [u covers j] / (n P_u), the directional derivative of the mean
 * log-likelihood toward innermost interval j, and returns max_j D_j. At the NPMLE every D_j ≤ 1 (= 1
 * where there is mass), and the log-likelihood is within n (max D − 1) of the maximum.
 */
function derivatives(runs: Runs, mass: Float64Array, out: Float64Array): number {
  const { lo, hi, w, n, m } = runs;
  const prefix = cumulative(mass);
  const diff = new Float64Array(m + 1);
  for (let u = 0; u < lo.length; u++) {
    const d = prefix[hi[u]! + 1]! - prefix[lo[u]!]!;
    const c = d > 0 ? w[u]! / d : 0;
    diff[lo[u]!]! += c;
    diff[hi[u]! + 1]! -= c;
  }
  let acc = 0;
  let maxD = 0;
  for (let j = 0; j < m; j++) {
    acc += diff[j]!;
    out[j] = acc / n;
    if (out[j]! > maxD) maxD = out[j]!;
  }
  return maxD;
}

/** Above this many support points a Newton step costs more than it saves; SQUAREM-accelerated EM takes over. */
const NEWTON_MAX_SUPPORT = 400;

/**
 * Maximises the likelihood by Wang's constrained Newton method (CNM; Wang 2007, as in R's npsurv):
 * each iteration adds the local maxima of D to the support, solves the quadratic approximation of the
 * log-likelihood on that support as a non-negative least-squares problem, and line-searches toward it.
 * It converges in tens of iterations where EM crawls (EM cannot empty an interval, only shrink it
 * geometrically). When a step does not increase the likelihood, a SQUAREM EM step is taken instead.
 */
function maximise(runs: Runs, tolerance: number, maxIterations: number): { mass: Float64Array; iterations: number; converged: boolean } {
  const D = new Float64Array(runs.m);
  let mass = initialMass(runs);
  let iterations = 0;
  for (;;) {
    const maxD = derivatives(runs, mass, D);
    if (maxD - 1 < tolerance) return { mass, iterations, converged: true };
    if (iterations >= maxIterations) return { mass, iterations, converged: false };
    iterations++;
    const support = supportWithNewPoints(mass, D);
    const next = support.length <= NEWTON_MAX_SUPPORT ? newtonStep(runs, mass, D, support) : null;
    mass = next ?? squaremStep(runs, mass);
  }
}

/** Equal masses on a smallest set of innermost intervals that meets every observation, so every term is positive. */
function initialMass(runs: Runs): Float64Array {
  const { lo, hi, m } = runs;
  const order = Array.from(lo.keys()).sort((x, y) => hi[x]! - hi[y]!);
  const picks: number[] = [];
  let last = -1;
  for (const u of order) {
    if (lo[u]! > last) {
      last = hi[u]!;
      picks.push(last);
    }
  }
  const mass = new Float64Array(m);
  for (const j of picks) mass[j] = 1 / picks.length;
  return mass;
}

/** The current support plus, in each gap between support points, the interval where D is largest if it exceeds 1. */
function supportWithNewPoints(mass: Float64Array, D: Float64Array): Int32Array {
  const out: number[] = [];
  let best = -1;
  for (let j = 0; j <= mass.length; j++) {
    if (j === mass.length || mass[j]! > 0) {
      if (best >= 0) out.push(best);
      best = -1;
      if (j < mass.length) out.push(j);
    } else if (D[j]! > 1 && (best < 0 || D[j]! > D[best]!)) best = j;
  }
  return Int32Array.from(out);
}

/** One CNM step on `support` (sorted); null when it does not increase the likelihood. */
function newtonStep(runs: Runs, mass: Float64Array, D: Float64Array, support: Int32Array): Float64Array | null {
  const { lo, hi, w, n, m } = runs;
  const k = support.length;
  // pos[j]: support points before innermost interval j; term u covers support points L..H.
  const pos = new Int32Array(m + 1);
  for (let j = 0, t = 0; j <= m; j++) {
    pos[j] = t;
    if (t < k && support[t] === j) t++;
  }
  const pi = new Float64Array(k);
  for (let t = 0; t < k; t++) pi[t] = mass[support[t]!]!;
  const piPrefix = cumulative(pi);
  // Quadratic model of ℓ(x) − n Σx (whose maximum over x ≥ 0 has Σx = 1 and is the NPMLE): maximise
  // −½xᵀGx + (2g − n)ᵀx over x ≥ 0, g being the gradient of ℓ and G_jl = Σ_u w_u/P_u² [L_u ≤ j, l ≤ H_u]
  // the Hessian, a dominance sum over (L, H) built by 2-D prefix sums.
  const G = new Float64Array(k * k);
  const gDiff = new Float64Array(k + 1);
  const L = new Int32Array(lo.length);
  const H = new Int32Array(lo.length);
  let ll0 = 0;
  for (let u = 0; u < lo.length; u++) {
    const l = pos[lo[u]!]!;
    const h = pos[hi[u]! + 1]! - 1;
    L[u] = l;
    H[u] = h;
    const d = piPrefix[h + 1]! - piPrefix[l]!;
    ll0 += w[u]! * Math.log(d);
    const c = w[u]! / d;
    G[l * k + h]! += c / d;
    gDiff[l]! += c;
    gDiff[h + 1]! -= c;
  }
  for (let l = 0; l < k; l++) {
    for (let h = k - 1; h >= l; h--) {
      let v = G[l * k + h]!;
      if (l > 0) v += G[(l - 1) * k + h]!;
      if (h < k - 1) v += G[l * k + h + 1]!;
      if (l > 0 && h < k - 1) v -= G[(l - 1) * k + h + 1]!;
      G[l * k + h] = v;
    }
  }
  for (let l = 0; l < k; l++) for (let h = l + 1; h < k; h++) G[h * k + l] = G[l * k + h]!;
  // Unit diagonal keeps the Cholesky factorisations well conditioned.
  const scale = new Float64Array(k);
  for (let j = 0; j < k; j++) scale[j] = 1 / Math.sqrt(G[j * k + j]!);
  for (let j = 0; j < k; j++) for (let l = 0; l < k; l++) G[j * k + l] = G[j * k + l]! * scale[j]! * scale[l]!;
  const g = new Float64Array(k);
  const rhs = new Float64Array(k);
  for (let j = 0, acc = 0; j < k; j++) {
    acc += gDiff[j]!;
    g[j] = acc;
    rhs[j] = (2 * acc - n) * scale[j]!;
  }
  const start = new Uint8Array(k);
  for (let j = 0; j < k; j++) start[j] = pi[j]! > 0 ? 1 : 0;
  const y = nnls(G, rhs, k, start);
  let total = 0;
  for (let j = 0; j < k; j++) total += y[j]! * scale[j]!;
  if (!(total > 0) || !Number.isFinite(total)) return null;
  const delta = new Float64Array(k);
  let slope = 0;
  for (let j = 0; j < k; j++) {
    delta[j] = (y[j]! * scale[j]!) / total - pi[j]!;
    slope += g[j]! * delta[j]!;
  }
  if (!(slope > 0)) return null;
  // Armijo line search toward the model's optimum.
  const trial = new Float64Array(k);
  for (let step = 1; step > 1e-12; step /= 2) {
    for (let j = 0; j < k; j++) trial[j] = Math.max(0, pi[j]! + step * delta[j]!);
    const prefix = cumulative(trial);
    let ll = 0;
    for (let u = 0; u < lo.length; u++) ll += w[u]! * Math.log(prefix[H[u]! + 1]! - prefix[L[u]!]!);
    if (ll >= ll0 + (step * slope) / 3) {
      const next = new Float64Array(m);
      const sum = prefix[k]!;
      for (let j = 0; j < k; j++) next[support[j]!] = trial[j]! / sum;
      return next;
    }
  }
  return null;
}

/** Lawson–Hanson active set for min ½xᵀGx − hᵀx, x ≥ 0 (G k×k, symmetric positive definite), from passive set `start`. */
function nnls(G: Float64Array, h: Float64Array, k: number, start: Uint8Array): Float64Array {
  const x = new Float64Array(k);
  const z = new Float64Array(k);
  const passive = Uint8Array.from(start);
  let hMax = 0;
  for (let j = 0; j < k; j++) hMax = Math.max(hMax, Math.abs(h[j]!));
  const kktTolerance = 1e-13 * hMax;
  for (let outer = 0; outer < 3 * k + 10; outer++) {
    for (let inner = 0; inner <= k; inner++) {
      const P: number[] = [];
      for (let j = 0; j < k; j++) if (passive[j]) P.push(j);
      if (P.length === 0) break;
      solvePassive(G, h, k, P, z);
      let alpha = 1;
      let blocking = -1;
      for (const j of P) {
        if (z[j]! <= 0) {
          const a = x[j]! / (x[j]! - z[j]!);
          if (blocking < 0 || a < alpha) {
            alpha = a;
            blocking = j;
          }
        }
      }
      if (blocking < 0) {
        for (const j of P) x[j] = z[j]!;
        break;
      }
      for (const j of P) {
        x[j] = x[j]! + alpha * (z[j]! - x[j]!);
        if (j === blocking || x[j]! <= 0) {
          x[j] = 0;
          passive[j] = 0;
        }
      }
    }
    // Add the free variable whose gradient most wants it positive, if any does.
    let best = -1;
    let bestW = kktTolerance;
    for (let j = 0; j < k; j++) {
      if (passive[j]) continue;
      let wj = h[j]!;
      for (let l = 0; l < k; l++) wj -= G[j * k + l]! * x[l]!;
      if (wj > bestW) {
        bestW = wj;
        best = j;
      }
    }
    if (best < 0) break;
    passive[best] = 1;
  }
  return x;
}

/** Solves G[P,P] z[P] = h[P] by Cholesky; tiny pivots are floored, a mild ridge where columns nearly coincide. */
function solvePassive(G: Float64Array, h: Float64Array, k: number, P: number[], z: Float64Array): void {
  const p = P.length;
  const C = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c <= r; c++) {
      let v = G[P[r]! * k + P[c]!]!;
      for (let t = 0; t < c; t++) v -= C[r * p + t]! * C[c * p + t]!;
      if (r === c) C[r * p + r] = Math.sqrt(Math.max(v, 1e-14));
      else C[r * p + c] = v / C[c * p + c]!;
    }
  }
  const y = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    let v = h[P[r]!]!;
    for (let t = 0; t < r; t++) v -= C[r * p + t]! * y[t]!;
    y[r] = v / C[r * p + r]!;
  }
  for (let r = p - 1; r >= 0; r--) {
    let v = y[r]!;
    for (let t = r + 1; t < p; t++) v -= C[t * p + r]! * z[P[t]!]!;
    z[P[r]!] = v / C[r * p + r]!;
  }
}

/** One EM (self-consistency) step: mass_j ← mass_j D_j. */
function emStep(runs: Runs, mass: Float64Array, out: Float64Array): void {
  const D = new Float64Array(runs.m);
  derivatives(runs, mass, D);
  for (let j = 0; j < runs.m; j++) out[j] = mass[j]! * D[j]!;
}

/** Two EM steps extrapolated by SQUAREM (Varadhan & Roland 2008), falling back to the plain steps when that is not better. */
function squaremStep(runs: Runs, s: Float64Array): Float64Array {
  const m = runs.m;
  const s1 = new Float64Array(m);
  const s2 = new Float64Array(m);
  emStep(runs, s, s1);
  emStep(runs, s1, s2);
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
  const base = logLikelihoodOf(runs, s2);
  const sx = new Float64Array(m);
  const s3 = new Float64Array(m);
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
      emStep(runs, sx, s3);
      if (logLikelihoodOf(runs, s3) >= base) return s3;
    }
    alpha = (alpha - 1) / 2;
  }
  return s2;
}

/** Where an innermost interval lies: its ends, and whether each belongs to it. */
export type InnermostBounds = Pick<TurnbullInterval, 'lower' | 'upper' | 'lowerClosed' | 'upperClosed'>;

/**
 * The innermost (Turnbull) intervals of the data, in order, and for each observation the contiguous run
 * first[i]..last[i] of them that it covers. Every estimator of the likelihood starts from this step.
 */
export function innermostIntervals(data: readonly CensoredInterval[], convention: IntervalConvention): { bounds: InnermostBounds[]; first: Int32Array; last: Int32Array } {
  const n = data.length;
  const keys = data.map((d) => endpointKeys(d, convention));
  // Innermost intervals: a left end immediately followed by a right end in the joint order
  // (left ends first at equal keys, so touching closed ends overlap).
  const ends: { k: Key; left: boolean }[] = [];
  for (const [l, r] of keys) {
    ends.push({ k: l, left: true }, { k: r, left: false });
  }
  ends.sort((a, b) => cmp(a.k, b.k) || (a.left === b.left ? 0 : a.left ? -1 : 1));
  const q: Key[] = [];
  const p: Key[] = [];
  for (let i = 1; i < ends.length; i++) {
    const prev = ends[i - 1]!;
    const cur = ends[i]!;
    if (prev.left && !cur.left) {
      q.push(prev.k);
      p.push(cur.k);
    }
  }
  const m = q.length;

  // Each observation covers a contiguous run [a, b] of innermost intervals.
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [l, r] = keys[i]!;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(q[mid]!, l) < 0) lo = mid + 1;
      else hi = mid;
    }
    a[i] = lo;
    lo = 0;
    hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(p[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    b[i] = lo - 1;
    if (b[i]! < a[i]!) throw new Error('internal: observation covers no innermost interval');
  }

  const bounds = q.map((lo, j) => ({ lower: lo.v, upper: p[j]!.v, lowerClosed: lo.e <= 0, upperClosed: p[j]!.e >= 0 && p[j]!.v !== Infinity }));
  return { bounds, first: a, last: b };
}

/** Turnbull NPMLE. Observations containing no information still count in n (they keep mass where the data allow). */
export function turnbull(data: readonly CensoredInterval[], options: TurnbullOptions = {}): TurnbullFit {
  const convention = options.convention ?? 'right-open';
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 5_000;
  const censoring = censoringCounts(data);
  const n = data.length;
  if (n === 0) return { intervals: [], censoring, iterations: 0, converged: true, logLikelihood: 0 };

  const { bounds, first: a, last: b } = innermostIntervals(data, convention);
  const m = bounds.length;

  const runs = collapseRuns(a, b, m);
  const { mass, iterations, converged } = maximise(runs, tolerance, maxIterations);
  const logLikelihood = logLikelihoodOf(runs, mass);

  const intervals: TurnbullInterval[] = [];
  let survival = 1;
  for (let j = 0; j < m; j++) {
    survival = Math.max(0, survival - mass[j]!);
    intervals.push({
      ...bounds[j]!,
      mass: mass[j]!,
      survivalAfter: j === m - 1 ? 0 : survival,
    });
  }
  return { intervals, censoring, iterations, converged, logLikelihood };
}

/**
 * Bounds on P(T > t). Inside an innermost interval the NPMLE does not say where its mass lies,
 * so the survival there is only known to lie between the two values; elsewhere they are equal.
 */
export function survivalBoundsAt(fit: TurnbullFit, t: number): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const iv of fit.intervals) {
    // Mass certainly beyond t: the whole interval lies after t.
    if (iv.lower > t || (iv.lower === t && !iv.lowerClosed)) min += iv.mass;
    // Mass possibly beyond t: some of the interval lies after t.
    if (iv.upper > t) max += iv.mass;
  }
  return { min: Math.min(1, min), max: Math.min(1, max) };
}

/** Survival read with R's convention: each interval's mass drops at its midpoint. */
export function survivalAtMidpoints(fit: TurnbullFit, t: number): number {
  let s = 0;
  for (const iv of fit.intervals) {
    const mid = iv.upper === Infinity ? Infinity : (iv.lower + iv.upper) / 2;
    // R prints times rounded to 12 digits; a midpoint equal to t up to rounding has dropped.
    if (mid > t + 1e-9 * Math.max(1, Math.abs(t))) s += iv.mass;
  }
  return Math.min(1, s);
}

/** Masses within this of each other are a tie: rounding in the fit must not decide which side of p the CDF falls. */
const QUANTILE_TIE = 1e-9;

/**
 * The p-quantile, i.e. where the CDF first reaches p, as the range of values the estimate allows: the
 * innermost interval where the CDF reaches p. Where the CDF reaches p exactly (within 1e-9) at the end
 * of an interval, it stays at p until the next interval with mass, and every value on that flat stretch
 * is a p-quantile: the range runs from the start of the interval where the CDF reaches p to the end of
 * the next interval with mass, and the point estimate is the mean of their midpoints — what R's
 * `quantile.survfit` returns for a converged fit (masses at interval midpoints, survival within tolerance
 * of 1 − p between them). Unbounded (upper = Infinity, estimate null) when that next interval is.
 */
export function quantile(fit: TurnbullFit, p: number): QuantileRange | null {
  const ivs = fit.intervals;
  if (ivs.length === 0 || !(p > 0 && p < 1)) return null;
  const mid = (iv: TurnbullInterval) => (iv.upper === Infinity ? null : (iv.lower + iv.upper) / 2);
  const range = (from: TurnbullInterval, to: TurnbullInterval): QuantileRange => {
    const a = mid(from);
    const b = mid(to);
    return { p, lower: from.lower, upper: to.upper, estimate: a === null || b === null ? null : (a + b) / 2 };
  };
  let cdf = 0;
  for (let j = 0; j < ivs.length; j++) {
    cdf += ivs[j]!.mass;
    if (cdf < p - QUANTILE_TIE) continue;
    const here = ivs[j]!;
    if (cdf > p + QUANTILE_TIE) return range(here, here);
    // A tie: the CDF is flat at p from here to the next interval that carries mass.
    const next = ivs.slice(j + 1).find((iv) => iv.mass > QUANTILE_TIE);
    return range(here, next ?? here);
  }
  return range(ivs[ivs.length - 1]!, ivs[ivs.length - 1]!);
}
