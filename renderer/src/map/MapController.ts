// The one OpenLayers map of the window, created once outside React's render cycle. React and the
// store talk to it only through this controller, so StrictMode's double effects never make two maps.
import OlMap from 'ol/Map';
import View from 'ol/View';
import WebGLTileLayer from 'ol/layer/WebGLTile';
import GeoTIFF from 'ol/source/GeoTIFF';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { register } from 'ol/proj/proj4';
import { transform } from 'ol/proj';
import type { MapBrowserEvent } from 'ol';
import proj4 from 'proj4';
import type { LonLat, Observability, Scene, Sighting, Zone } from '../../../shared/domain';
import { sceneImageryUrl } from '../api/client';

// Planet's products come in UTM: define every UTM zone once so GeoTIFF sources can name their CRS.
for (let zone = 1; zone <= 60; zone++) {
  const z = String(zone).padStart(2, '0');
  proj4.defs(`EPSG:326${z}`, `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs +type=crs`);
  proj4.defs(`EPSG:327${z}`, `+proj=utm +zone=${zone} +south +datum=WGS84 +units=m +no_defs +type=crs`);
}
register(proj4);

const CLASS_COLOURS: Record<string, string> = {
  vessel: '#ff9f1c',
  container_stack: '#2ec4b6',
  aircraft: '#e71d36',
  vehicle: '#a78bfa',
  other: '#cbd5e1',
};

export interface MapClick {
  lonLat: LonLat;
  sightingId: string | null;
}

export class MapController {
  private readonly map: OlMap;
  private readonly zonesLayer = new VectorLayer({ source: new VectorSource(), zIndex: 10 });
  private readonly sightingsLayer = new VectorLayer({ source: new VectorSource(), zIndex: 20 });
  /** One imagery layer per visited scene, kept so that going back is instant. */
  private readonly sceneLayers = new Map<string, WebGLTileLayer>();
  private currentSceneId: string | null = null;
  private viewProjection: string | null = null;
  private clickListener: ((c: MapClick) => void) | null = null;
  private firstRenderReported = false;

