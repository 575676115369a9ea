// "Clicking a visit jumps to its scenes": switch to the map on the visit's first scene, with its sightings selected and a trail to step through.
import type { PortCall } from '../../../shared/analysis';
import type { Visit } from '../../../shared/domain';
import { useApp } from '../state/appStore';
import { useAnalysis, type TrailStay } from './analysisStore';

/** The scenes to check a visit by: the absence before, every presence, the absence after. */
export function trailScenes(v: Pick<Visit, 'sceneIds' | 'arrivalAfterSceneId' | 'departureBeforeSceneId'>): string[] {
  return [v.arrivalAfterSceneId, ...v.sceneIds, v.departureBeforeSceneId].filter((x): x is string => !!x);
}

export function showTrailScene(pos: number) {
  const trail = useAnalysis.getState().trail;
  if (!trail) return;
  const p = Math.max(0, Math.min(trail.sceneIds.length - 1, pos));
  const sceneId = trail.sceneIds[p]!;
  const app = useApp.getState();
  const index = app.scenes.findIndex((s) => s.id === sceneId);
  if (index < 0) return;
  app.goToScene(index);
  const zones = new Set(trail.visit.zoneIds);
  const ids = app.sightings.filter((s) => s.sceneId === sceneId && s.zoneId !== null && zones.has(s.zoneId) && (s.vesselId === trail.visit.subjectId || s.trackId === trail.visit.subjectId)).map((s) => s.id);
  app.select(ids);
  useAnalysis.getState().setTrail({ ...trail, pos: p });
}

export function jumpToVisit(v: Visit) {
  openTrail({ ...v, zoneIds: [v.zoneId], portCall: false });
}

/** A port call opens the same way, its sightings at any of its quays selected on each scene. */
export function jumpToPortCall(c: PortCall) {
  openTrail({ ...c, portCall: true });
}

function openTrail(v: TrailStay) {
  const sceneIds = trailScenes(v);
  // Start on the first presence scene, not the absence before it.
  const start = v.arrivalAfterSceneId ? 1 : 0;
  useAnalysis.getState().setTrail({ visit: v, sceneIds, pos: start });
  useAnalysis.getState().setView('map');
  showTrailScene(start);
}
