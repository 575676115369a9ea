// Geometry on lon/lat that every layer needs: containment of sightings in zones, bounds, centres (metres: measure.ts).
import type { LonLat, PolygonGeometry } from './domain';

/** Even-odd ray casting on one ring; lon/lat treated as planar, fine at quay scale (< tens of km). */
function ringContains(ring: LonLat[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0];
    const yi = ring[i]![1];
    const xj = ring[j]![0];
    const yj = ring[j]![1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside the outer ring and outside every hole. */
export function polygonContains(polygon: PolygonGeometry, point: LonLat): boolean {
  return polygonContainsXY(polygon, point[0], point[1]);
}

/** polygonContains for a point given as its two numbers (AIS import: millions of points, no array each). */
export function polygonContainsXY(polygon: PolygonGeometry, x: number, y: number): boolean {
  const rings = polygon.coordinates;
  if (rings.length === 0 || !ringContains(rings[0]!, x, y)) return false;
  for (let h = 1; h < rings.length; h++) if (ringContains(rings[h]!, x, y)) return false;
  return true;
}

/** The first zone (in the given order) whose polygon contains the point, or null. */
export function zoneAt<Z extends { id: string; geometry: PolygonGeometry }>(zones: readonly Z[], point: LonLat): Z | null {
  return zones.find((z) => polygonContains(z.geometry, point)) ?? null;
}

/** The mean of a polygon's distinct outer-ring vertices: where a box's label and "nearest" questions anchor. */
export function ringCentre(polygon: PolygonGeometry): LonLat {
  const ring = polygon.coordinates[0] ?? [];
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  const n = Math.max(1, pts.length);
  return [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n];
}

// Distances in metres are measure.ts's geodesic(): one ellipsoidal model for every figure shown.

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

// The self-intersection test (a sweep, not pairwise: a ring may have 10,000 vertices) lives in its own file.
export { ringSelfIntersects } from './selfIntersection';

/** True when two segments cross at a single interior point (touching or collinear does not count). */
function segmentsCrossProperly(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const o = (p: LonLat, q: LonLat, r: LonLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  return o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0;
}

function edgesCross(p: PolygonGeometry, q: PolygonGeometry): boolean {
  for (const r1 of p.coordinates) {
    for (let i = 1; i < r1.length; i++) {
      for (const r2 of q.coordinates) {
        for (let j = 1; j < r2.length; j++) if (segmentsCrossProperly(r1[i - 1]!, r1[i]!, r2[j - 1]!, r2[j]!)) return true;
      }
    }
  }
  return false;
}

/**
 * How much of `zone` lies in `footprint`: all of it, some of it, or none. Planar on lon/lat, fine at
 * quay scale; used to derive observability from a scene footprint and to match colleagues' marks.
 */
export function polygonRelation(zone: PolygonGeometry, footprint: PolygonGeometry): 'inside' | 'overlaps' | 'disjoint' {
  const zoneRing = zone.coordinates[0] ?? [];
  const footRing = footprint.coordinates[0] ?? [];
  if (zoneRing.length === 0 || footRing.length === 0) return 'disjoint';
  const inside = zoneRing.map((pt) => polygonContains(footprint, pt));
  const crosses = edgesCross(zone, footprint);
  if (inside.every(Boolean) && !crosses) return 'inside';
  if (inside.some(Boolean) || crosses || footRing.some((pt) => polygonContains(zone, pt))) return 'overlaps';
  return 'disjoint';
}
