// Zone mode: click the corners of a quay, berth, pier or apron; double-click (or click the first
// corner) closes it, and the store asks for its name.
import Draw from 'ol/interaction/Draw';
import type { MapMode, ModeContext } from './Mode';
import { geometryToLonLat } from './geometryOut';

export default class ZoneMode implements MapMode {
  private ctx: ModeContext | null = null;
  private draw: Draw | null = null;

  enter(ctx: ModeContext) {
    this.ctx = ctx;
    this.draw = new Draw({ type: 'Polygon', stopClick: true });
    this.draw.on('drawend', (e) => {
      const g = geometryToLonLat(e.feature.getGeometry(), ctx);
      if (g?.type === 'Polygon') ctx.callbacks().zoneDrawn(g);
    });
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
