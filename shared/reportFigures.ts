// Which scenes a report's figures show (issue 20): a before/after pair of a zone and a strip of its frames, chosen
// among the scenes that show the zone by the time-lapse's rule (shared/timelapse.ts planTimelapse: the analysis's own
// observability), so a report never illustrates a quay with a scene the analysis counts as seeing nothing there.
import type { Scene, Zone } from './domain';
import { planTimelapse, type TimelapseInput } from './timelapse';

export const STRIP_MIN_FRAMES = 2;
export const STRIP_MAX_FRAMES = 12;
export const STRIP_DEFAULT_FRAMES = 6;

/** `n` of `items` evenly spread, the first and the last included; all of them when there are no more than `n`. */
export function evenlySpread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  if (n <= 1) return items.slice(0, n);
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}

export interface FigureCandidates {
  /** Scenes of the period that show the zone and whose pixels are on this machine, oldest first. */
  usable: Scene[];
  /** Scenes that show the zone but whose pixels are not here: passed over, and the report says so. */
  withoutPixels: Scene[];
  /** Scenes of the period on which the zone was obscured or not imaged. */
  obscured: Scene[];
}

/** The scenes a figure of `zone` over [from, to) (ms, `to` excluded) may draw. */
export function figureCandidates(input: TimelapseInput, zone: Zone, range: { from: number; to: number }, hasPixels: (scene: Scene) => boolean): FigureCandidates {
  // Greyed frames are the obscured ones: the plan keeps them in date order, flagged, rather than counting them away.
  const plan = planTimelapse(input, { zone }, range, 'grey');
  const usable: Scene[] = [];
  const withoutPixels: Scene[] = [];
  const obscured: Scene[] = [];
  for (const { scene, obscured: dark } of plan.frames) (dark ? obscured : hasPixels(scene) ? usable : withoutPixels).push(scene);
  return { usable, withoutPixels, obscured };
}
