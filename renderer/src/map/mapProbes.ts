// What only the end-to-end tests and the benchmarks ask of the map (window.__quaywatch.map): pixels
// and places, the view, the loaded layers, and what the last redraws touched. Nothing in the app
// calls these; they read the controller's parts and change nothing (centreOn aside: it moves the view).
import type OlMap from 'ol/Map';
import type { Coordinate } from 'ol/coordinate';
import type { LonLat } from '../../../shared/domain';
import type { Comparison } from './comparison';
import type { SceneImagery } from './sceneImagery';
import type { SelectionHighlight } from './selectionHighlight';
import type { AisLayer } from './aisLayer';

export interface SightingSync {
  added: number;
  removed: number;
  updated: number;
  total: number;
  staged: number;
}

export interface MapProbeSources {
  map: OlMap;
  imagery: SceneImagery;
  comparison: Comparison;
  selection: SelectionHighlight;
  ais: AisLayer;
  pixelOf(lonLat: LonLat): [number, number] | null;
  toView(lonLat: LonLat): Coordinate;
  toLonLat(c: Coordinate): LonLat;
  lastSightingSync(): SightingSync;
  lastPendingDrawnAt(): number | null;
}

export class MapProbes {
  constructor(private readonly of: MapProbeSources) {}

  /** The map's pixel of a lon/lat, so a test can click a known place. */
  pixelOf(lonLat: LonLat): [number, number] | null {
    return this.of.pixelOf(lonLat);
  }

  /** The lon/lat under a map pixel. */
  lonLatAt(pixel: [number, number]): LonLat | null {
    const c = this.of.map.getCoordinateFromPixel(pixel);
    return c ? this.of.toLonLat(c) : null;
  }

  /** Centres the view on a place, zooming in to at most `resolution` view units per pixel. */
  centreOn(lonLat: LonLat, resolution = 0.6) {
    const view = this.of.map.getView();
    view.setCenter(this.of.toView(lonLat));
    const current = view.getResolution();
    if (current === undefined || current > resolution) view.setResolution(resolution);
  }

  /** When a scene was first drawn completely (performance.now()), or null before: bench:map's first render. */
  firstRenderAt(): number | null {
    return this.of.imagery.firstDrawnAt;
  }

  /** Proves the view is kept when stepping between scenes. */
  viewState(): { center: number[]; resolution: number } | null {
    const view = this.of.map.getView();
    const center = view.getCenter();
    const resolution = view.getResolution();
    return center && resolution ? { center, resolution } : null;
  }

  /** The side-by-side map's view (it shares the main map's). */
  compareViewState(): { center: number[]; resolution: number } | null {
    return this.of.comparison.viewState();
  }

  /** The ids of the marks drawn in the side-by-side pane. */
  compareSightingIds(): string[] {
    return this.of.comparison.sightingIds();
  }

  /** Whether the current scene's imagery could be read ('ready') or not ('error': a failed scene also counts as drawn). */
  currentSourceState(): string | null {
    return this.of.imagery.currentSourceState();
  }

  /** The scene whose preview is on the map, or null (sceneImagery.ts). */
  previewSceneId(): string | null {
    return this.of.imagery.previewSceneId();
  }

  /** Which scenes have imagery layers (current + preloaded). */
  loadedSceneIds(): string[] {
    return this.of.imagery.loadedSceneIds();
  }

  countViewports(): number {
    return document.querySelectorAll('.ol-viewport').length;
  }

  /** What the last sightings update touched. */
  lastSightingSync(): SightingSync {
    return this.of.lastSightingSync();
  }

  /** When a frame first drew the last mark shown as pending (performance.now()). */
  lastPendingDrawnAt(): number | null {
    return this.of.lastPendingDrawnAt();
  }

  /** The AIS layer as drawn: null when hidden, else each vessel's label and place (lon/lat). */
  aisDrawn(): { label: string; lonLat: LonLat }[] | null {
    return this.of.ais.drawn((c) => this.of.toLonLat(c));
  }

  /** Whether the AIS layer shows the current scene's vessels (cheap: bench:ais polls it every frame). */
  aisVisible(): boolean {
    return this.of.ais.layer.getVisible();
  }

  /** Whether a frame has drawn the selection as it is now. */
  selectionDrawn(): boolean {
    return this.of.selection.drawn();
  }
}
