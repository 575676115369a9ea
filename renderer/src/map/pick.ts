// Which mark is under the pointer, found through the source's spatial index: OpenLayers' pixel hit
// detection redraws the candidates into a hit canvas and reads it back, which with 10,000 marks cost
// ~13 ms on every pointer move. Marks are simple (points of a known radius, boxes), so geometry does.
import type Feature from 'ol/Feature';
import type { Coordinate } from 'ol/coordinate';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import type VectorSource from 'ol/source/Vector';

/** A point mark is drawn as a circle of this radius (vectorStyles.ts), in CSS pixels. */
export const POINT_RADIUS_PX = 7;

/**
 * The mark nearest the coordinate within `tolerancePx` of its drawing, or null. A point counts from
 * its circle's edge; a box counts everywhere inside (as far as a point's radius, so a point drawn on
 * a box wins when the click is on it) and up to the tolerance outside its outline.
 */
export function pickMark(sources: readonly VectorSource[], at: Coordinate, resolution: number, tolerancePx: number): Feature | null {
  const reach = (POINT_RADIUS_PX + tolerancePx) * resolution;
  let best: Feature | null = null;
  let bestPx = Infinity;
  const near = (f: Feature) => {
    const g = f.getGeometry();
    let px = Infinity;
    if (g instanceof Point) {
      const d = Math.hypot(g.getCoordinates()[0]! - at[0]!, g.getCoordinates()[1]! - at[1]!) / resolution;
      if (d <= POINT_RADIUS_PX + tolerancePx) px = Math.max(0, d - POINT_RADIUS_PX);
    } else if (g instanceof Polygon) {
      if (g.intersectsCoordinate(at)) px = POINT_RADIUS_PX;
      else {
        const c = g.getClosestPoint(at);
        const d = Math.hypot(c[0]! - at[0]!, c[1]! - at[1]!) / resolution;
        if (d <= tolerancePx) px = POINT_RADIUS_PX + d;
      }
    }
    if (px < bestPx) {
      bestPx = px;
      best = f;
    }
  };
  const around = [at[0]! - reach, at[1]! - reach, at[0]! + reach, at[1]! + reach];
  for (const source of sources) source.forEachFeatureIntersectingExtent(around, (f) => void near(f as Feature));
  return best;
}
