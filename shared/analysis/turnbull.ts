// Turnbull's non-parametric MLE of a distribution from interval-censored observations (self-consistency EM).

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
  /** The quantile lies in [lower, upper]: the innermost interval where the CDF reaches p. */
  lower: number;
  upper: number;
  /** Midpoint of that interval (R's survfit convention); null when it is unbounded. */
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

/** Turnbull NPMLE. Observations containing no information still count in n (they keep mass where the data allow). */
export function turnbull(data: readonly CensoredInterval[], options: TurnbullOptions = {}): TurnbullFit {
  const convention = options.convention ?? 'right-open';
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 5_000;
  const censoring = censoringCounts(data);
  const n = data.length;
  if (n === 0) return { intervals: [], censoring, iterations: 0, converged: true, logLikelihood: 0 };

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
      lower: q[j]!.v,
      upper: p[j]!.v,
      lowerClosed: q[j]!.e <= 0,
      upperClosed: p[j]!.e >= 0 && p[j]!.v !== Infinity,
      mass,
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

/** The p-quantile, i.e. where the CDF first reaches p, as the innermost interval that contains it. */
export function quantile(fit: TurnbullFit, p: number): QuantileRange | null {
  if (fit.intervals.length === 0 || !(p > 0 && p < 1)) return null;
  let cdf = 0;
  for (const iv of fit.intervals) {
    cdf += iv.mass;
    // A small slack so that masses EM left at 1e-12 do not decide the interval.
    if (cdf >= p - 1e-9) {
      return {
        p,
        lower: iv.lower,
        upper: iv.upper,
        estimate: iv.upper === Infinity ? null : (iv.lower + iv.upper) / 2,
      };
    }
  }
  const last = fit.intervals[fit.intervals.length - 1]!;
  return { p, lower: last.lower, upper: last.upper, estimate: last.upper === Infinity ? null : (last.lower + last.upper) / 2 };
}
