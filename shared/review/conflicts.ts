// Conflicts: two analysts marking the same object differently (class, vessel identity or container count).
import type { Id, Review, Sighting } from '../domain';
import { latestVerdicts } from '../analysis/input';
import { anchorDistanceM, sameObject, SAME_OBJECT_DISTANCE_M } from './sameObject';

export type ConflictField = 'class' | 'vessel' | 'count';

export interface SightingConflict {
  /** Stable for a pair: the two ids in sorted order, joined by ':'. */
  id: string;
  sceneId: Id;
  /** The two sightings, `a` the one with the smaller id (so the pair's order is stable). */
  a: Sighting;
  b: Sighting;
  /** What the two marks disagree on. */
  differences: ConflictField[];
  distanceM: number;
}

/**
 * What two marks of one object disagree on. A vessel identity differs only when both are linked
 * (an unlinked mark has made no claim about identity); a count only when both are counted.
 */
export function differencesOf(a: Sighting, b: Sighting): ConflictField[] {
  const out: ConflictField[] = [];
  if (a.class !== b.class) out.push('class');
  if (a.vesselId && b.vesselId && a.vesselId !== b.vesselId) out.push('vessel');
  if (a.count !== null && b.count !== null && a.count !== b.count) out.push('count');
  return out;
}

/**
 * A conflict is settled once a reviewer decided: either mark's latest verdict is `rejected`, or both
 * marks' latest verdicts are `confirmed` ("keep both": they are two objects).
 */
export function isSettled(aId: Id, bId: Id, verdicts: ReturnType<typeof latestVerdicts>): boolean {
  const va = verdicts.get(aId)?.verdict;
  const vb = verdicts.get(bId)?.verdict;
  return va === 'rejected' || vb === 'rejected' || (va === 'confirmed' && vb === 'confirmed');
}

/**
 * Every unsettled pair of sightings by different authors on the same scene that show the same
 * object (sameObject: overlapping outlines or anchors ≤ distanceM apart) and differ in class,
 * vessel or count. Ordered by scene, then pair id.
 */
export function findConflicts(
  sightings: readonly Sighting[],
  reviews: readonly Pick<Review, 'id' | 'sightingId' | 'verdict' | 'at'>[] = [],
  distanceM = SAME_OBJECT_DISTANCE_M,
): SightingConflict[] {
  const verdicts = latestVerdicts(reviews);
  const byScene = new Map<Id, Sighting[]>();
  for (const s of sightings) byScene.set(s.sceneId, [...(byScene.get(s.sceneId) ?? []), s]);
  const out: SightingConflict[] = [];
  for (const [sceneId, list] of byScene) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = list[i]!.id < list[j]!.id ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        if (a.author === b.author) continue;
        if (!sameObject(a, b, distanceM)) continue;
        const differences = differencesOf(a, b);
        if (differences.length === 0 || isSettled(a.id, b.id, verdicts)) continue;
        out.push({ id: `${a.id}:${b.id}`, sceneId, a, b, differences, distanceM: anchorDistanceM(a.geometry, b.geometry) });
      }
    }
  }
  return out.sort((x, y) => (x.sceneId < y.sceneId ? -1 : x.sceneId > y.sceneId ? 1 : x.id < y.id ? -1 : 1));
}
