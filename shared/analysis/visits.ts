// Visits (and track dwell) of one subject at one zone: maximal runs of presence not broken by an absence (an examined clear scene).

import type { Id, Visit } from '../domain';
import { lowerBound, upperBound, type SceneIndex } from './input';

const HOUR_MS = 3_600_000;

/**
 * `presence`: sorted, distinct scene positions where the subject has a counted sighting in the zone.
 * `absent`: sorted positions of scenes where the zone is clear and was examined. Such a scene between two
 * presences is an absence (it cannot be a presence: presences are consecutive), so it splits the run;
 * partial, obscured, outside and unexamined scenes are not in `absent` and never split. The bracketing
 * scenes are the nearest absences outside the run.
 */
export function visitsForKey(subjectId: Id, zoneId: Id, presence: ArrayLike<number>, absent: ArrayLike<number>, index: SceneIndex): Visit[] {
  const out: Visit[] = [];
  const n = presence.length;
  let start = 0;
  for (let k = 1; k <= n; k++) {
    const ends = k === n || (() => {
      const c = upperBound(absent, presence[k - 1]!);
      return c < absent.length && absent[c]! < presence[k]!;
    })();
    if (!ends) continue;
    const first = presence[start]!;
    const last = presence[k - 1]!;
    const before = lowerBound(absent, first) - 1;
    const after = upperBound(absent, last);
    const arrivalPos = before >= 0 ? absent[before]! : -1;
    const departurePos = after < absent.length ? absent[after]! : -1;
    const tFirst = index.times[first]!;
    const tLast = index.times[last]!;
    const sceneIds: Id[] = [];
    for (let i = start; i < k; i++) sceneIds.push(index.ids[presence[i]!]!);
    out.push({
      subjectId,
      zoneId,
      firstSeen: index.scenes[first]!.acquired,
      lastSeen: index.scenes[last]!.acquired,
      arrivalAfter: arrivalPos >= 0 ? index.scenes[arrivalPos]!.acquired : null,
      arrivalAfterSceneId: arrivalPos >= 0 ? index.ids[arrivalPos]! : null,
      departureBefore: departurePos >= 0 ? index.scenes[departurePos]!.acquired : null,
      departureBeforeSceneId: departurePos >= 0 ? index.ids[departurePos]! : null,
      sceneIds,
      dwellMinHours: (tLast - tFirst) / HOUR_MS,
      dwellMaxHours: arrivalPos >= 0 && departurePos >= 0 ? (index.times[departurePos]! - index.times[arrivalPos]!) / HOUR_MS : null,
    });
    start = k;
  }
  return out;
}
