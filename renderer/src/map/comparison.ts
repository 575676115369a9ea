// Comparing two scenes: one extra imagery layer, clipped left of a swipe line in the main map
// (swipe), or shown in a second map beside it that shares the main map's view (side), with the
// compared scene's marks drawn there to look at, not to edit. The one exception to "one map".
import OlMap from 'ol/Map';
import type View from 'ol/View';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { defaults as defaultControls } from 'ol/control';
import { getRenderPixel } from 'ol/render';
import type RenderEvent from 'ol/render/Event';
import type { Scene, Sighting } from '../../../shared/domain';
import { createSceneLayer, type SceneLayer } from './sceneLayer';
import { disposeSceneLayer } from './sceneImagery';
import { MarkFeatures } from './markFeatures';
import { MarksLayer } from './marksLayer';

export type CompareMode = 'off' | 'swipe' | 'side';

export class Comparison {
  private mode: CompareMode = 'off';
  private scene: Scene | null = null;
  private layer: SceneLayer | null = null;
  private sideMap: OlMap | null = null;
  // The compared scene's marks, drawn in the side-by-side pane only (to look at, not to edit).
  private readonly marksLayer = new MarksLayer({ source: new VectorSource(), zIndex: 20, imageRatio: 1.5 });
  private readonly marks = new MarkFeatures<Sighting>(this.marksLayer.getSource()!, 'compare');
  private sightings: Sighting[] = [];
  private target: HTMLElement | null = null;
  private swipe = 0.5;

  /** `zones`: the main map's zones, shown in the side pane too; `drawMarks` draws marks as the main map does. */
  constructor(
    private readonly map: OlMap,
    private readonly zones: VectorSource,
    private readonly drawMarks: (marks: MarkFeatures<Sighting>, items: Sighting[]) => void,
  ) {}

  /** The side-by-side map, while there is one. */
  secondMap(): OlMap | null {
    return this.sideMap;
  }

  /** The main map got a new view: the side map shares it. */
  setView(view: View) {
    this.sideMap?.setView(view);
  }

  /** Where the side-by-side map draws; React gives it the element of the second pane. */
  setTarget(el: HTMLElement | null) {
    this.target = el;
    this.sideMap?.setTarget(el ?? undefined);
  }

  /** Where the swipe line is, as a share of the map's width from the left. */
  setSwipe(position: number) {
    this.swipe = Math.max(0, Math.min(1, position));
    this.map.render();
  }

  set(mode: CompareMode, scene: Scene | null) {
    if (mode === this.mode && scene?.id === this.scene?.id) return;
    if (this.layer) {
      disposeSceneLayer(this.layer, [this.map, this.sideMap]);
      this.layer = null;
    }
    this.mode = scene ? mode : 'off';
    this.scene = scene;
    if (this.mode !== 'side' && this.sideMap) {
      this.sideMap.setTarget(undefined);
      this.sideMap.dispose();
      this.sideMap = null;
    }
    this.map.getTargetElement()?.setAttribute('data-compare', this.mode);
    if (this.mode === 'off' || !scene) {
      this.map.render();
      return;
    }
    const layer = createSceneLayer(scene);
    this.layer = layer;
    if (this.mode === 'swipe') {
      layer.setZIndex(5);
      layer.on('prerender', (e) => this.clipToSwipe(e as RenderEvent, true));
      layer.on('postrender', (e) => this.clipToSwipe(e as RenderEvent, false));
      this.map.addLayer(layer as never);
    } else {
      if (!this.sideMap) {
        this.sideMap = new OlMap({
          controls: defaultControls({ attribution: true, rotate: false, zoom: false }),
          // Sharing the View object keeps both maps on the same centre, zoom and rotation.
          view: this.map.getView(),
          layers: [new VectorLayer({ source: this.zones, zIndex: 10 }), this.marksLayer],
        });
        this.sideMap.on('rendercomplete', () => this.target?.setAttribute('data-rendered-scene-id', this.scene?.id ?? ''));
        this.sideMap.setTarget(this.target ?? undefined);
      }
      this.sideMap.addLayer(layer as never);
    }
  }

  /** The compared scene's marks, shown in the side-by-side pane. */
  setSightings(sightings: Sighting[]) {
    if (sightings.length === this.sightings.length && sightings.every((s, i) => s === this.sightings[i])) return;
    this.sightings = sightings;
    this.redraw();
  }

  redraw() {
    this.drawMarks(this.marks, this.sightings);
  }

  /** The ids of the marks drawn in the side-by-side pane. */
  sightingIds(): string[] {
    return this.marksLayer
      .getSource()!
      .getFeatures()
      .map((f) => String(f.getId()));
  }

  /** The side-by-side map's view (it shares the main map's). */
  viewState(): { center: number[]; resolution: number } | null {
    const view = this.sideMap?.getView();
    const center = view?.getCenter();
    const resolution = view?.getResolution();
    return center && resolution ? { center, resolution } : null;
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
}
