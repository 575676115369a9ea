// Wires the store to the map once, at start-up: the map follows the state; what the map's tools
// report (marks drawn, features moved, selections) becomes store actions.
import type { Observability, Sighting, Vessel } from '../../../shared/domain';
import { useApp, currentScene, ghostsOfCurrentScene, scenePasses, sightingsOfCurrentScene } from '../state/appStore';
import type { MapController } from './MapController';
import { measureBox } from '../../../shared/measure';
import { canHaveCount } from '../../../shared/sightingRules';
import { useAis } from '../ais/aisStore';

/** The text beside a mark: the linked vessel's name and, for a box, its length. */
function labelOf(s: Sighting, vesselNames: Map<string, string>): string {
  const parts: string[] = [];
  if (s.vesselId) parts.push(vesselNames.get(s.vesselId) ?? '');
  if (s.geometry.type === 'Polygon') {
    const m = measureBox(s.geometry);
    if (m) parts.push(`${Math.round(m.lengthM)} m`);
  }
  if (canHaveCount(s.class) && s.count != null) parts.push(`×${s.count}`);
  return parts.filter(Boolean).join(' · ');
}

const NO_MARKS: Sighting[] = [];

export function bindMapToStore(map: MapController) {
  // The compared scene's marks, kept as one array while the sightings and that scene do not change.
  let comparedMemo: { all: Sighting[]; sceneId: string; list: Sighting[] } | null = null;
  const sightingsOfScene = (s: { sightings: Sighting[] }, sceneId: string) => {
    if (comparedMemo?.all !== s.sightings || comparedMemo.sceneId !== sceneId) {
      comparedMemo = { all: s.sightings, sceneId, list: s.sightings.filter((x) => x.sceneId === sceneId) };
    }
    return comparedMemo.list;
  };
  let lastProjectPath: string | null = null;
  // Labels by sighting object: the store runs this on every change (even a toast), and measuring
  // 10,000 boxes each time would cost more than drawing them. A new vessel list recomputes.
  const labelCache = new WeakMap<Sighting, { vessels: Vessel[]; text: string }>();
  let names = new Map<string, string>();
  let namesOf: Vessel[] | null = null;
  const cachedLabel = (x: Sighting, vessels: Vessel[]) => {
    const hit = labelCache.get(x);
    if (hit && hit.vessels === vessels) return hit.text;
    if (namesOf !== vessels) {
      names = new Map(vessels.map((v) => [v.id, v.name]));
      namesOf = vessels;
    }
    const text = labelOf(x, names);
    labelCache.set(x, { vessels, text });
    return text;
  };

  // The labels of what is drawn, one Map while the marks drawn and the vessels are unchanged.
  let labelsMemo: { lists: Sighting[][]; vessels: Vessel[]; labels: Map<string, string> } | null = null;
  const labelsOf = (here: Sighting[], ghosts: Sighting[], compared: Sighting[], vessels: Vessel[]) => {
    const lists = [here, ghosts, compared];
    if (labelsMemo?.vessels === vessels && labelsMemo.lists.every((l, i) => l === lists[i])) return labelsMemo.labels;
    const labels = new Map<string, string>();
    for (const list of lists) for (const x of list) labels.set(x.id, cachedLabel(x, vessels));
    labelsMemo = { lists, vessels, labels };
    return labels;
  };

  const sync = () => {
    const s = useApp.getState();
    const path = s.summary?.project.path ?? null;
    if (path !== lastProjectPath) {
      lastProjectPath = path;
      map.reset();
      useAis.getState().forget();
    }
    const scene = currentScene(s);
    // Preload the scenes the arrow keys lead to: the next/previous ones that pass the filter.
    const neighbours = [];
    for (const d of [1, -1]) {
      for (let i = s.sceneIndex + d; i >= 0 && i < s.scenes.length; i += d) {
        if (scenePasses(s.scenes[i]!, s.filter, s.observability)) {
          neighbours.push(s.scenes[i]!);
          break;
        }
      }
    }
    void map.showScene(scene, neighbours);
    const obs = new Map<string, Observability>();
    if (scene) for (const o of s.observability) if (o.sceneId === scene.id) obs.set(o.zoneId, o.value);
    map.setZones(s.zones, obs, s.selectedZoneId);
    map.setPendingZone(s.pendingZone);
    const here = sightingsOfCurrentScene(s);
    const ghosts = s.ghostsVisible ? ghostsOfCurrentScene(s) : NO_MARKS;
    const compared = s.compare.mode === 'side' && s.compare.sceneId ? sightingsOfScene(s, s.compare.sceneId) : NO_MARKS;
    const labels = labelsOf(here, ghosts, compared, s.vessels);
    if (s.saveState !== 'saving') map.clearPending();
    map.setSightings(here, s.selectedIds, labels);
    map.setGhosts(ghosts);
    map.setCompareSightings(compared);
    map.setMode(s.mode);
    map.setSnapping(s.snapping);
    const compareScene = s.compare.mode === 'off' ? null : (s.scenes.find((x) => x.id === s.compare.sceneId) ?? null);
    map.setCompare(s.compare.mode, compareScene);
    syncAis();
  };

  // AIS at the current scene's instant, when the layer is on; nothing while that scene's answer is awaited.
  const syncAis = () => {
    const ais = useAis.getState();
    const scene = currentScene(useApp.getState());
    if (ais.shown && scene) void ais.want(scene.id);
    map.setAis(ais.shown && scene ? (ais.atScene.get(scene.id)?.vessels ?? null) : null);
  };

  useAis.subscribe(syncAis);
  useApp.subscribe(sync);
  sync();

  const app = () => useApp.getState();
  map.setCallbacks({
    select: (ids, how) => app().select(ids, how),
    selectZone: (id) => app().selectZone(id),
    selectGhost: (id) => app().selectGhost(id),
    marked: (geometry) => void app().mark(geometry),
    movedSightings: (changes) => void app().moveSightings(changes),
    reshapedZone: (id, geometry) => void app().reshapeZone(id, geometry),
    zoneDrawn: (geometry) => app().zoneDrawn(geometry),
    measured: (text) => app().setMeasurement(text),
  });
}
