// The base of the modes that draw a shape with OpenLayers' Draw (mark, zone): entering adds the
// interaction (clicks on the map draw, not select), a finished shape goes to `drawn`, and leaving the
// mode aborts a shape half drawn and removes the interaction.
import Draw, { type Options as DrawOptions } from 'ol/interaction/Draw';
import type { Geometry } from 'ol/geom';
import type { MapMode, ModeContext } from './Mode';

export default abstract class DrawMode implements MapMode {
  private ctx: ModeContext | null = null;
  private draw: Draw | null = null;

  /** What to draw (type, maxPoints, geometryFunction…); stopClick is always on. */
  protected abstract drawOptions(ctx: ModeContext): DrawOptions;

  /** A shape is finished: `geometry` is in the view's projection. */
  protected abstract drawn(geometry: Geometry | undefined, ctx: ModeContext): void;

  enter(ctx: ModeContext) {
    this.ctx = ctx;
    this.draw = new Draw({ ...this.drawOptions(ctx), stopClick: true });
    this.draw.on('drawend', (e) => this.drawn(e.feature.getGeometry(), ctx));
    ctx.map.addInteraction(this.draw);
  }

  exit() {
    if (this.draw && this.ctx) {
      this.draw.abortDrawing();
      this.ctx.map.removeInteraction(this.draw);
    }
    this.draw = null;
    this.ctx = null;
  }
}
