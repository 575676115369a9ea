// Coverage of a zone over a period: what the imagery could have shown, to stand beside every count.

import type { Id, IsoTime } from '../domain';
import { lowerBound, toIso, type ZoneTimeline } from './input';
import { observationDays } from './observation';

export const DAY_MS = 86_400_000;

/** What one sensor's scenes showed of a zone over a period. */
export interface SensorCoverage {
  /** Scenes imaging the zone (clear + partial + obscured). */
  scenes: number;
  clear: number;
  examinedClear: number;
  partial: number;
  obscured: number;
}

export interface Coverage {
  zoneId: Id;
  from: IsoTime;
  to: IsoTime;
  /** UTC calendar days that intersect [from, to). */
  days: number;
  /** Scenes in the period that image the zone (clear + partial + obscured). */
  scenes: number;
  clear: number;
  /** Clear scenes the analyst examined: the only ones that can show a ship was not there. */
  examinedClear: number;
  partial: number;
  obscured: number;
  /** Scenes in the period whose footprint misses the zone (or another site's scenes). */
  outside: number;
  /** Days with at least one clear scene. */
  clearDays: number;
  /** clearDays / days */
  shareOfDaysObserved: number;
  /** Longest stretch without a clear scene, counting from the period's start and to its end. */
  longestGapDays: number;
  /** The scene counts above split by sensor (optical: every scene that is not radar); they add up to them. */
  bySensor: { optical: SensorCoverage; radar: SensorCoverage };
  /**
   * Days observed (observation.ts): UTC days whose best observation was an examined clear optical scene,
   * and days with none whose best was an examined clear radar scene; each day counted once.
   */
  opticalDays: number;
  radarDays: number;
}

const noScenes = (): SensorCoverage => ({ scenes: 0, clear: 0, examinedClear: 0, partial: 0, obscured: 0 });

export function coverageForZone(tl: ZoneTimeline, fromMs: number, toMs: number): Coverage {
  const lo = lowerBound(tl.times, fromMs);
  const hi = lowerBound(tl.times, toMs);
  const counts = [0, 0, 0, 0];
  let examinedClear = 0;
  let clearDays = 0;
  let lastDay = Number.NaN;
  let prevClear = fromMs;
  let longestGap = 0;
  const bySensor = { optical: noScenes(), radar: noScenes() };
  for (let i = lo; i < hi; i++) {
    const code = tl.codes[i]!;
    counts[code]!++;
    const sensor = tl.sar?.[i] ? bySensor.radar : bySensor.optical;
    if (code < 3) sensor.scenes++;
    if (code === 1) sensor.partial++;
    else if (code === 2) sensor.obscured++;
    if (code !== 0) continue;
    sensor.clear++;
    if (tl.examined[i]) {
      examinedClear++;
      sensor.examinedClear++;
    }
    const t = tl.times[i]!;
    const day = Math.floor(t / DAY_MS);
    if (day !== lastDay) {
      clearDays++;
      lastDay = day;
    }
    longestGap = Math.max(longestGap, t - prevClear);
    prevClear = t;
  }
  longestGap = Math.max(longestGap, toMs - prevClear);
  const days = Math.max(0, Math.ceil(toMs / DAY_MS) - Math.floor(fromMs / DAY_MS));
  return {
    zoneId: tl.zoneId,
    from: toIso(fromMs),
    to: toIso(toMs),
    days,
    scenes: counts[0]! + counts[1]! + counts[2]!,
    clear: counts[0]!,
    examinedClear,
    partial: counts[1]!,
    obscured: counts[2]!,
    outside: counts[3]!,
    clearDays,
    shareOfDaysObserved: days > 0 ? clearDays / days : 0,
    longestGapDays: longestGap / DAY_MS,
    bySensor,
    ...observedDays(tl, fromMs, toMs),
  };
}

function observedDays(tl: ZoneTimeline, fromMs: number, toMs: number): { opticalDays: number; radarDays: number } {
  let opticalDays = 0;
  let radarDays = 0;
  for (const d of observationDays(tl, null, fromMs, toMs)) {
    if (d.kind === 'optical-clear') opticalDays++;
    else if (d.kind === 'radar-clear') radarDays++;
  }
  return { opticalDays, radarDays };
}

/** 'YYYY-MM' of a UTC instant. */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthStart(key: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a month key (YYYY-MM): ${key}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
}

export function addMonths(key: string, n: number): string {
  const d = new Date(monthStart(key));
  return monthKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

/** [start, end) of a month in ms. */
export function monthBounds(key: string): [number, number] {
  return [monthStart(key), monthStart(addMonths(key, 1))];
}

/** Every month from the one containing fromMs to the one containing (toMs − 1 ms). */
export function monthsBetween(fromMs: number, toMs: number): string[] {
  if (!(toMs > fromMs)) return [];
  const out: string[] = [];
  const last = monthKey(toMs - 1);
  for (let k = monthKey(fromMs); ; k = addMonths(k, 1)) {
    out.push(k);
    if (k === last || out.length > 100_000) break;
  }
  return out;
}
