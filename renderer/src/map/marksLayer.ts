// The layer a scene's marks are drawn on: a VectorImage layer (one image per view, reused while the
// view moves, so 10,000 marks pan smoothly) that also waits for zooming to settle before drawing that
// image again. Drawing 10,000 marks takes a long frame (~100 ms in software rendering); redrawing
// after every wheel notch made zooming stutter, while the scaled image serves in between.
import type { FrameState } from 'ol/Map';
import ViewHint from 'ol/ViewHint';
import VectorImageLayer from 'ol/layer/VectorImage';
import CanvasVectorImageLayerRenderer from 'ol/renderer/canvas/VectorImageLayer';
import type VectorSource from 'ol/source/Vector';

/** How long the view's scale must stay unchanged before the marks are drawn again for it. */
export const ZOOM_SETTLE_MS = 250;

class SettlingRenderer extends CanvasVectorImageLayerRenderer {
  private lastResolution: number | null = null;
  private scaleChangedAt = -Infinity;
  private redraw: ReturnType<typeof setTimeout> | undefined;

  override prepareFrame(frameState: FrameState): boolean {
    const now = performance.now();
    const resolution = frameState.viewState.resolution;
    if (this.lastResolution !== null && resolution !== this.lastResolution) this.scaleChangedAt = now;
    this.lastResolution = resolution;
    const settling = this.image !== null && now - this.scaleChangedAt < ZOOM_SETTLE_MS;
    if (!settling) return this.prepareAndTell(frameState);
    clearTimeout(this.redraw);
    this.redraw = setTimeout(() => this.getLayer().changed(), ZOOM_SETTLE_MS - (now - this.scaleChangedAt) + 1);
    // As during an animation: the last image, scaled to the view.
    const viewHints = frameState.viewHints.slice();
    viewHints[ViewHint.ANIMATING] = 1;
    return super.prepareFrame({ ...frameState, viewHints });
  }

  /** Prepares the frame, and tells the layer when that drew a new image of the marks. */
  private prepareAndTell(frameState: FrameState): boolean {
    const before = this.image;
    const ready = super.prepareFrame(frameState);
    if (this.image !== before) (this.getLayer() as MarksLayer).onRedrawn?.();
    return ready;
  }

  override disposeInternal() {
    clearTimeout(this.redraw);
    super.disposeInternal();
  }
}

export class MarksLayer extends VectorImageLayer<VectorSource> {
  /** Called when a new image of the marks has been drawn (every mark in the source is on it). */
  onRedrawn: (() => void) | null = null;

  override createRenderer() {
    return new SettlingRenderer(this);
  }
}
