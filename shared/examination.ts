// The analyst's record of effort (SceneZoneExamined), as pure rules shared by the store, the command
// line and the workbench: which zones of a scene can be examined, whether a scene is done, progress
// over a series, and the next scene still to examine.
import { defaultObservability } from './analysis/input';
import type { Id, Observability, Scene, SceneZoneExamined, SceneZoneObservability, Sighting, Zone } from './domain';

type SceneLike = Pick<Scene, 'id' | 'siteId' | 'footprint' | 'acquired'>;
type ZoneLike = Pick<Zone, 'id' | 'siteId' | 'geometry'>;

export const examinedKey = (sceneId: Id, zoneId: Id) => `${sceneId}/${zoneId}`;

/** What the analysis does with a pair: a stored value (derived or the analyst's), else the default rule. */
export function observabilityOfPair(scene: SceneLike, zone: ZoneLike, stored: ReadonlyMap<string, Observability>): Observability {
  return stored.get(examinedKey(scene.id, zone.id)) ?? defaultObservability(scene, zone, {});
}

export function storedObservability(list: readonly Pick<SceneZoneObservability, 'sceneId' | 'zoneId' | 'value'>[]): Map<string, Observability> {
  return new Map(list.map((o) => [examinedKey(o.sceneId, o.zoneId), o.value]));
}

/**
 * Whether an analyst can examine a zone on a scene: a zone of its site the image shows (clear or partial).
 * An obscured or outside zone has nothing to look at; whether it was "examined" changes no number.
 */
export function isExaminable(scene: SceneLike, zone: ZoneLike, stored: ReadonlyMap<string, Observability>): boolean {
  const v = observabilityOfPair(scene, zone, stored);
  return zone.siteId === scene.siteId && (v === 'clear' || v === 'partial');
}

export function examinableZones<Z extends ZoneLike>(scene: SceneLike, zones: readonly Z[], stored: ReadonlyMap<string, Observability>): Z[] {
  return zones.filter((z) => isExaminable(scene, z, stored));
}

/**
 * The pairs holding an unverified (carried, unconfirmed) mark: such a zone is not examined until the mark
 * is confirmed or deleted, so callers take these out of the examined set.
 */
export function unverifiedPairs(sightings: readonly Pick<Sighting, 'sceneId' | 'zoneId' | 'verified'>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sightings) if (!s.verified && s.zoneId) out.add(examinedKey(s.sceneId, s.zoneId));
  return out;
}

export function examinedSet(list: readonly Pick<SceneZoneExamined, 'sceneId' | 'zoneId'>[]): Set<string> {
  return new Set(list.map((e) => examinedKey(e.sceneId, e.zoneId)));
}

/**
 * "41 of 69 scenes examined": scenes with a zone to examine, those done (every such zone examined), and
 * the ones still to do. A scene that shows no zone has nothing to examine and is not counted.
 */
export function examinationProgress(
  scenes: readonly SceneLike[],
  zones: readonly ZoneLike[],
  stored: ReadonlyMap<string, Observability>,
  examined: ReadonlySet<string>,
): { scenes: number; examined: number; todoIds: Set<Id> } {
  let total = 0;
  const todoIds = new Set<Id>();
  for (const s of scenes) {
    const zs = examinableZones(s, zones, stored);
    if (zs.length === 0) continue;
    total++;
    if (zs.some((z) => !examined.has(examinedKey(s.id, z.id)))) todoIds.add(s.id);
  }
  return { scenes: total, examined: total - todoIds.size, todoIds };
}

/**
 * The index of the next scene (dir 1) or previous one (dir −1) from `from` in `order` that still has
 * a zone to examine, or null when there is none that way.
 */
export function nextUnexamined(order: readonly Pick<Scene, 'id'>[], from: number, dir: 1 | -1, todo: ReadonlySet<Id>): number | null {
  for (let i = from + dir; i >= 0 && i < order.length; i += dir) if (todo.has(order[i]!.id)) return i;
  return null;
}
