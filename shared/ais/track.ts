// AIS positions per MMSI in time order, packed in typed arrays: the one structure every AIS rule reads
// (verdicts, the map layer, gaps, AIS visits). Built once from AisPosition[] in any order; the host
// keeps it, the renderer never holds it (it receives brackets: verdicts.ts).
import type { AisPosition, Mmsi } from './types';

/** One message of a track, without its MMSI: what brackets and tails carry (plain, serialisable). */
export type AisFix = Omit<AisPosition, 'mmsi'>;

/**
 * Positions sorted by (MMSI, t), one contiguous run per MMSI (`ranges`), columns as typed arrays: a
 * million positions are a few arrays, not a million objects, and a bracket is one binary search.
 * Null sog/cog/heading are NaN, a null navStatus is -1.
 */
export interface AisTrackIndex {
  /** MMSIs in text order. */
  mmsis: Mmsi[];
  /** MMSI → [start, end) in the columns. */
  ranges: Map<Mmsi, readonly [number, number]>;
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  sog: Float32Array;
  cog: Float32Array;
  heading: Float32Array;
  navStatus: Int8Array;
  /** Messages dropped as the same report heard by two stations (see DUPLICATE_*). */
  duplicatesDropped: number;
}

/**
 * Two receiving stations hear the same transmission and each logs it with its own clock: same MMSI,
 * the same position to the payload's resolution (1/10000 minute ≈ 0.2 m), receive times apart by the
 * stations' clock offsets. Within 1 s and 1 m it is one report. A real second report from a ship moored
 * still can be at the same place, but never within 1 s: class A reports at most every 2 s.
 */
export const DUPLICATE_MS = 1_000;
export const DUPLICATE_M = 1;

const M_PER_DEG = 111_320; // equatorial degree; enough to compare with 1 m
const RAD = Math.PI / 180;

const nanIfNull = (v: number | null) => (v === null ? NaN : v);
const nullIfNaN = (v: number) => (Number.isNaN(v) ? null : v);

/** The index of `positions`, in any order; duplicates from two stations collapsed to the earliest. */
export function buildTrackIndex(positions: readonly AisPosition[]): AisTrackIndex {
  // Bucket by MMSI (counting sort on MMSI codes), then sort each bucket by time. Rows from the store
  // come sorted by (mmsi, t) already, so a bucket is checked before it is sorted.
  const codeOf = new Map<Mmsi, number>();
  const codes = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const m = positions[i]!.mmsi;
    let c = codeOf.get(m);
    if (c === undefined) codeOf.set(m, (c = codeOf.size));
    codes[i] = c;
  }
  const mmsis = [...codeOf.keys()].sort();
  const rank = new Int32Array(mmsis.length);
  mmsis.forEach((m, r) => (rank[codeOf.get(m)!] = r));
  const start = new Int32Array(mmsis.length + 1);
  for (let i = 0; i < codes.length; i++) start[rank[codes[i]!]! + 1]!++;
  for (let r = 0; r < mmsis.length; r++) start[r + 1]! += start[r]!;
  const order = new Uint32Array(positions.length);
  const fill = start.slice(0, mmsis.length);
  for (let i = 0; i < codes.length; i++) order[fill[rank[codes[i]!]!]!++] = i;

  const n = positions.length;
  const t = new Float64Array(n), lon = new Float64Array(n), lat = new Float64Array(n);
  const sog = new Float32Array(n), cog = new Float32Array(n), heading = new Float32Array(n);
  const navStatus = new Int8Array(n);
  const ranges = new Map<Mmsi, readonly [number, number]>();
  let k = 0;
  let dropped = 0;
  for (let r = 0; r < mmsis.length; r++) {
    const bucket = order.subarray(start[r]!, start[r + 1]!);
    let sorted = true;
    for (let j = 1; j < bucket.length && sorted; j++) sorted = positions[bucket[j - 1]!]!.t <= positions[bucket[j]!]!.t;
    if (!sorted) bucket.sort((a, b) => positions[a]!.t - positions[b]!.t || a - b);
    const from = k;
    for (const i of bucket) {
      const p = positions[i]!;
      if (isDuplicate(p, t, lon, lat, from, k)) {
        dropped++;
        continue;
      }
      t[k] = p.t; lon[k] = p.lon; lat[k] = p.lat;
      sog[k] = nanIfNull(p.sog); cog[k] = nanIfNull(p.cog); heading[k] = nanIfNull(p.heading);
      navStatus[k] = p.navStatus ?? -1;
      k++;
    }
    ranges.set(mmsis[r]!, [from, k]);
  }
  return {
    mmsis, ranges,
    t: t.slice(0, k), lon: lon.slice(0, k), lat: lat.slice(0, k),
    sog: sog.slice(0, k), cog: cog.slice(0, k), heading: heading.slice(0, k), navStatus: navStatus.slice(0, k),
    duplicatesDropped: dropped,
  };
}

