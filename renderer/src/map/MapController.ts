// The one OpenLayers map of the window, created once outside React's render cycle. React and the
// store talk to it only through this controller, so StrictMode's double effects never make two maps.
// It also owns the second map of a side-by-side comparison (the one exception to "one map").
import OlMap from 'ol/Map';
import View from 'ol/View';
import Collection from 'ol/Collection';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import type { Geometry } from 'ol/geom';
import type { Style } from 'ol/style';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import Snap from 'ol/interaction/Snap';
import { register } from 'ol/proj/proj4';
import { transform } from 'ol/proj';
import { getRenderPixel } from 'ol/render';
import type RenderEvent from 'ol/render/Event';
import proj4 from 'proj4';
import type { LonLat, Observability, PolygonGeometry, Scene, Sighting, SightingClass, SightingGeometry, Zone } from '../../../shared/domain';
import { createSceneLayer, sceneViewHint, type SceneLayer } from './sceneLayer';
import { ghostStyle, pendingZoneStyle, sightingStyle, zoneStyle } from './vectorStyles';
import { MarkFeatures } from './markFeatures';
import { MarksLayer } from './marksLayer';
import { pickMark } from './pick';
import { revealMove, type Extent } from './reveal';
import type { Coordinate } from 'ol/coordinate';
import { KIND, type MapMode, type ModeCallbacks, type ModeContext, type ModeSpec } from './modes/Mode';
import SelectMode from './modes/SelectMode';
import MarkMode from './modes/MarkMode';
import ZoneMode from './modes/ZoneMode';
import MeasureMode from './modes/MeasureMode';

// Planet's products come in UTM: define every UTM zone once so GeoTIFF sources can name their CRS.
for (let zone = 1; zone <= 60; zone++) {
  const z = String(zone).padStart(2, '0');
  proj4.defs(`EPSG:326${z}`, `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs +type=crs`);
  proj4.defs(`EPSG:327${z}`, `+proj=utm +zone=${zone} +south +datum=WGS84 +units=m +no_defs +type=crs`);
}
register(proj4);

export type CompareMode = 'off' | 'swipe' | 'side';

/** True once a scene layer has been drawn with its source ready (or its source failed: nothing more will come). */
function drawnOrFailed(layer: SceneLayer): boolean {
  const state = layer.getSourceState();
  return state === 'error' || (state === 'ready' && (layer as unknown as { rendered: boolean }).rendered);
}

/** `?preload=0` turns neighbour preloading off, so the scene-switch benchmark can show what it buys. */
const PRELOAD = typeof location === 'undefined' || new URLSearchParams(location.search).get('preload') !== '0';

const noCallbacks: ModeCallbacks = {
  select: () => {},
  selectZone: () => {},
  selectGhost: () => {},
  marked: () => {},
  movedSightings: () => {},
  reshapedZone: () => {},
  zoneDrawn: () => {},
  measured: () => {},
};

export class MapController {
  private readonly map: OlMap;
  private readonly zonesLayer = new VectorLayer({ source: new VectorSource(), zIndex: 10 });
  private readonly ghostsLayer = new VectorLayer({ source: new VectorSource(), zIndex: 15 });
  // Drawn to an image that is reused while the view pans or zooms: 10,000 marks cost one draw per
  // view change instead of one per frame (a plain vector layer made panning stutter at 10,000).
  private readonly sightingsLayer = new MarksLayer({ source: new VectorSource(), zIndex: 20, imageRatio: 1.5 });
  // The selected marks drawn again, highlighted, on a small plain layer above: selecting one of
  // 10,000 then restyles nothing in the big layer, so its image is not redrawn (that redraw was
  // most of a click's cost). Drags and reshapes move the highlight's own copy of the geometry, so
  // the big layer is redrawn once when the edit is saved, not on every pointer move; the mark's
  // saved place shows beneath until then.
  private readonly selectionLayer = new VectorLayer({ source: new VectorSource(), zIndex: 21 });
  private readonly selectedFeatures = new Collection<Feature>();
  // A mark just drawn, shown at once while it is being saved (the saved one replaces it); with
  // thousands of marks on the scene, the saved mark needs the big layer redrawn, a frame or more later.
  private readonly pendingLayer = new VectorLayer({ source: new VectorSource(), zIndex: 22 });
  // New marks, a few at a time, drawn here until the big layer is redrawn anyway (markFeatures.ts).
  private readonly stagingLayer = new VectorLayer({ source: new VectorSource(), zIndex: 20 });
  private readonly sightingMarks = new MarkFeatures<Sighting>(this.sightingsLayer.getSource()!, 'sighting', this.stagingLayer.getSource()!);
  private readonly ghostMarks = new MarkFeatures<Sighting>(this.ghostsLayer.getSource()!, 'ghost');
  /** Imagery layers of the current scene and its neighbours (drawn at opacity 0 to preload, then hidden). */
  private readonly sceneLayers = new Map<string, SceneLayer>();
  private currentSceneId: string | null = null;
  /** Neighbours to preload once the current scene has finished drawing. */
  private pendingPreload: Scene[] = [];
  /**
   * Neighbours drawn at opacity 0 until their tiles for this view are in (decoded and uploaded);
   * then they are hidden. A hidden layer keeps its tiles and textures but costs nothing per frame,
   * whereas at opacity 0 it is still drawn and composited every frame (and, with a software
   * compositor, read back: ~30 ms a frame at 1440×900), which slowed every step.
   */
  private readonly preloading = new Set<string>();
  private viewProjection: string | null = null;
  private callbacks: ModeCallbacks = noCallbacks;
  private mode: MapMode | null = null;
  private modeKey = '';
  private hoveredGhost: string | null = null;

