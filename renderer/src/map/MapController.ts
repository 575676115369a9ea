// The one OpenLayers map of the window, created once outside React's render cycle. React and the
// store talk to it only through this controller, so StrictMode's double effects never make two maps.
// It keeps the tools (modes), the vector layers (zones, marks, ghosts, pending marks) and the view;
// the rest is in helpers it owns, one per file: the imagery and its preloading (sceneImagery.ts),
// snapping (snapping.ts), the selection highlight (selectionHighlight.ts), the comparison
// (comparison.ts, which owns the second map of a side-by-side view) and the test probes (mapProbes.ts).
// MapView only attaches the map (e2e/app.spec.ts counts one viewport under StrictMode); the store drives it
// through bindMap.ts; tools are modes with enter/exit (modes/). The view's projection is the first scene's CRS,
// defined from shared/crs.ts only when a scene names it (sceneLayer.ts).
import OlMap from 'ol/Map';
import View from 'ol/View';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import type { Geometry } from 'ol/geom';
import type { Style } from 'ol/style';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { transform } from 'ol/proj';
import type { LonLat, Observability, PolygonGeometry, Scene, Sighting, SightingClass, SightingGeometry, Zone } from '../../../shared/domain';
import { sceneViewHint, type SceneLayer, type SceneViewHint } from './sceneLayer';
import { ghostStyle, pendingZoneStyle, sightingStyle, zoneStyle } from './vectorStyles';
import { MarkFeatures } from './markFeatures';
import { MarksLayer } from './marksLayer';
import { AisLayer } from './aisLayer';
import type { AisVesselAtScene } from '../../../shared/calls/aisView';
import { pickMark } from './pick';
import { revealMove, type Extent } from './reveal';
import type { Coordinate } from 'ol/coordinate';
import { KIND, type MapMode, type ModeCallbacks, type ModeContext, type ModeSpec } from './modes/Mode';
import SelectMode from './modes/SelectMode';
import MarkMode from './modes/MarkMode';
import ZoneMode from './modes/ZoneMode';
import MeasureMode from './modes/MeasureMode';
import { SceneImagery } from './sceneImagery';
import { Snapping } from './snapping';
import { SelectionHighlight } from './selectionHighlight';
import { Comparison, type CompareMode } from './comparison';
import type { MapProbeSources } from './mapProbes';

