// Geometry on lon/lat that every layer needs: containment of sightings in zones, distances in metres.
import type { LonLat, PolygonGeometry } from './domain';

/** Even-odd ray casting on one ring; lon/lat treated as planar, fine at quay scale (< tens of km). */
function ringContains(ring: LonLat[], [x, y]: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside the outer ring and outside every hole. */
export function polygonContains(polygon: PolygonGeometry, point: LonLat): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !ringContains(outer, point)) return false;
  return !holes.some((hole) => ringContains(hole, point));
}

/** The first zone (in the given order) whose polygon contains the point, or null. */
export function zoneAt<Z extends { id: string; geometry: PolygonGeometry }>(zones: readonly Z[], point: LonLat): Z | null {
  return zones.find((z) => polygonContains(z.geometry, point)) ?? null;
}

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)

/** Great-circle distance in metres: true ground metres, not Web-Mercator metres. */
export function distanceMetres([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** [minLon, minLat, maxLon, maxLat] of a polygon's outer ring. */
export function polygonBounds(polygon: PolygonGeometry): [number, number, number, number] {
  const ring = polygon.coordinates[0] ?? [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x); minY = Math.min(minY, y);
    maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** The UTM zone's EPSG code for a lon/lat (326xx north, 327xx south); Planet's products use these. */
export function utmEpsgFor([lon, lat]: LonLat): number {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return (lat >= 0 ? 32600 : 32700) + zone;
}
