// Where AIS puts each vessel at a scene's instant (the map's AIS layer): the messages around that
// instant are read by time (indexed), indexed in memory and interpolated by the shared rules
// (shared/ais/track.ts), named from AIS static data or the project's vessel with that MMSI.
import type { AisAtScene, AisVesselAtScene } from '../../../shared/calls/aisView';
import type { AisSettings } from '../../../shared/ais/types';
import { buildTrackIndex, vesselsAt } from '../../../shared/ais/track';
import { buildBrackets, type AisBracketTable } from '../../../shared/ais/verdicts';
import { toMs } from '../../../shared/analysis/input';
import { QuaywatchError } from '../errors';
import type { ProjectStore } from '../store/projectStore';
import { aisPositionsNear, aisStatics } from '../store/ais';

/** How much of where a vessel came from the map shows behind it. */
export const TAIL_MIN = 30;
const WORLD: [number, number, number, number] = [-180, -90, 180, 90];

export function aisAtScene(store: ProjectStore, sceneId: string, settings: Pick<AisSettings, 'windowMin'>): AisAtScene {
  const scene = store.scene(sceneId);
  if (!scene) throw new QuaywatchError('not_found', `No scene ${sceneId} in this project.`);
  const t = toMs(scene.acquired);
  const windowMs = settings.windowMin * 60_000;
  const tailMs = TAIL_MIN * 60_000;
  // Every kept position is already near a site (the import keeps the area of interest plus its buffer).
  const index = buildTrackIndex(aisPositionsNear(store, t, Math.max(windowMs, tailMs), WORLD));
  const names = latestNames(store, t);
  const vesselOf = new Map<string, { id: string; name: string }>();
  for (const v of store.vessels()) if (v.mmsi) vesselOf.set(v.mmsi, v);
  const vessels: AisVesselAtScene[] = vesselsAt(index, t, windowMs, tailMs).map(({ mmsi, estimate, tail }) => {
    const nearest = tail.at(-1) ?? null;
    const v = vesselOf.get(mmsi) ?? null;
    return {
      mmsi,
      name: names.get(mmsi) ?? v?.name ?? null,
      vesselId: v?.id ?? null,
      lon: estimate.lon,
      lat: estimate.lat,
      sog: estimate.sog,
      cog: nearest?.cog ?? null,
      minutesAway: estimate.nearestMinutes,
      tail: [...tail.map((f) => [f.lon, f.lat] as [number, number]), [estimate.lon, estimate.lat]],
    };
  });
  return { sceneId, acquired: scene.acquired, windowMin: settings.windowMin, vessels };
}

/** Each MMSI's name from its latest static report at or before `t` (else its first one after). */
function latestNames(store: ProjectStore, t: number): Map<string, string> {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const s of aisStatics(store)) {
    if (!s.name) continue;
    if (s.t <= t) before.set(s.mmsi, s.name);
    else if (!after.has(s.mmsi)) after.set(s.mmsi, s.name);
  }
  for (const [m, n] of after) if (!before.has(m)) before.set(m, n);
  return before;
}

/**
 * The brackets of every scene × MMSI of the project's vessels (shared/ais/verdicts.ts): each scene's
 * window of messages is read by time, so the table costs one indexed read per scene, not the whole log.
 */
export function aisBracketTable(store: ProjectStore, windowMin: number): AisBracketTable {
  const mmsis = new Set(store.vessels().flatMap((v) => (v.mmsi ? [v.mmsi] : [])));
  const rows: AisBracketTable['rows'] = [];
  if (!mmsis.size) return { windowMin, rows };
  for (const scene of store.scenes()) {
    const t = toMs(scene.acquired);
    const index = buildTrackIndex(aisPositionsNear(store, t, windowMin * 60_000, WORLD).filter((p) => mmsis.has(p.mmsi)));
    if (index.mmsis.length) rows.push(...buildBrackets(index, [scene], index.mmsis, windowMin).rows);
  }
  return { windowMin, rows };
}
