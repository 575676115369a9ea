// THE rule for showing a radar (SAR) scene and for naming a scene's sensor. Radar amplitude spans
// several orders of magnitude (calm water ~0.03, a ship's hull 3–10), so it is shown in decibels,
// linearly stretched between two percentiles of the scene's dB values: the map (renderer/src/map/
// radarLayer.ts: the dB per tile in the loader, the stretch on the GPU), report chips
// (electron/node/report/chips.ts) and tests all use these functions.
//
// Single polarisation: grey. Dual polarisation (co-pol first, e.g. VV then VH): false colour with
// R = co-pol, G = cross-pol, B = co-pol / cross-pol (their difference in dB), each stretched
// between its own percentiles. Ships (strong co- and cross-pol) come out white-yellow, water dark,
// vegetation green (volume scattering raises the cross-pol), smooth bare ground and buildings
// facing the sensor blue-magenta (a high co/cross ratio).
import type { Scene } from './domain';

/** Amplitude below this (or not a number) is "no return": shown as the floor of the stretch. */
export const DB_FLOOR = -60;

/** Radar amplitude (√σ⁰, linear) to decibels: 20·log10(a), i.e. 10·log10 of the backscattered power. */
export function amplitudeToDb(a: number): number {
  return a > 0 && Number.isFinite(a) ? Math.max(DB_FLOOR, 20 * Math.log10(a)) : DB_FLOOR;
}

/** The analyst's stretch: the percentiles (0–100) mapped to black and to full brightness. */
export interface RadarStretch {
  lowPercent: number;
  highPercent: number;
}

export const DEFAULT_RADAR_STRETCH: RadarStretch = { lowPercent: 2, highPercent: 98 };

/** A stretch the control may set: whole percents, low below high. */
export function clampStretch(s: RadarStretch): RadarStretch {
  const lo = Math.max(0, Math.min(99, Math.round(s.lowPercent)));
  const hi = Math.max(lo + 1, Math.min(100, Math.round(s.highPercent)));
  return { lowPercent: lo, highPercent: hi };
}

/**
 * The dB value at every whole percentile 0..100 of `values` (nearest rank on the sorted values),
 * skipping NaN. Empty input gives null. Computed once per scene from a sample of its pixels, so
 * that the analyst's stretch can move without reading the image again.
 */
export function quantiles(values: ArrayLike<number>): number[] | null {
  // A typed array sorts numbers natively, several times faster than an array with a comparator (a radar frame of a
  // time-lapse spent most of its time here).
  const v = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) v[n++] = x;
  }
  if (n === 0) return null;
  const sorted = v.subarray(0, n).sort();
  const out: number[] = [];
  for (let p = 0; p <= 100; p++) out.push(sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  return out;
}

/** The dB range [low, high] a stretch maps to black..white, given a band's quantiles; never empty. */
export function stretchRange(q: readonly number[], s: RadarStretch): [number, number] {
  const { lowPercent, highPercent } = clampStretch(s);
  const lo = q[lowPercent]!;
  const hi = q[highPercent]!;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** Display value 0–1 of a dB value in [low, high] (clamped): the same sum the WebGL style computes. */
export function stretchDb(db: number, [lo, hi]: readonly [number, number]): number {
  const t = (db - lo) / (hi - lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** What a radar scene's bands are, from its sample count: 1 → grey, 2 → co-pol, cross-pol, ratio. */
export type RadarComposition = 'single' | 'dual';
export const radarComposition = (bands: number): RadarComposition => (bands >= 2 ? 'dual' : 'single');

/** Per-display-channel quantiles of a radar image (dB), for the stretch: grey, or co, cross and ratio. */
export interface RadarStats {
  composition: RadarComposition;
  /** single: [grey]; dual: [co-pol, cross-pol, co/cross ratio in dB]. */
  channels: number[][];
}

/**
 * Stats of amplitude samples laid out band-sequentially (bands[b][i]): dB per pixel, the dual
 * ratio as their difference, then quantiles. Pixels with no return in any band are left out
 * (a scene's no-data border would otherwise pull the low percentile down to the floor).
 */
export function radarStats(bands: ArrayLike<number>[]): RadarStats | null {
  if (bands.length === 0) return null;
  const n = bands[0]!.length;
  const dual = bands.length >= 2;
  const co = new Float64Array(n);
  const cross = dual ? new Float64Array(n) : null;
  const ratio = dual ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const a = bands[0]![i]!;
    const b = dual ? bands[1]![i]! : 1;
    if (!(a > 0) || !(b > 0)) {
      co[i] = NaN;
      if (cross) cross[i] = NaN;
      if (ratio) ratio[i] = NaN;
      continue;
    }
    co[i] = amplitudeToDb(a);
    if (cross && ratio) {
      cross[i] = amplitudeToDb(b);
      ratio[i] = co[i]! - cross[i]!;
    }
  }
  const channels = (dual ? [co, cross!, ratio!] : [co]).map(quantiles);
  if (channels.some((c) => c === null)) return null;
  return { composition: radarComposition(bands.length), channels: channels as number[][] };
}

/**
 * One pixel for display, 0–255 RGB, from its amplitudes: what the map's WebGL style draws, written
 * once in plain arithmetic for chips and tests.
 */
export function radarPixel(amplitudes: readonly number[], stats: RadarStats, stretch: RadarStretch): [number, number, number] {
  const byte = (t: number) => Math.round(t * 255);
  const co = amplitudeToDb(amplitudes[0]!);
  if (stats.composition === 'single') {
    const g = byte(stretchDb(co, stretchRange(stats.channels[0]!, stretch)));
    return [g, g, g];
  }
  const cross = amplitudeToDb(amplitudes[1]!);
  return [
    byte(stretchDb(co, stretchRange(stats.channels[0]!, stretch))),
    byte(stretchDb(cross, stretchRange(stats.channels[1]!, stretch))),
    byte(stretchDb(co - cross, stretchRange(stats.channels[2]!, stretch))),
  ];
}

/** "Sentinel-1A" from a STAC platform id such as "sentinel-1a"; other ids as written. */
export function platformName(platform: string | undefined): string | null {
  if (!platform) return null;
  const s1 = /^sentinel-?(\d)([a-d])$/i.exec(platform);
  if (s1) return `Sentinel-${s1[1]}${s1[2]!.toUpperCase()}`;
  return platform;
}

/**
 * A scene's sensor as an analyst says it, on every mark, chip and export: "radar, Sentinel-1A VV+VH",
 * "radar" when nothing more is known, "optical, SkySat-C3" or "optical".
 */
export function sensorLabel(scene: Pick<Scene, 'sensor' | 'acquisition'>): string {
  const kind = scene.sensor === 'sar' ? 'radar' : 'optical';
  const platform = platformName(scene.acquisition?.platform);
  const pols = scene.sensor === 'sar' && scene.acquisition?.polarizations?.length ? scene.acquisition.polarizations.join('+') : null;
  const detail = [platform, pols].filter(Boolean).join(' ');
  return detail ? `${kind}, ${detail}` : kind;
}

/** The short tag the scene list and timeline show beside a radar scene. */
export const SENSOR_TAG: Record<Scene['sensor'], string> = { optical: '', sar: 'SAR' };
