// The imagery layers of the map: the current scene's, and its neighbours' drawn at opacity 0 to
// preload them (then hidden), everything farther released; and the render state the map reports
// (data-render-state, data-rendered-scene-id, data-preload-state) once the current scene is drawn.
import type OlMap from 'ol/Map';
import type Source from 'ol/source/Source';
import type { Scene } from '../../../shared/domain';
import { getCenter } from 'ol/extent';
import { createSceneLayer, type SceneLayer, type SceneViewHint } from './sceneLayer';
import { takeOpeningPreview, type ScenePreview } from '../api/scenePreview';
import { createPreviewLayer, definePreviewCrs, sharpEnough, type PreviewLayer } from './previewLayer';

/** True once a scene layer has been drawn with its source ready (or its source failed: nothing more will come). */
function drawnOrFailed(layer: SceneLayer): boolean {
  const state = layer.getSourceState();
  return state === 'error' || (state === 'ready' && (layer as unknown as { rendered: boolean }).rendered);
}

/** `?preload=0` turns neighbour preloading off, so the scene-switch benchmark can show what it buys. */
const PRELOAD = typeof location === 'undefined' || new URLSearchParams(location.search).get('preload') !== '0';

/** Takes a scene layer off the maps, then disposes it (on a later task). */
export function disposeSceneLayer(layer: SceneLayer, maps: (OlMap | null)[]) {
  for (const map of maps) map?.removeLayer(layer as never);
  // OpenLayers' WebGL tile renderer (with preload) queues a setTimeout(0) in each frame that reads
  // its layer; disposing at once made that callback throw "Cannot read properties of undefined
  // (reading 'getRenderSource')" on a scene switch. Disposing on a later task lets it run first.
  setTimeout(() => layer.dispose(), 50);
}

export interface SceneImageryHooks {
  /** True while the view has no projection yet: the first scene layer then sets the view. */
  needsView(): boolean;
  /** Sets the view from a scene layer (its projection, centre and extent). */
  fitTo(layer: SceneLayer): Promise<void>;
  /** Sets the view from where a scene lies (a preview says it without the GeoTIFF's header). */
  fitToHint(hint: SceneViewHint): void;
  /** Another map the layers may have been added to (the side-by-side pane), or null. */
  otherMap(): OlMap | null;
}

export class SceneImagery {
  /** Imagery layers of the current scene and its neighbours (drawn at opacity 0 to preload, then hidden). */
  private readonly sceneLayers = new Map<string, SceneLayer>();
  private currentSceneId: string | null = null;
  /** When a scene was first drawn completely (performance.now()): bench:map's first-render figure. */
  firstDrawnAt: number | null = null;
  /** Neighbours to preload once the current scene has finished drawing. */
  private pendingPreload: Scene[] = [];
  /**
   * Neighbours drawn at opacity 0 until their tiles for this view are in (decoded and uploaded);
   * then they are hidden. A hidden layer keeps its tiles and textures but costs nothing per frame,
   * whereas at opacity 0 it is still drawn and composited every frame (and, with a software
   * compositor, read back: ~30 ms a frame at 1440×900), which slowed every step.
   */
  private readonly preloading = new Set<string>();
  /** The opening scene's preview, drawn until its GeoTIFF layer is (previewLayer.ts). */
  private preview: { sceneId: string; layer: PreviewLayer } | null = null;

  constructor(
    private readonly map: OlMap,
    private readonly hooks: SceneImageryHooks,
  ) {
    this.map.on('rendercomplete', () => this.reportRender());
    // Hidden neighbours have the tiles of the old view only: draw them again until the new ones are in.
    this.map.on('moveend', () => this.preloadHiddenNeighbours());
  }

  /** Forgets every layer: called when another project opens. */
  reset() {
    this.dropPreview();
    for (const layer of this.sceneLayers.values()) this.disposeLayer(layer);
    this.sceneLayers.clear();
    this.currentSceneId = null;
    this.pendingPreload = [];
    this.preloading.clear();
  }

