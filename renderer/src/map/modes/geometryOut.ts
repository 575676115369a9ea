// Turns a feature drawn in the view's projection back into the lon/lat geometry the API stores.
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import type { LonLat, SightingGeometry } from '../../../../shared/domain';
import type { ModeContext } from './Mode';

export function featureGeometryToLonLat(f: Feature<Geometry>, ctx: Pick<ModeContext, 'toLonLat'>): SightingGeometry | null {
  return geometryToLonLat(f.getGeometry(), ctx);
}

export function geometryToLonLat(g: Geometry | undefined, ctx: Pick<ModeContext, 'toLonLat'>): SightingGeometry | null {
  if (g instanceof Point) return { type: 'Point', coordinates: ctx.toLonLat(g.getCoordinates()) };
  if (g instanceof Polygon) {
    return {
      type: 'Polygon',
      coordinates: g.getCoordinates().map((ring) => ring.map((c) => ctx.toLonLat(c) as LonLat)),
    };
  }
  return null;
}
