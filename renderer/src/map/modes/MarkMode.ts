// Mark mode: one click marks a point; in box shape, three clicks draw an oriented box (bow,
// stern, one side) so a ship's length and heading can be measured from it. The box is laid out on
// the ellipsoid by shared/measure.ts (not in the view's UTM or Mercator units), whose ring order
// remembers which end is the bow.
import type { Options as DrawOptions } from 'ol/interaction/Draw';
import type { Geometry } from 'ol/geom';
import Polygon from 'ol/geom/Polygon';
import type { Coordinate } from 'ol/coordinate';
import type { SightingClass } from '../../../../shared/domain';
import type { LonLat } from '../../../../shared/domain';
import { orientedBoxFromClicks } from '../../../../shared/measure';
import DrawMode from './DrawMode';
import type { ModeContext } from './Mode';
import { geometryToLonLat } from './geometryOut';

export default class MarkMode extends DrawMode {
  constructor(
    readonly cls: SightingClass,
    readonly shape: 'point' | 'box',
  ) {
    super();
  }

  protected drawOptions(ctx: ModeContext): DrawOptions {
    if (this.shape === 'point') return { type: 'Point' };
    return {
      type: 'LineString',
      maxPoints: 3,
      geometryFunction: (coords, geometry) => {
        const pts = coords as Coordinate[];
        const ll = (c: Coordinate | undefined): LonLat | null => (c ? ctx.toLonLat(c) : null);
        const bow = ll(pts[0])!;
        const box = orientedBoxFromClicks(bow, ll(pts[1]) ?? bow, ll(pts[2]));
        const ring = box.coordinates[0]!.map((p) => ctx.fromLonLat(p));
        const poly = (geometry as Polygon | undefined) ?? new Polygon([ring]);
        poly.setCoordinates([ring]);
        return poly;
      },
    };
  }

  protected drawn(drawn: Geometry | undefined, ctx: ModeContext) {
    const geometry = geometryToLonLat(drawn, ctx);
    if (!geometry || !drawn) return;
    ctx.showPending(drawn, this.cls);
    ctx.callbacks().marked(geometry);
  }
}