/** Whether `p` repeats a message kept already (within DUPLICATE_MS before it, at the same place). */
function isDuplicate(p: AisPosition, t: Float64Array, lon: Float64Array, lat: Float64Array, from: number, to: number): boolean {
  const k = Math.cos(p.lat * RAD);
  for (let j = to - 1; j >= from && p.t - t[j]! <= DUPLICATE_MS; j--) {
    const dy = (p.lat - lat[j]!) * M_PER_DEG;
    const dx = wrapLon(p.lon - lon[j]!) * M_PER_DEG * k;
    if (dx * dx + dy * dy <= DUPLICATE_M * DUPLICATE_M) return true;
  }
  return false;
}

/** A longitude difference taken the short way round (across the antimeridian). */
export function wrapLon(d: number): number {
  return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}

/** The message at column i. */
export function fixAt(index: AisTrackIndex, i: number): AisFix {
  return {
    t: index.t[i]!, lon: index.lon[i]!, lat: index.lat[i]!,
    sog: nullIfNaN(index.sog[i]!), cog: nullIfNaN(index.cog[i]!), heading: nullIfNaN(index.heading[i]!),
    navStatus: index.navStatus[i]! < 0 ? null : index.navStatus[i]!,
  };
}

/** First column in [lo, hi) with t > x. */
export function firstAfter(t: ArrayLike<number>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First column in [lo, hi) with t >= x. */
export function firstAtOrAfter(t: ArrayLike<number>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The messages that bracket an instant: the last at or before it and the first after it, each only
 * if within ± window. What a verdict and the map need of a track at a scene's time, and all of it:
 * the renderer gets these per scene × MMSI instead of the track (verdicts.ts).
 */
export interface AisBracket {
  before: AisFix | null;
  after: AisFix | null;
}

export const NO_BRACKET: AisBracket = Object.freeze({ before: null, after: null }) as AisBracket;

export function bracketAt(index: AisTrackIndex, mmsi: Mmsi, tMs: number, windowMs: number): AisBracket {
  const r = index.ranges.get(mmsi);
  if (!r) return NO_BRACKET;
  const i = firstAfter(index.t, r[0], r[1], tMs);
  const b = i - 1 >= r[0] && tMs - index.t[i - 1]! <= windowMs ? fixAt(index, i - 1) : null;
  const a = i < r[1] && index.t[i]! - tMs <= windowMs ? fixAt(index, i) : null;
  return b || a ? { before: b, after: a } : NO_BRACKET;
}

/** Where AIS puts a vessel at an instant, and how far in time that rests on a message. */
export interface AisEstimate {
  lon: number;
  lat: number;
  /** Minutes from the instant to the nearest message used (0 when one was sent at that instant). */
  nearestMinutes: number;
  /** 'interpolated' between the two bracketing messages, or 'single': the one message within the window, as is. */
  kind: 'interpolated' | 'single';
  /** Speed over ground (kn) of the nearest message used, null when it had none. */
  sog: number | null;
}

/**
 * The position at `tMs` from a bracket. Two messages: linear interpolation in time between them. A
 * local east/north frame in metres (measure.ts localFrame) is linear in lon/lat, so interpolating
 * lon/lat linearly (the short way round in longitude) IS interpolating in that frame; within a ±30 min
 * window the positions are at most a few tens of km apart, where the frame and the great circle differ
 * by about a metre. One message: used as is (no dead reckoning: a moored ship's course is noise, and
 * a moving one's would extrapolate from what may be the last message before it went dark). None: null.
 */
export function estimateAt(b: AisBracket, tMs: number): AisEstimate | null {
  const { before: p, after: q } = b;
  if (p && q) return interpolate(p.t, p.lon, p.lat, p.sog ?? NaN, q.t, q.lon, q.lat, q.sog ?? NaN, tMs);
  const one = p ?? q;
  return one ? single(one.t, one.lon, one.lat, one.sog, tMs) : null;
}

/** The one message within the window, as is. */
function single(t: number, lon: number, lat: number, sog: number | null, tMs: number): AisEstimate {
  return { lon, lat, nearestMinutes: Math.abs(tMs - t) / 60_000, kind: 'single', sog };
}

/** The one interpolation, on plain numbers (NaN: no speed), so the index can call it without building fixes. */
function interpolate(t0: number, lon0: number, lat0: number, sog0: number, t1: number, lon1: number, lat1: number, sog1: number, tMs: number): AisEstimate {
  const span = t1 - t0;
  const f = span > 0 ? (tMs - t0) / span : 0;
  const d0 = tMs - t0;
  const d1 = t1 - tMs;
  let lon = lon0 + f * wrapLon(lon1 - lon0);
  if (lon > 180) lon -= 360;
  else if (lon < -180) lon += 360;
  const sog = d0 <= d1 ? sog0 : sog1;
  return { lon, lat: lat0 + f * (lat1 - lat0), nearestMinutes: Math.min(d0, d1) / 60_000, kind: 'interpolated', sog: Number.isNaN(sog) ? null : sog };
}

/**
 * estimateAt(bracketAt(…)) read straight from the columns: the verdicts of 100,000 sightings build
 * no message objects. Same numbers into the same interpolate(), so the same answer (tested).
 */
export function estimateFromIndex(index: AisTrackIndex, mmsi: Mmsi, tMs: number, windowMs: number): AisEstimate | null {
  const r = index.ranges.get(mmsi);
  if (!r) return null;
  const { t, lon, lat, sog } = index;
  const i = firstAfter(t, r[0], r[1], tMs);
  const b = i - 1 >= r[0] && tMs - t[i - 1]! <= windowMs ? i - 1 : -1;
  const a = i < r[1] && t[i]! - tMs <= windowMs ? i : -1;
  if (b < 0 && a < 0) return null;
  return estimateFromNumbers(
    b < 0 ? NaN : t[b]!, b < 0 ? NaN : lon[b]!, b < 0 ? NaN : lat[b]!, b < 0 ? NaN : sog[b]!,
    a < 0 ? NaN : t[a]!, a < 0 ? NaN : lon[a]!, a < 0 ? NaN : lat[a]!, a < 0 ? NaN : sog[a]!, tMs);
}

/**
 * estimateAt on plain numbers, for whatever keeps messages in columns (the index, a bracket table's
 * index in verdicts.ts): a message that is not there has a NaN time, a speed that is not known is NaN.
 */
export function estimateFromNumbers(t0: number, lon0: number, lat0: number, sog0: number, t1: number, lon1: number, lat1: number, sog1: number, tMs: number): AisEstimate | null {
  const p = !Number.isNaN(t0);
  const q = !Number.isNaN(t1);
  if (p && q) return interpolate(t0, lon0, lat0, sog0, t1, lon1, lat1, sog1, tMs);
  if (p) return single(t0, lon0, lat0, Number.isNaN(sog0) ? null : sog0, tMs);
  if (q) return single(t1, lon1, lat1, Number.isNaN(sog1) ? null : sog1, tMs);
  return null;
}

/** The position of a vessel at an instant from the index: bracket, then estimate. */
export function positionAt(index: AisTrackIndex, mmsi: Mmsi, tMs: number, windowMs: number): AisEstimate | null {
  return estimateFromIndex(index, mmsi, tMs, windowMs);
}

/**
 * The short tail of a track for the map: the messages in [tMs − spanMs, tMs], oldest first, at most
 * `maxPoints` (the latest ones). Nothing after the instant: the map shows where the ship had been.
 */
export function tailBefore(index: AisTrackIndex, mmsi: Mmsi, tMs: number, spanMs: number, maxPoints = 50): AisFix[] {
  const r = index.ranges.get(mmsi);
  if (!r) return [];
  const hi = firstAfter(index.t, r[0], r[1], tMs);
  const lo = Math.max(firstAtOrAfter(index.t, r[0], hi, tMs - spanMs), hi - maxPoints);
  const out: AisFix[] = [];
  for (let i = lo; i < hi; i++) out.push(fixAt(index, i));
  return out;
}

/** One vessel on the AIS map layer at a scene's instant. */
export interface AisVesselAt {
  mmsi: Mmsi;
  estimate: AisEstimate;
  tail: AisFix[];
}

/**
 * Every vessel AIS places at an instant (a message within ± window), with its tail: what the host
 * answers for the map layer on a scene switch. `mmsis` limits the answer (default: all).
 */
export function vesselsAt(index: AisTrackIndex, tMs: number, windowMs: number, tailMs: number, mmsis: readonly Mmsi[] = index.mmsis): AisVesselAt[] {
  const out: AisVesselAt[] = [];
  for (const mmsi of mmsis) {
    const estimate = positionAt(index, mmsi, tMs, windowMs);
    if (estimate) out.push({ mmsi, estimate, tail: tailBefore(index, mmsi, tMs, tailMs) });
  }
  return out;
}
