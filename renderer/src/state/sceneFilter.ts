// The timeline's filter and what it says about a scene, as one rule for every screen (scene list,
// timeline, scene facts, the arrow keys, jump to date). Cloud cover a provider did not report (an
// analyst's own GeoTIFF) is unknown: it is never shown as 0%, and a cloud limit leaves such scenes
// out, because "at most 10% cloud" is a claim nobody can make about them. The option labels say so.
import type { Scene, SceneZoneObservability } from '../../../shared/domain';
import { plural } from '../../../shared/words';

export interface SceneFilter {
  /** Show only scenes whose cloud cover is known and at most this share (0–1); null = no limit. */
  maxCloud: number | null;
  /** Show only scenes where this zone is observable (clear or partial); null = any. */
  observableZoneId: string | null;
}

export const CLOUD_LIMITS: { label: string; value: number | null }[] = [
  { label: 'any cloud', value: null },
  { label: 'cloud ≤ 10% (unknown excluded)', value: 0.1 },
  { label: 'cloud ≤ 25% (unknown excluded)', value: 0.25 },
  { label: 'cloud ≤ 50% (unknown excluded)', value: 0.5 },
];

/** "12%", or "unknown" when the provider gave no figure. */
export function cloudText(cover: number | null): string {
  return cover == null ? 'unknown' : `${Math.round(cover * 100)}%`;
}

/** True when the scene's cloud cover is within the limit; unknown cover passes only with no limit. */
export function cloudPasses(cover: number | null, maxCloud: number | null): boolean {
  if (maxCloud == null) return true;
  return cover != null && cover <= maxCloud + 1e-9;
}

/** True when the scene passes the timeline's filter. */
export function scenePasses(scene: Scene, filter: SceneFilter, observability: SceneZoneObservability[]): boolean {
  // Cloud does not hide anything from radar: a cloud limit never leaves a radar scene out.
  if (scene.sensor !== 'sar' && !cloudPasses(scene.cloudCover, filter.maxCloud)) return false;
  if (filter.observableZoneId) {
    const o = observability.find((x) => x.sceneId === scene.id && x.zoneId === filter.observableZoneId);
    const v = o?.value ?? 'clear';
    if (v !== 'clear' && v !== 'partial') return false;
  }
  return true;
}

/** "15 of 16 scenes", and how many of the hidden ones are hidden only for want of a cloud figure. */
export function filterSummary(scenes: readonly Scene[], filter: SceneFilter, observability: SceneZoneObservability[]): string {
  const passing = scenes.filter((s) => scenePasses(s, filter, observability)).length;
  const unknown = filter.maxCloud == null ? 0 : scenes.filter((s) => s.cloudCover == null && s.sensor !== 'sar').length;
  return `${passing} of ${plural(scenes.length, 'scene')}${unknown ? ` · ${unknown} with unknown cloud left out` : ''}`;
}

const DAY_MS = 86_400_000;

/** Where "jump to this date" lands: the scene, and a sentence when it is not on that date. */
export interface JumpTarget {
  index: number;
  /** Null when a scene was taken on that very (UTC) day; otherwise says where it landed instead. */
  notice: string | null;
}

/**
 * The passing scene nearest to a date (YYYY-MM-DD, UTC noon), or a reason there is none. When no
 * scene was taken that day the notice names the nearest, and whether it is the first or last one.
 */
export function jumpTarget(scenes: readonly Scene[], isoDate: string, passes: (s: Scene) => boolean): JumpTarget | string {
  const t = Date.parse(`${isoDate}T12:00:00Z`);
  let best = -1;
  let bestGap = Infinity;
  scenes.forEach((s, i) => {
    if (!passes(s)) return;
    const gap = Math.abs(Date.parse(s.acquired) - t);
    if (gap < bestGap) [best, bestGap] = [i, gap];
  });
  if (best < 0) return scenes.length ? 'No scene passes the timeline filter; clear the filter to jump.' : 'This project has no scenes yet.';
  const scene = scenes[best]!;
  const day = scene.acquired.slice(0, 10);
  if (day === isoDate) return { index: best, notice: null };
  const passing = scenes.filter(passes);
  const where = scene === passing[passing.length - 1] && t > Date.parse(scene.acquired) ? ' (last scene)' : scene === passing[0] && t < Date.parse(scene.acquired) ? ' (first scene)' : '';
  const days = Math.round(bestGap / DAY_MS);
  return { index: best, notice: `No scene on ${isoDate}; the nearest is ${day}${where}, ${plural(Math.max(days, 1), 'day')} away.` };
}

export { parseIsoDate } from '../../../shared/dates';