  constructor() {
    this.map = new OlMap({
      controls: defaultControls({ attribution: true, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
      layers: [this.zonesLayer, this.sightingsLayer],
    });
    this.map.on('click', (e) => this.handleClick(e));
    this.map.on('rendercomplete', () => this.reportRender());
    this.map.on('pointermove', (e) => {
      const hit = this.map.hasFeatureAtPixel(e.pixel, { layerFilter: (l) => l === this.sightingsLayer });
      const el = this.map.getTargetElement();
      if (el) el.style.cursor = hit ? 'pointer' : '';
    });
  }

  setTarget(el: HTMLElement | undefined) {
    this.map.setTarget(el);
  }

  onClick(listener: (c: MapClick) => void) {
    this.clickListener = listener;
  }

  setCursor(mode: 'select' | 'mark') {
    this.map.getTargetElement()?.classList.toggle('marking', mode === 'mark');
  }

  /** Forgets every layer: called when another project opens. */
  reset() {
    for (const layer of this.sceneLayers.values()) {
      this.map.removeLayer(layer);
      layer.dispose();
    }
    this.sceneLayers.clear();
    this.currentSceneId = null;
    this.viewProjection = null;
    this.firstRenderReported = false;
    this.map.getTargetElement()?.setAttribute('data-render-state', 'loading');
  }

  /** Shows a scene's imagery, keeping the current view (same centre and zoom) across scenes. */
  async showScene(scene: Scene | null) {
    if (!scene) return;
    if (scene.id === this.currentSceneId) return;
    this.currentSceneId = scene.id;
    let layer = this.sceneLayers.get(scene.id);
    if (!layer) {
      const source = new GeoTIFF({
        sources: [{ url: sceneImageryUrl(scene.id) }],
        interpolate: true,
        transition: 0,
      });
      source.setAttributions(scene.credit);
      layer = new WebGLTileLayer({ source, zIndex: 0, visible: false, preload: 1 });
      this.sceneLayers.set(scene.id, layer);
      this.map.addLayer(layer);
      if (!this.viewProjection) await this.fitToSource(source);
    }
    if (this.currentSceneId !== scene.id) return; // the user already stepped on
    for (const [id, l] of this.sceneLayers) l.setVisible(id === scene.id);
    this.map.getTargetElement()?.setAttribute('data-scene-id', scene.id);
  }

  private async fitToSource(source: GeoTIFF) {
    const opts = await source.getView();
    const projection = opts.projection;
    const code = typeof projection === 'string' ? projection : projection?.getCode();
    if (!code) return;
    this.viewProjection = code;
    const view = new View({ projection: code, center: opts.center, maxZoom: 24, constrainResolution: false });
    this.map.setView(view);
    if (opts.extent) view.fit(opts.extent, { padding: [20, 20, 20, 20] });
    this.redrawVectors();
  }

  private toView(lonLat: LonLat) {
    return this.viewProjection ? transform(lonLat, 'EPSG:4326', this.viewProjection) : lonLat;
  }

  private zones: Zone[] = [];
  private zoneObservability = new Map<string, Observability>();
  private sightings: Sighting[] = [];
  private selectedId: string | null = null;

  setZones(zones: Zone[], observability: Map<string, Observability>) {
    this.zones = zones;
    this.zoneObservability = observability;
    this.drawZones();
  }

  setSightings(sightings: Sighting[], selectedId: string | null) {
    this.sightings = sightings;
    this.selectedId = selectedId;
    this.drawSightings();
  }

  private redrawVectors() {
    this.drawZones();
    this.drawSightings();
  }

  private drawZones() {
    const source = this.zonesLayer.getSource()!;
    source.clear();
    if (!this.viewProjection) return;
    for (const zone of this.zones) {
      const obs = this.zoneObservability.get(zone.id) ?? 'clear';
      const rings = zone.geometry.coordinates.map((ring) => ring.map((c) => this.toView(c)));
      const f = new Feature({ geometry: new Polygon(rings) });
      const blocked = obs === 'obscured' || obs === 'outside';
      f.setStyle(
        new Style({
          stroke: new Stroke({ color: blocked ? '#94a3b8' : '#38bdf8', width: 2, lineDash: blocked ? [4, 4] : [8, 4] }),
          fill: new Fill({ color: blocked ? 'rgba(148,163,184,0.25)' : 'rgba(56,189,248,0.06)' }),
          text: new Text({
            text: obs === 'clear' ? zone.name : `${zone.name} — ${obs}`,
            font: '600 12px system-ui, sans-serif',
            fill: new Fill({ color: '#e2e8f0' }),
            stroke: new Stroke({ color: '#0f172a', width: 3 }),
            overflow: true,
          }),
        }),
      );
      source.addFeature(f);
    }
  }

  private drawSightings() {
    const source = this.sightingsLayer.getSource()!;
    source.clear();
    if (!this.viewProjection) return;
    for (const s of this.sightings) {
      if (s.geometry.type !== 'Point') continue;
      const selected = s.id === this.selectedId;
      const f = new Feature({ geometry: new Point(this.toView(s.geometry.coordinates)) });
      f.setId(s.id);
      f.setStyle(
        new Style({
          image: new Circle({
            radius: selected ? 9 : 7,
            fill: new Fill({ color: CLASS_COLOURS[s.class] ?? '#fff' }),
            stroke: new Stroke({ color: selected ? '#fde047' : '#0f172a', width: selected ? 3 : 2 }),
          }),
        }),
      );
      source.addFeature(f);
    }
  }

  private handleClick(e: MapBrowserEvent<PointerEvent | KeyboardEvent | WheelEvent>) {
    if (!this.viewProjection || !this.clickListener) return;
    let sightingId: string | null = null;
    this.map.forEachFeatureAtPixel(
      e.pixel,
      (f) => {
        sightingId = String(f.getId());
        return true;
      },
      { layerFilter: (l) => l === this.sightingsLayer, hitTolerance: 4 },
    );
    const [lon, lat] = transform(e.coordinate, this.viewProjection, 'EPSG:4326') as [number, number];
    this.clickListener({ lonLat: [lon, lat], sightingId });
  }

  private reportRender() {
    const el = this.map.getTargetElement();
    if (!el || !this.currentSceneId) return;
    el.setAttribute('data-render-state', 'complete');
    el.setAttribute('data-rendered-scene-id', this.currentSceneId);
    if (!this.firstRenderReported) {
      this.firstRenderReported = true;
      (window as unknown as { __quaywatchFirstRenderMs?: number }).__quaywatchFirstRenderMs = performance.now();
    }
  }

  /** For end-to-end tests: the map's pixel of a lon/lat, so a test can click a known place. */
  pixelOf(lonLat: LonLat): [number, number] | null {
    const px = this.map.getPixelFromCoordinate(this.toView(lonLat));
    return px ? [px[0]!, px[1]!] : null;
  }

  /** For end-to-end tests: proves the view is kept when stepping between scenes. */
  viewState(): { center: number[]; resolution: number } | null {
    const view = this.map.getView();
    const center = view.getCenter();
    const resolution = view.getResolution();
    return center && resolution ? { center, resolution } : null;
  }

  countViewports(): number {
    return document.querySelectorAll('.ol-viewport').length;
  }
}

/** The window's single map. */
export const mapController = new MapController();
