// Wires the store to the map once, at start-up: the map follows the state; clicks become actions.
import type { Observability } from '../../../shared/domain';
import { useApp, currentScene } from '../state/appStore';
import type { MapController } from './MapController';

export function bindMapToStore(map: MapController) {
  let lastProjectPath: string | null = null;

  const sync = () => {
    const s = useApp.getState();
    const path = s.summary?.project.path ?? null;
    if (path !== lastProjectPath) {
      lastProjectPath = path;
      map.reset();
    }
    const scene = currentScene(s);
    void map.showScene(scene);
    const obs = new Map<string, Observability>();
    if (scene) for (const o of s.observability) if (o.sceneId === scene.id) obs.set(o.zoneId, o.value);
    map.setZones(s.zones, obs);
    map.setSightings(scene ? s.sightings.filter((x) => x.sceneId === scene.id) : [], s.selectedId);
    map.setCursor(s.tool);
  };

  useApp.subscribe(sync);
  sync();

  map.onClick(({ lonLat, sightingId }) => {
    const s = useApp.getState();
    if (s.tool === 'mark') void s.markAt(lonLat);
    else s.select(sightingId);
  });
}
