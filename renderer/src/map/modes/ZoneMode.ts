// Zone mode: click the corners of a quay, berth, pier or apron; double-click (or click the first
// corner) closes it, and the store asks for its name.
import type { Geometry } from 'ol/geom';
import DrawMode from './DrawMode';
import type { ModeContext } from './Mode';
import { geometryToLonLat } from './geometryOut';

export default class ZoneMode extends DrawMode {
  protected drawOptions() {
    return { type: 'Polygon' as const };
  }

  protected drawn(drawn: Geometry | undefined, ctx: ModeContext) {
    const g = geometryToLonLat(drawn, ctx);
    if (g?.type === 'Polygon') ctx.callbacks().zoneDrawn(g);
  }
}