export type { CompareMode } from './comparison';

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
  // A mark just drawn, shown at once while it is being saved (the saved one replaces it); with
  // thousands of marks on the scene, the saved mark needs the big layer redrawn, a frame or more later.
  private readonly pendingLayer = new VectorLayer({ source: new VectorSource(), zIndex: 22 });
  // New marks, a few at a time, drawn here until the big layer is redrawn anyway (markFeatures.ts).
  private readonly stagingLayer = new VectorLayer({ source: new VectorSource(), zIndex: 20 });
  private readonly sightingMarks = new MarkFeatures<Sighting>(this.sightingsLayer.getSource()!, 'sighting', this.stagingLayer.getSource()!);
  private readonly ghostMarks = new MarkFeatures<Sighting>(this.ghostsLayer.getSource()!, 'ghost');
  /** The selected marks, highlighted on a small layer above the big one (selectionHighlight.ts). */
  private readonly selection = new SelectionHighlight(this.sightingMarks, this.zonesLayer.getSource()!);
  /** AIS at the scene's instant, above the marks (aisLayer.ts). */
  private readonly ais = new AisLayer();
  private aisVessels: AisVesselAtScene[] | null = null;
  private readonly imagery: SceneImagery;
  private readonly snapping: Snapping;
  private readonly comparison: Comparison;
  /** What only tests and benchmarks ask (window.__quaywatch.map). */
  private viewProjection: string | null = null;
  private callbacks: ModeCallbacks = noCallbacks;
  private mode: MapMode | null = null;
  private modeKey = '';
  private hoveredGhost: string | null = null;

  constructor() {
    this.map = new OlMap({
      controls: defaultControls({ attribution: true, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
      layers: [this.zonesLayer, this.ghostsLayer, this.sightingsLayer, this.stagingLayer, this.selection.layer, this.pendingLayer, this.ais.layer],
      // Shift-drag belongs to box selection, not to OpenLayers' zoom box; and two quick clicks on
      // two marks (or shift-clicks) are a selection, not a double-click zoom. Wheel and +/- zoom.
      interactions: defaultInteractions({ shiftDragZoom: false, doubleClickZoom: false }),
    });
    this.comparison = new Comparison(this.map, this.zonesLayer.getSource()!, (marks, items) =>
      this.drawMarks(marks, items, (s) => sightingStyle(s.class, false, this.labels.get(s.id) ?? '', !s.verified)),
    );
    this.imagery = new SceneImagery(this.map, {
      needsView: () => !this.viewProjection,
      fitTo: (layer) => this.fitTo(layer),
      fitToHint: (hint) => this.fitToHint(hint),
      otherMap: () => this.comparison.secondMap(),
    });
    // The big marks layer is redrawn after every move: staged marks join it then, not one by one.
    this.map.on('movestart', () => this.sightingMarks.promote());
    this.sightingsLayer.onRedrawn = () => this.sightingMarks.settle();
    this.snapping = new Snapping(
      this.map,
      [this.zonesLayer, this.ghostsLayer, this.sightingsLayer, this.stagingLayer].map((l) => l.getSource()!),
    );
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

  /** What the test probes read (mapProbes.ts); only the test build asks (renderer/src/testHooks.ts). */
  probeSources(): MapProbeSources {
    return {
      map: this.map,
      imagery: this.imagery,
      comparison: this.comparison,
      selection: this.selection,
      ais: this.ais,
      pixelOf: (lonLat) => this.pixelOf(lonLat),
      toView: (lonLat) => this.toView(lonLat),
      toLonLat: (c) => this.modeContext.toLonLat(c),
      lastSightingSync: () => ({ ...this.lastSync, total: this.sightingMarks.size(), staged: this.sightingMarks.stagedCount() }),
      lastPendingDrawnAt: () => this.pendingDrawnAt,
    };
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
    selectionLayer: this.selection.layer,
    zonesLayer: this.zonesLayer,
    ghostsLayer: this.ghostsLayer,
    selectedFeatures: this.selection.features,
    projection: () => this.viewProjection ?? 'EPSG:3857',
    toLonLat: (c) => {
      const [lon, lat] = this.converter().toLonLat(c);
      return [lon!, lat!];
    },
    fromLonLat: (p) => this.converter().toView(p),
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
    this.snapping.place(); // above the new tool's interactions
    this.map.getTargetElement()?.setAttribute('data-mode', spec.name);
    this.map.getTargetElement()?.classList.toggle('marking', spec.name !== 'select');
  }

  /**
   * Snapping (optional, Shift+S): a click, a drawn corner or a dragged vertex within 10 px of a
   * zone's edge or corner, a mark, or a ghost (where the ship lay on the previous scene) lands
   * exactly on it.
   */
  setSnapping(on: boolean) {
    this.snapping.set(on);
  }

  /** Forgets every layer: called when another project opens. */
  reset() {
    this.imagery.reset();
    this.comparison.set('off', null);
    this.viewProjection = null;
    this.map.getTargetElement()?.setAttribute('data-render-state', 'loading');
  }

  /**
   * Shows a scene's imagery keeping the view (same centre and zoom); its neighbours are preloaded
   * (sceneImagery.ts).
   */
  showScene(scene: Scene | null, neighbours: Scene[]) {
    return this.imagery.showScene(scene, neighbours);
  }

  private async fitTo(layer: SceneLayer) {
    const hint = await sceneViewHint(layer);
    if (hint) this.fitToHint(hint);
  }

  /** Sets the view from where a scene lies (its layer's header, or its preview's); once per project. */
  private fitToHint(hint: SceneViewHint) {
    if (this.viewProjection) return;
    this.viewProjection = hint.projection;
    const view = new View({ projection: hint.projection, center: hint.center, maxZoom: 24, constrainResolution: false });
    this.map.setView(view);
    this.comparison.setView(view);
    const extent = hint.extent;
    if (extent) {
      // A preview can say where the scene lies before the map is on the page: fitting then would fit a
      // default 100×100 viewport (the scene a speck at 5 km a bar). Fit once the map has its size.
      const fit = () => view.fit(extent, { padding: [20, 20, 20, 20] });
      if (this.map.getSize()?.every((s) => s > 0)) fit();
      else this.map.once('change:size', fit);
    }
    // Features drawn before the projection was known were in the wrong coordinates: start over.
    this.sightingMarks.clear();
    this.ghostMarks.clear();
    this.redrawVectors();
  }

  private toView(lonLat: LonLat) {
    return this.viewProjection ? this.converter().toView(lonLat) : lonLat;
  }

  /**
   * Lon/lat ⇄ view. Every coordinate the map drew from a stored lon/lat is remembered, so a vertex
   * taken back from the map (a snapped corner, an unmoved box corner) returns as exactly that lon/lat:
   * proj4's round trip through UTM is off by ~0.1 mm, and a snapped mark would miss its corner.
   */
  private converter() {
    const code = this.viewProjection ?? 'EPSG:3857';
    const drawn = this.drawnFrom;
    return {
      toView: (p: number[]): number[] => {
        const c = transform([p[0]!, p[1]!], 'EPSG:4326', code);
        if (drawn.size > 200_000) drawn.clear(); // a bound, far above any project's vertices on screen
        drawn.set(`${code} ${c[0]} ${c[1]}`, [p[0]!, p[1]!]);
        return c;
      },
      toLonLat: (c: number[]): number[] => drawn.get(`${code} ${c[0]} ${c[1]}`) ?? transform(c, code, 'EPSG:4326'),
    };
  }
  private readonly drawnFrom = new Map<string, LonLat>();

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
    this.syncSelection();
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
    this.syncSelection();
  }

  private showPending(geometry: Geometry, cls: SightingClass) {
    const f = new Feature({ geometry: geometry.clone() });
    f.setStyle(sightingStyle(cls, true, ''));
    this.pendingLayer.getSource()!.addFeature(f);
    this.pendingDrawnAt = null;
    this.pendingLayer.once('postrender', () => (this.pendingDrawnAt = performance.now()));
  }

  /** For the benchmark: when a frame first drew the last mark shown as pending (performance.now()). */
  private pendingDrawnAt: number | null = null;

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

  /** Shows where AIS puts each vessel at the scene's instant, or hides the AIS layer (null). */
  setAis(vessels: AisVesselAtScene[] | null) {
    if (vessels === this.aisVessels) return;
    this.aisVessels = vessels;
    this.drawAis();
  }

  private drawAis() {
    this.ais.set(this.viewProjection ? this.aisVessels : null, (p) => this.toView(p));
  }

  private redrawVectors() {
    this.drawAis();
    this.drawZones();
    this.drawSightings();
    this.drawGhosts();
    this.comparison.redraw();
    this.syncSelection();
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
    this.lastSync = this.drawMarks(this.sightingMarks, this.sightings, (s) => sightingStyle(s.class, false, this.labels.get(s.id) ?? '', !s.verified));
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

  private syncSelection() {
    this.selection.sync(this.selectedIds, this.selectedZoneId, this.labels);
  }

  // ---- comparison (comparison.ts) ----------------------------------------------------------------

  /** Where the side-by-side map draws; React gives it the element of the second pane. */
  setCompareTarget(el: HTMLElement | null) {
    this.comparison.setTarget(el);
  }

  /** Where the swipe line is, as a share of the map's width from the left. */
  setSwipe(position: number) {
    this.comparison.setSwipe(position);
  }

  setCompare(mode: CompareMode, scene: Scene | null) {
    this.comparison.set(mode, scene);
  }

  /** The compared scene's marks, shown in the side-by-side pane; `labels` as for setSightings. */
  setCompareSightings(sightings: Sighting[]) {
    this.comparison.setSightings(sightings);
  }

  // ---- the view ----------------------------------------------------------------------------------

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

  /**
   * The lon/lat box the window shows ([west, south], [east, north]), or null before the map has a size: what
   * "Save figure… of the current view" frames. The view may be UTM, so the box holds all four corners.
   */
  viewBox(): [LonLat, LonLat] | null {
    const size = this.map.getSize();
    if (!size || !size[0] || !size[1]) return null;
    const [x0, y0, x1, y1] = this.map.getView().calculateExtent(size);
    const corners = [
      [x0!, y0!],
      [x0!, y1!],
      [x1!, y0!],
      [x1!, y1!],
    ].map((c) => (this.viewProjection ? this.modeContext.toLonLat(c) : c));
    const lons = corners.map((c) => c[0]!);
    const lats = corners.map((c) => c[1]!);
    return [
      [Math.min(...lons), Math.min(...lats)],
      [Math.max(...lons), Math.max(...lats)],
    ];
  }

  /** The map's pixel of a lon/lat (the map view places its overlays with it; tests click with it). */
  pixelOf(lonLat: LonLat): [number, number] | null {
    const px = this.map.getPixelFromCoordinate(this.toView(lonLat));
    return px ? [px[0]!, px[1]!] : null;
  }
}

/** The window's single map. */
export const mapController = new MapController();
