// Planar polygon tests, enough to derive a zone's observability from a scene footprint (a few hundred metres: planar is fine).

import type { LonLat, PolygonGeometry } from '../domain';

function pointInRing(pt: LonLat, ring: LonLat[]): boolean {
  const [x, y] = pt;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(pt: LonLat, poly: PolygonGeometry): boolean {
  const [outer, ...holes] = poly.coordinates;
  if (!outer || !pointInRing(pt, outer)) return false;
  return !holes.some((h) => pointInRing(pt, h));
}

function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const o = (p: LonLat, q: LonLat, r: LonLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c);
  const o2 = o(a, b, d);
  const o3 = o(c, d, a);
  const o4 = o(c, d, b);
  return o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0;
}

function edgesCross(p: PolygonGeometry, q: PolygonGeometry): boolean {
  for (const r1 of p.coordinates) {
    for (let i = 1; i < r1.length; i++) {
      for (const r2 of q.coordinates) {
        for (let j = 1; j < r2.length; j++) {
          if (segmentsCross(r1[i - 1]!, r1[i]!, r2[j - 1]!, r2[j]!)) return true;
        }
      }
    }
  }
  return false;
}

/** How much of `zone` lies in `footprint`: all of it, some of it, or none. */
export function polygonRelation(zone: PolygonGeometry, footprint: PolygonGeometry): 'inside' | 'overlaps' | 'disjoint' {
  const zoneRing = zone.coordinates[0] ?? [];
  const footRing = footprint.coordinates[0] ?? [];
  if (zoneRing.length === 0 || footRing.length === 0) return 'disjoint';
  const inside = zoneRing.map((pt) => pointInPolygon(pt, footprint));
  const crosses = edgesCross(zone, footprint);
  if (inside.every(Boolean) && !crosses) return 'inside';
  if (inside.some(Boolean) || crosses || footRing.some((pt) => pointInPolygon(pt, zone))) return 'overlaps';
  return 'disjoint';
}