  private disposeLayer(layer: SceneLayer) {
    disposeSceneLayer(layer, [this.map, this.hooks.otherMap()]);
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
    // Stepping away from the opening scene before its layer is drawn: its preview must not stand in for another scene.
    if (this.preview && this.preview.sceneId !== scene.id) this.dropPreview();
    const el = this.map.getTargetElement();
    let layer = this.sceneLayers.get(scene.id);
    if (!layer) {
      const created = (layer = createSceneLayer(scene));
      this.sceneLayers.set(scene.id, layer);
      el?.setAttribute('data-render-state', 'loading');
      const preview = this.hooks.needsView() ? await takeOpeningPreview(scene.id) : null;
      if (preview && this.hooks.needsView() && this.sceneLayers.get(scene.id) === created) {
        await this.showPreview(preview, created);
      } else if (this.hooks.needsView()) {
        // The first scene sets the view from its GeoTIFF header, and joins the map only then: on the map
        // it would make the map's first WebGL frame (context, shaders: 0.1–0.2 s with a software GL) hold
        // up the very request for that header. Its source reads the header either way.
        try {
          // A header that cannot be read (the file moved or is missing) may never settle the view's promise:
          // the source's error ends the wait too, and the layer then reports it failed like any other, so
          // the scene says so instead of loading for ever.
          await Promise.race([this.hooks.fitTo(layer), sourceFailed(created)]);
        } catch {
          // As above: the failed layer is drawn (as failed) below.
        } finally {
          // Unless it was released meanwhile (another project opened, or the user stepped far away).
          if (this.sceneLayers.get(scene.id) === created) this.map.addLayer(created as never);
        }
      } else {
        this.map.addLayer(layer as never);
      }
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

  /** The current scene's source state ('ready', or 'error' when its file could not be read), null without one. */
  currentSourceState(): string | null {
    const layer = this.currentSceneId ? this.sceneLayers.get(this.currentSceneId) : undefined;
    return layer ? layer.getSourceState() : null;
  }

  /** The scene whose preview is on the map (the opening scene, until its layer is drawn), or null. */
  previewSceneId(): string | null {
    return this.preview && this.map.getLayers().getArray().includes(this.preview.layer) ? this.preview.sceneId : null;
  }

  /** Which scenes have imagery layers (current + preloaded). */
  loadedSceneIds(): string[] {
    return [...this.sceneLayers.keys()];
  }

  private reportRender() {
    const el = this.map.getTargetElement();
    if (!el || !this.currentSceneId) return;
    // OpenLayers reports complete while a new GeoTIFF source still reads its header (the layer is not
    // drawn at all then); the map renders again once it is ready, and that completion is the real one.
    const current = this.sceneLayers.get(this.currentSceneId);
    if (current && !drawnOrFailed(current)) return;
    this.markDrawn(this.currentSceneId);
    // The scene's own layer (not a preview) is drawn: what bench:startup times as the full-resolution picture.
    el.setAttribute('data-layer-drawn-scene-id', this.currentSceneId);
    this.dropPreview();
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

  /** Says on the map element that a scene is drawn: what tests and benchmarks wait for. */
  private markDrawn(sceneId: string) {
    const el = this.map.getTargetElement();
    el?.setAttribute('data-render-state', 'complete');
    el?.setAttribute('data-rendered-scene-id', sceneId);
    this.firstDrawnAt ??= performance.now();
  }

  /**
   * The opening scene from its preview: the view set from where the preview lies, the preview drawn
   * by the canvas renderer, and the scene's GeoTIFF layer added only after that first frame, so its
   * WebGL start does not hold the preview up (its source reads the header meanwhile). Marked drawn
   * only when the preview is as sharp as the screen; the GeoTIFF layer then replaces it (reportRender).
   */
  private async showPreview(preview: ScenePreview, layer: SceneLayer) {
    await definePreviewCrs(preview);
    this.hooks.fitToHint({ projection: preview.crs, center: getCenter(preview.extent), extent: preview.extent });
    const previewLayer = createPreviewLayer(preview);
    this.preview = { sceneId: preview.sceneId, layer: previewLayer };
    let joined = false;
    const join = () => {
      if (joined) return;
      joined = true;
      if (this.sceneLayers.get(preview.sceneId) === layer) this.map.addLayer(layer as never);
    };
    previewLayer.once('postrender', (e) => {
      if (this.preview?.layer === previewLayer && this.currentSceneId === preview.sceneId && sharpEnough(preview, e.frameState)) this.markDrawn(preview.sceneId);
      setTimeout(join, 0);
    });
    // Should the preview never be drawn (the map not on screen), the scene still comes.
    setTimeout(join, 1000);
    this.map.addLayer(previewLayer);
  }

  private dropPreview() {
    if (!this.preview) return;
    this.map.removeLayer(this.preview.layer);
    const { layer } = this.preview;
    this.preview = null;
    setTimeout(() => layer.dispose(), 50);
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
}

/** Settles when the layer's source has failed (its file could not be read); never otherwise. */
function sourceFailed(layer: SceneLayer): Promise<void> {
  const source = layer.getSource() as Source | null;
  return new Promise<void>((resolve) => {
    if (!source) return;
    const check = () => {
      if (source.getState() !== 'error') return;
      source.un('change', check);
      resolve();
    };
    source.on('change', check);
    check();
  });
}
