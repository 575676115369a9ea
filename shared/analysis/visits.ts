// Visits (and track dwell) of one subject at one zone: maximal runs of presence not broken by a clear absence.

import type { Id, Visit } from '../domain';
import { lowerBound, upperBound, type SceneIndex } from './input';

const HOUR_MS = 3_600_000;

/**
 * `presence`: sorted, distinct scene positions where the subject has a counted sighting in the zone.
 * `clear`: sorted positions of scenes where the zone is clear. A clear scene between two presences is an
 * absence (it cannot be a presence: presences are consecutive), so it splits the run; partial, obscured
 * and outside scenes are not in `clear` and never split. The bracketing scenes are the nearest clear
 * scenes outside the run, which by the same argument are absences.
 */
export function visitsForKey(subjectId: Id, zoneId: Id, presence: ArrayLike<number>, clear: ArrayLike<number>, index: SceneIndex): Visit[] {
  const out: Visit[] = [];
  const n = presence.length;
  let start = 0;
  for (let k = 1; k <= n; k++) {
    const ends = k === n || (() => {
      const c = upperBound(clear, presence[k - 1]!);
      return c < clear.length && clear[c]! < presence[k]!;
    })();
    if (!ends) continue;
    const first = presence[start]!;
    const last = presence[k - 1]!;
    const before = lowerBound(clear, first) - 1;
    const after = upperBound(clear, last);
    const arrivalPos = before >= 0 ? clear[before]! : -1;
    const departurePos = after < clear.length ? clear[after]! : -1;
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