  // Comparison: one extra layer, clipped in the main map (swipe) or shown in a second map (side).
  private compareMode: CompareMode = 'off';
  private compareScene: Scene | null = null;
  private compareLayer: SceneLayer | null = null;
  private compareMap: OlMap | null = null;
  // The compared scene's marks, drawn in the side-by-side pane only (to look at, not to edit).
  private readonly compareMarksLayer = new MarksLayer({ source: new VectorSource(), zIndex: 20, imageRatio: 1.5 });
  private readonly compareMarks = new MarkFeatures<Sighting>(this.compareMarksLayer.getSource()!, 'compare');
  private compareSightings: Sighting[] = [];
  private compareTarget: HTMLElement | null = null;
  private swipe = 0.5;

  constructor() {
    this.map = new OlMap({
      controls: defaultControls({ attribution: true, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
      layers: [this.zonesLayer, this.ghostsLayer, this.sightingsLayer, this.stagingLayer, this.selectionLayer, this.pendingLayer],
      // Shift-drag belongs to box selection, not to OpenLayers' zoom box; and two quick clicks on
      // two marks (or shift-clicks) are a selection, not a double-click zoom. Wheel and +/- zoom.
      interactions: defaultInteractions({ shiftDragZoom: false, doubleClickZoom: false }),
    });
    this.map.on('rendercomplete', () => this.reportRender());
    // The big marks layer is redrawn after every move: staged marks join it then, not one by one.
    this.map.on('movestart', () => this.sightingMarks.promote());
    this.sightingsLayer.onRedrawn = () => this.sightingMarks.settle();
    for (const layer of [this.zonesLayer, this.ghostsLayer, this.sightingsLayer, this.stagingLayer]) {
      layer.getSource()!.on('clear', () => {
        if (this.snapping) this.placeSnaps();
      });
    }
    this.selectionLayer.on('postrender', () => (this.selectionDrawnVersion = this.selectionVersion));
    // Hidden neighbours have the tiles of the old view only: draw them again until the new ones are in.
    this.map.on('moveend', () => this.preloadHiddenNeighbours());
    this.map.on('pointermove', (e) => {
      if (e.dragging) return;
      const ghost = this.markAt(e.coordinate, 'ghost');
      const hit = ghost !== null || this.markAt(e.coordinate, 'sighting') !== null;
      if (ghost !== this.hoveredGhost) {
        this.hoveredGhost = ghost;
        this.drawGhosts(); // restyles the two ghosts involved, nothing else
      }
      const el = this.map.getTargetElement();
      if (el) el.style.cursor = hit ? 'pointer' : '';
    });
    this.setMode({ name: 'select' });
  }

  setTarget(el: HTMLElement | undefined) {
    this.map.setTarget(el);
  }

  setCallbacks(callbacks: ModeCallbacks) {
    this.callbacks = callbacks;
  }

  private readonly modeContext: ModeContext = {
    map: null as unknown as OlMap,
    sightingsInExtent: (extent) => {
      const ids = new Set<string>();
      for (const layer of [this.sightingsLayer, this.stagingLayer]) layer.getSource()!.forEachFeatureIntersectingExtent(extent, (f) => void ids.add(String(f.getId())));
      return [...ids];
    },
    selectionLayer: this.selectionLayer,
    zonesLayer: this.zonesLayer,
    ghostsLayer: this.ghostsLayer,
    selectedFeatures: this.selectedFeatures,
    projection: () => this.viewProjection ?? 'EPSG:3857',
    toLonLat: (c) => {
      const [lon, lat] = transform(c, this.viewProjection ?? 'EPSG:3857', 'EPSG:4326');
      return [lon!, lat!];
    },
    fromLonLat: (p) => transform([p[0], p[1]], 'EPSG:4326', this.viewProjection ?? 'EPSG:3857'),
    callbacks: () => this.callbacks,
    showPending: (geometry, cls) => this.showPending(geometry, cls),
    markAt: (coordinate, kind) => this.markAt(coordinate, kind),
  };

  /** The id of the sighting (or ghost) under a map coordinate, 4 px of slack, or null. */
  private markAt(coordinate: Coordinate, kind: 'sighting' | 'ghost'): string | null {
    const resolution = this.map.getView().getResolution();
    if (!resolution) return null;
    const sources = kind === 'ghost' ? [this.ghostsLayer.getSource()!] : [this.sightingsLayer.getSource()!, this.stagingLayer.getSource()!];
    const f = pickMark(sources, coordinate, resolution, 4);
    return f ? String(f.getId()) : null;
  }

  /** Exits the current tool and enters another; entering the same tool again does nothing. */
  setMode(spec: ModeSpec) {
    const key = JSON.stringify(spec);
    if (key === this.modeKey) return;
    // Claim the new mode before exiting the old one: exit() may report to the store, whose
    // subscribers call back in here, and must then see the switch as already done.
    this.modeKey = key;
    const previous = this.mode;
    this.mode = null;
    previous?.exit();
    this.mode =
      spec.name === 'mark'
        ? new MarkMode(spec.cls, spec.shape)
        : spec.name === 'zone'
          ? new ZoneMode()
          : spec.name === 'measure'
            ? new MeasureMode(spec.kind)
            : new SelectMode();
    (this.modeContext as { map: OlMap }).map = this.map;
    this.mode.enter(this.modeContext);
    this.placeSnaps(); // above the new tool's interactions
    this.map.getTargetElement()?.setAttribute('data-mode', spec.name);
    this.map.getTargetElement()?.classList.toggle('marking', spec.name !== 'select');
  }

  // ---- snapping -------------------------------------------------------------------------------

  private snapping = false;
  private snaps: Snap[] = [];

  /**
   * Snapping (optional, Shift+S): a click, a drawn corner or a dragged vertex within 10 px of a
   * zone's edge or corner, a mark, or a ghost (where the ship lay on the previous scene) lands
   * exactly on it.
   */
  setSnapping(on: boolean) {
    if (on === this.snapping) return;
    this.snapping = on;
    this.placeSnaps();
    this.map.getTargetElement()?.setAttribute('data-snapping', on ? 'on' : 'off');
  }

  /**
   * Snap must be added after the tool's Draw/Modify to see the pointer first, so it is placed
   * again whenever the tool changes. It is also rebuilt when a source is cleared in one go
   * (a scene switch): a fast clear does not tell Snap which features went.
   */
  private placeSnaps() {
    for (const snap of this.snaps) this.map.removeInteraction(snap);
    this.snaps = [];
    if (!this.snapping) return;
    for (const layer of [this.zonesLayer, this.ghostsLayer, this.sightingsLayer, this.stagingLayer]) {
      const snap = new Snap({ source: layer.getSource()!, pixelTolerance: 10 });
      this.map.addInteraction(snap);
      this.snaps.push(snap);
    }
  }

  /** Forgets every layer: called when another project opens. */
  reset() {
    for (const layer of this.sceneLayers.values()) this.disposeLayer(layer);
    this.sceneLayers.clear();
    this.setCompare('off', null);
    this.currentSceneId = null;
    this.pendingPreload = [];
    this.preloading.clear();
    this.viewProjection = null;
    this.map.getTargetElement()?.setAttribute('data-render-state', 'loading');
  }

  private disposeLayer(layer: SceneLayer) {
    this.map.removeLayer(layer as never);
    this.compareMap?.removeLayer(layer as never);
    // OpenLayers' WebGL tile renderer (with preload) queues a setTimeout(0) in each frame that reads
    // its layer; disposing at once made that callback throw "Cannot read properties of undefined
    // (reading 'getRenderSource')" on a scene switch. Disposing on a later task lets it run first.
    setTimeout(() => layer.dispose(), 50);
  }

  /**
   * Shows a scene's imagery keeping the view (same centre and zoom). Its neighbours are then drawn
   * at opacity 0 so their tiles are loaded and uploaded before the user steps to them; everything
   * farther is released so memory and WebGL contexts stay bounded.
   */
  async showScene(scene: Scene | null, neighbours: Scene[]) {
    if (!scene) return;
    const keep = new Set([scene.id, ...(PRELOAD ? neighbours.map((n) => n.id) : [])]);
    if (scene.id === this.currentSceneId && neighbours.every((n) => this.sceneLayers.has(n.id) || this.pendingPreload.includes(n))) return;
    this.currentSceneId = scene.id;
    const el = this.map.getTargetElement();
    let layer = this.sceneLayers.get(scene.id);
    if (!layer) {
      layer = createSceneLayer(scene);
      this.sceneLayers.set(scene.id, layer);
      this.map.addLayer(layer as never);
      el?.setAttribute('data-render-state', 'loading');
      if (!this.viewProjection) await this.fitTo(layer);
    }
    if (this.currentSceneId !== scene.id) return; // the user already stepped on
    for (const [id, l] of this.sceneLayers) {
      if (!keep.has(id)) {
        this.disposeLayer(l);
        this.sceneLayers.delete(id);
        this.preloading.delete(id);
        continue;
      }
      const current = id === scene.id;
      if (current) this.preloading.delete(id);
      // A neighbour still loading stays drawn (at opacity 0); a loaded one (like the scene just left) is hidden.
      l.setVisible(current || this.preloading.has(id));
      l.setOpacity(current ? 1 : 0);
      l.setZIndex(current ? 1 : 0);
    }
    this.pendingPreload = PRELOAD ? neighbours.filter((n) => !this.sceneLayers.has(n.id)) : [];
    el?.setAttribute('data-scene-id', scene.id);
    this.map.render();
  }

  private async fitTo(layer: SceneLayer) {
    const hint = await sceneViewHint(layer);
    if (!hint || this.viewProjection) return;
    this.viewProjection = hint.projection;
    const view = new View({ projection: hint.projection, center: hint.center, maxZoom: 24, constrainResolution: false });
    this.map.setView(view);
    this.compareMap?.setView(view);
    if (hint.extent) view.fit(hint.extent, { padding: [20, 20, 20, 20] });
    // Features drawn before the projection was known were in the wrong coordinates: start over.
    this.sightingMarks.clear();
    this.ghostMarks.clear();
    this.redrawVectors();
  }

  private toView(lonLat: LonLat) {
    return this.viewProjection ? transform(lonLat, 'EPSG:4326', this.viewProjection) : lonLat;
  }

  private toViewGeometry(g: SightingGeometry): Geometry {
    if (g.type === 'Point') return new Point(this.toView(g.coordinates));
    return new Polygon(g.coordinates.map((ring) => ring.map((c) => this.toView(c))));
  }

  // ---- vectors ---------------------------------------------------------------------------------

  private zones: Zone[] = [];
  private zoneObservability = new Map<string, Observability>();
  private selectedZoneId: string | null = null;
  private sightings: Sighting[] = [];
  private selectedIds = new Set<string>();
  private ghosts: Sighting[] = [];
  private labels = new Map<string, string>();

  setZones(zones: Zone[], observability: Map<string, Observability>, selectedZoneId: string | null) {
    const same =
      zones === this.zones &&
      selectedZoneId === this.selectedZoneId &&
      observability.size === this.zoneObservability.size &&
      [...observability].every(([k, v]) => this.zoneObservability.get(k) === v);
    if (same) return;
    this.zones = zones;
    this.zoneObservability = observability;
    this.selectedZoneId = selectedZoneId;
    this.drawZones();
    this.syncSelectedFeatures();
  }

  private pendingZone: Zone['geometry'] | null = null;
  /** The zone just drawn and waiting for its name: drawn, so the analyst sees what they are naming. */
  setPendingZone(geometry: Zone['geometry'] | null) {
    if (geometry === this.pendingZone) return;
    this.pendingZone = geometry;
    this.drawZones();
  }

  /** Sightings of the current scene; `labels` gives the text beside a mark (vessel name, length). */
  setSightings(sightings: Sighting[], selectedIds: string[], labels: Map<string, string>) {
    // The store hands out the same arrays and maps while nothing in them changed (it updates on
    // every click and toast): identity first, element by element only when that fails.
    const marksSame =
      sightings === this.sightings || (sightings.length === this.sightings.length && sightings.every((s, i) => s === this.sightings[i]));
    const labelsSame =
      labels === this.labels || (labels.size === this.labels.size && [...labels].every(([k, v]) => this.labels.get(k) === v));
    const sel = new Set(selectedIds);
    const selectionSame = sel.size === this.selectedIds.size && [...sel].every((id) => this.selectedIds.has(id));
    if (marksSame && labelsSame && selectionSame) return;
    this.sightings = sightings;
    this.selectedIds = sel;
    this.labels = labels;
    // A change of selection alone leaves the big layer alone.
    if (!marksSame || !labelsSame) this.drawSightings();
    this.syncSelectedFeatures();
  }

  private showPending(geometry: Geometry, cls: SightingClass) {
    const f = new Feature({ geometry: geometry.clone() });
    f.setStyle(sightingStyle(cls, true, ''));
    this.pendingLayer.getSource()!.addFeature(f);
    this.pendingDrawnAt = null;
    this.pendingLayer.once('postrender', () => (this.pendingDrawnAt = performance.now()));
  }

  private pendingDrawnAt: number | null = null;
  /** For the benchmark: when a frame first drew the last mark shown as pending (performance.now()). */
  lastPendingDrawnAt(): number | null {
    return this.pendingDrawnAt;
  }

  /** The marks being saved are saved (or refused): the store's marks show the outcome. */
  clearPending() {
    const source = this.pendingLayer.getSource()!;
    if (source.getFeatures().length) source.clear(true);
  }

  /** The previous scene's marks, drawn faintly. */
  setGhosts(ghosts: Sighting[]) {
    if (ghosts.length === this.ghosts.length && ghosts.every((g, i) => g === this.ghosts[i])) return;
    this.ghosts = ghosts;
    if (this.hoveredGhost && !ghosts.some((g) => g.id === this.hoveredGhost)) this.hoveredGhost = null;
    this.drawGhosts();
  }

  /** The ghost under the pointer, for the accept key. */
  hoveredGhostId(): string | null {
    return this.hoveredGhost;
  }

  private redrawVectors() {
    this.drawZones();
    this.drawSightings();
    this.drawGhosts();
    this.drawCompareSightings();
    this.syncSelectedFeatures();
  }

  private drawZones() {
    const source = this.zonesLayer.getSource()!;
    source.clear();
    if (!this.viewProjection) return;
    source.addFeatures(
      this.zones.map((zone) => {
        const f = new Feature({ geometry: this.toViewGeometry(zone.geometry) });
        f.setId(zone.id);
        f.set(KIND, 'zone');
        f.setStyle(zoneStyle(zone.name, this.zoneObservability.get(zone.id) ?? 'clear', zone.id === this.selectedZoneId));
        return f;
      }),
    );
    if (this.pendingZone) {
      // Not KIND 'zone': nothing can select, move or snap-pick it until it is saved.
      const f = new Feature({ geometry: this.toViewGeometry(this.pendingZone) });
      f.set(KIND, 'pending-zone');
      f.setStyle(pendingZoneStyle());
      source.addFeature(f);
    }
  }

  /** Incremental: only marks that were added, removed, moved or restyled are touched. */
  private drawSightings() {
    this.lastSync = this.drawMarks(this.sightingMarks, this.sightings, (s) => sightingStyle(s.class, false, this.labels.get(s.id) ?? ''));
  }

  private drawGhosts() {
    this.drawMarks(this.ghostMarks, this.ghosts, (s) => ghostStyle(s.class, s.id === this.hoveredGhost, this.labels.get(s.id) ?? ''));
  }

  /** Brings one layer's marks to `items` in the view's projection (none until the view has one). */
  private drawMarks(marks: MarkFeatures<Sighting>, items: Sighting[], style: (s: Sighting) => Style) {
    if (!this.viewProjection) {
      marks.clear();
      return { added: 0, removed: 0, updated: 0 };
    }
    return marks.sync(items, { geometry: (s) => this.toViewGeometry(s.geometry), style });
  }

  /** For the benchmark and tests: what the last sightings update touched. */
  private lastSync = { added: 0, removed: 0, updated: 0 };
  lastSightingSync() {
    return { ...this.lastSync, total: this.sightingMarks.size(), staged: this.sightingMarks.stagedCount() };
  }

  private selectionVersion = 0;
  private selectionDrawnVersion = 0;
  /** For the benchmark: whether a frame has drawn the selection as it is now. */
  selectionDrawn(): boolean {
    return this.selectionDrawnVersion === this.selectionVersion;
  }

  /** Highlight features by sighting id, kept while the mark stays selected (a running drag holds one). */
  private readonly highlights = new Map<string, Feature>();
  /** The mark geometry each highlight was copied from. */
  private readonly highlightSource = new WeakMap<Feature, Geometry | undefined>();

  /**
   * Brings the highlight layer to the selection and keeps the collection that Translate/Modify act
   * on equal to it: the highlights (they share geometry with the marks, so moving one moves both)
   * and the selected zone.
   */
  private syncSelectedFeatures() {
    const overlay = this.selectionLayer.getSource()!;
    let changed = false;
    for (const [id, h] of this.highlights) {
      if (this.selectedIds.has(id) && this.sightingMarks.feature(id)) continue;
      overlay.removeFeature(h);
      this.highlights.delete(id);
      changed = true;
    }
    const features: Feature[] = [];
    for (const id of this.selectedIds) {
      const mark = this.sightingMarks.feature(id);
      const s = this.sightingMarks.item(id);
      if (!mark || !s) continue;
      const style = sightingStyle(s.class, true, this.labels.get(id) ?? '');
      let h = this.highlights.get(id);
      if (!h) {
        h = new Feature({ geometry: mark.getGeometry()?.clone() });
        this.highlightSource.set(h, mark.getGeometry());
        h.setId(id);
        h.set(KIND, 'sighting');
        h.setStyle(style);
        this.highlights.set(id, h);
        overlay.addFeature(h);
        changed = true;
      } else {
        // A saved (or refused) edit gives the mark a new geometry object: show that one.
        if (this.highlightSource.get(h) !== mark.getGeometry()) {
          h.setGeometry(mark.getGeometry()?.clone());
          this.highlightSource.set(h, mark.getGeometry());
          changed = true;
        }
        if (h.getStyle() !== style) {
          h.setStyle(style);
          changed = true;
        }
      }
      features.push(h);
    }
    if (changed) this.selectionVersion++;
    if (this.selectedZoneId) {
      const f = this.zonesLayer.getSource()!.getFeatureById(this.selectedZoneId);
      if (f) features.push(f as Feature);
    }
    const now = this.selectedFeatures.getArray();
    if (now.length === features.length && now.every((f, i) => f === features[i])) return;
    this.selectedFeatures.clear();
    this.selectedFeatures.extend(features);
  }

  // ---- comparison ------------------------------------------------------------------------------

  /** Where the side-by-side map draws; React gives it the element of the second pane. */
  setCompareTarget(el: HTMLElement | null) {
    this.compareTarget = el;
    this.compareMap?.setTarget(el ?? undefined);
  }

  /** Where the swipe line is, as a share of the map's width from the left. */
  setSwipe(position: number) {
    this.swipe = Math.max(0, Math.min(1, position));
    this.map.render();
  }

  setCompare(mode: CompareMode, scene: Scene | null) {
    if (mode === this.compareMode && scene?.id === this.compareScene?.id) return;
    if (this.compareLayer) {
      this.disposeLayer(this.compareLayer);
      this.compareLayer = null;
    }
    this.compareMode = scene ? mode : 'off';
    this.compareScene = scene;
    if (this.compareMode !== 'side' && this.compareMap) {
      this.compareMap.setTarget(undefined);
      this.compareMap.dispose();
      this.compareMap = null;
    }
    this.map.getTargetElement()?.setAttribute('data-compare', this.compareMode);
    if (this.compareMode === 'off' || !scene) {
      this.map.render();
      return;
    }
    const layer = createSceneLayer(scene);
    this.compareLayer = layer;
    if (this.compareMode === 'swipe') {
      layer.setZIndex(5);
      layer.on('prerender', (e) => this.clipToSwipe(e as RenderEvent, true));
      layer.on('postrender', (e) => this.clipToSwipe(e as RenderEvent, false));
      this.map.addLayer(layer as never);
    } else {
      if (!this.compareMap) {
        this.compareMap = new OlMap({
          controls: defaultControls({ attribution: true, rotate: false, zoom: false }),
          // Sharing the View object keeps both maps on the same centre, zoom and rotation.
          view: this.map.getView(),
          layers: [new VectorLayer({ source: this.zonesLayer.getSource()!, zIndex: 10 }), this.compareMarksLayer],
        });
        this.compareMap.on('rendercomplete', () => this.compareTarget?.setAttribute('data-rendered-scene-id', this.compareScene?.id ?? ''));
        this.compareMap.setTarget(this.compareTarget ?? undefined);
      }
      this.compareMap.addLayer(layer as never);
    }
  }

  /** The compared scene's marks, shown in the side-by-side pane; `labels` as for setSightings. */
  setCompareSightings(sightings: Sighting[]) {
    if (sightings.length === this.compareSightings.length && sightings.every((s, i) => s === this.compareSightings[i])) return;
    this.compareSightings = sightings;
    this.drawCompareSightings();
  }

  private drawCompareSightings() {
    this.drawMarks(this.compareMarks, this.compareSightings, (s) => sightingStyle(s.class, false, this.labels.get(s.id) ?? ''));
  }

  /** For tests: the ids of the marks drawn in the side-by-side pane. */
  compareSightingIds(): string[] {
    return this.compareMarksLayer
      .getSource()!
      .getFeatures()
      .map((f) => String(f.getId()));
  }

  /** Draws the comparison scene only left of the swipe line, in WebGL (scissor) or 2D (clip). */
  private clipToSwipe(e: RenderEvent, start: boolean) {
    const ctx = e.context;
    const size = this.map.getSize();
    if (!ctx || !size) return;
    if (typeof WebGLRenderingContext !== 'undefined' && (ctx instanceof WebGLRenderingContext || ctx instanceof WebGL2RenderingContext)) {
      if (!start) {
        ctx.disable(ctx.SCISSOR_TEST);
        return;
      }
      const bottomLeft = getRenderPixel(e, [0, size[1]!]);
      const topRight = getRenderPixel(e, [size[0]! * this.swipe, 0]);
      ctx.enable(ctx.SCISSOR_TEST);
      ctx.scissor(bottomLeft[0]!, bottomLeft[1]!, Math.max(0, topRight[0]! - bottomLeft[0]!), Math.max(0, topRight[1]! - bottomLeft[1]!));
      return;
    }
    const c2d = ctx as CanvasRenderingContext2D;
    if (!start) {
      c2d.restore();
      return;
    }
    const tl = getRenderPixel(e, [0, 0]);
    const tr = getRenderPixel(e, [size[0]! * this.swipe, 0]);
    const bl = getRenderPixel(e, [0, size[1]!]);
    const br = getRenderPixel(e, [size[0]! * this.swipe, size[1]!]);
    c2d.save();
    c2d.beginPath();
    c2d.moveTo(tl[0]!, tl[1]!);
    c2d.lineTo(bl[0]!, bl[1]!);
    c2d.lineTo(br[0]!, br[1]!);
    c2d.lineTo(tr[0]!, tr[1]!);
    c2d.closePath();
    c2d.clip();
  }

  // ---- render reporting ------------------------------------------------------------------------

  private reportRender() {
    const el = this.map.getTargetElement();
    if (!el || !this.currentSceneId) return;
    // OpenLayers reports complete while a new GeoTIFF source still reads its header (the layer is not
    // drawn at all then); the map renders again once it is ready, and that completion is the real one.
    const current = this.sceneLayers.get(this.currentSceneId);
    if (current && !drawnOrFailed(current)) return;
    el.setAttribute('data-render-state', 'complete');
    el.setAttribute('data-rendered-scene-id', this.currentSceneId);
    const w = window as unknown as { __quaywatchFirstRenderMs?: number };
    w.__quaywatchFirstRenderMs ??= performance.now();
    // Everything drawn is complete, so a neighbour drawn (at opacity 0) since its source became ready
    // has its tiles: hide it. One whose GeoTIFF header is still being read was not drawn yet: keep it.
    for (const id of [...this.preloading]) {
      const l = this.sceneLayers.get(id);
      if (l && !drawnOrFailed(l)) continue;
      l?.setVisible(false);
      this.preloading.delete(id);
    }
    if (this.pendingPreload.length) {
      // The current scene is on screen: only now spend bandwidth on its neighbours.
      for (const n of this.pendingPreload) {
        if (this.sceneLayers.has(n.id)) continue;
        const layer = createSceneLayer(n);
        layer.setOpacity(0);
        layer.setZIndex(0);
        this.sceneLayers.set(n.id, layer);
        this.preloading.add(n.id);
        this.map.addLayer(layer as never);
      }
      this.pendingPreload = [];
      el.setAttribute('data-preload-state', 'loading');
      this.map.render();
    } else {
      el.setAttribute('data-preload-state', this.preloading.size ? 'loading' : 'idle');
    }
  }

  /** After the view moved: neighbours are drawn (at opacity 0) again until the new view's tiles are in. */
  private preloadHiddenNeighbours() {
    let any = false;
    for (const [id, l] of this.sceneLayers) {
      if (id === this.currentSceneId || l.getVisible()) continue;
      l.setVisible(true);
      this.preloading.add(id);
      any = true;
    }
    if (any) this.map.getTargetElement()?.setAttribute('data-preload-state', 'loading');
  }

  /** Centres the view on a place, zooming in to at most `resolution` view units per pixel (the review queue steps through marks this way). */
  centreOn(lonLat: LonLat, resolution = 0.6) {
    const view = this.map.getView();
    view.setCenter(this.toView(lonLat));
    const current = view.getResolution();
    if (current === undefined || current > resolution) view.setResolution(resolution);
  }

  /**
   * Frames a mark with its context (the quay it stands at), as a reviewer needs to judge it: the
   * view fits both, never closer than `minSpanM` across, so a mark is not blown up to a blur of
   * pixels with nothing around it to say where it is.
   */
  frame(g: SightingGeometry, context: PolygonGeometry | null, minSpanM = 400) {
    const view = this.map.getView();
    const e = this.toViewGeometry(g).getExtent().slice() as Extent;
    if (context) {
      const c = new Polygon(context.coordinates.map((ring) => ring.map((p) => this.toView(p as LonLat)))).getExtent();
      e[0] = Math.min(e[0], c[0]!);
      e[1] = Math.min(e[1], c[1]!);
      e[2] = Math.max(e[2], c[2]!);
      e[3] = Math.max(e[3], c[3]!);
    }
    // View units are metres in UTM (and a little more than metres in Web Mercator): a floor, not a measure.
    const cx = (e[0] + e[2]) / 2;
    const cy = (e[1] + e[3]) / 2;
    const half = Math.max((e[2] - e[0]) / 2, (e[3] - e[1]) / 2, minSpanM / 2);
    view.cancelAnimations();
    view.fit([cx - half, cy - half, cx + half, cy + half], { padding: [40, 40, 40, 40], duration: 250 });
  }

  /**
   * Brings a mark into view with the least movement (reveal.ts): an animated pan that keeps the
   * zoom, or, for a mark bigger than the view, a zoom out that frames it. A sighting picked in the
   * side list is shown this way, so the analyst never has to hunt for what they selected.
   */
  reveal(g: SightingGeometry) {
    const view = this.map.getView();
    const size = this.map.getSize();
    if (!size) return;
    const mark = this.toViewGeometry(g).getExtent() as Extent;
    // A flick of the map may still be gliding (kinetic pan): stop it, or it carries the view away again.
    view.cancelAnimations();
    const move = revealMove(view.calculateExtent(size) as Extent, mark);
    if (move.kind === 'pan') view.animate({ center: move.center, duration: 300 });
    else if (move.kind === 'fit') view.fit(mark, { padding: [60, 60, 60, 60], duration: 300 });
  }

  /** For end-to-end tests: the map's pixel of a lon/lat, so a test can click a known place. */
  pixelOf(lonLat: LonLat): [number, number] | null {
    const px = this.map.getPixelFromCoordinate(this.toView(lonLat));
    return px ? [px[0]!, px[1]!] : null;
  }

  /** For end-to-end tests: the lon/lat under a map pixel. */
  lonLatAt(pixel: [number, number]): LonLat | null {
    const c = this.map.getCoordinateFromPixel(pixel);
    return c ? this.modeContext.toLonLat(c) : null;
  }

  /** For end-to-end tests: proves the view is kept when stepping between scenes. */
  viewState(): { center: number[]; resolution: number } | null {
    const view = this.map.getView();
    const center = view.getCenter();
    const resolution = view.getResolution();
    return center && resolution ? { center, resolution } : null;
  }

  /** For end-to-end tests: the side-by-side map's view (it shares the main map's). */
  compareViewState(): { center: number[]; resolution: number } | null {
    const view = this.compareMap?.getView();
    const center = view?.getCenter();
    const resolution = view?.getResolution();
    return center && resolution ? { center, resolution } : null;
  }

  /** For tests and the benchmark: which scenes have imagery layers (current + preloaded). */
  loadedSceneIds(): string[] {
    return [...this.sceneLayers.keys()];
  }

  countViewports(): number {
    return document.querySelectorAll('.ol-viewport').length;
  }
}

/** The window's single map. */
export const mapController = new MapController();
