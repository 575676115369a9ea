// Planar shape helpers for marks: oriented boxes from three clicks, rotation, and the true-metre
// length/heading of a box (geodesic, so Web-Mercator or UTM scale never leaks into a ship's length).
import type { LonLat, PolygonGeometry } from '../../../shared/domain';
import { distanceMetres } from '../../../shared/geometry';

type XY = [number, number];

/**
 * The oriented box an analyst draws with three clicks in a conformal projection: bow, stern, then
 * one side. The box is centred on the bow–stern axis; its half-width is the side click's distance
 * from that axis. Returns the closed ring.
 */
export function orientedBoxRing(p0: XY, p1: XY, side: XY | null): XY[] {
  const dx = p1[0] - p0[0];
  const dy = p1[1] - p0[1];
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len;
  const ny = dx / len;
  const half = side ? Math.abs((side[0] - p0[0]) * nx + (side[1] - p0[1]) * ny) : 0;
  const a: XY = [p0[0] - nx * half, p0[1] - ny * half];
  const b: XY = [p1[0] - nx * half, p1[1] - ny * half];
  const c: XY = [p1[0] + nx * half, p1[1] + ny * half];
  const d: XY = [p0[0] + nx * half, p0[1] + ny * half];
  return [a, b, c, d, [a[0], a[1]]];
}

/** Initial great-circle bearing from a to b, degrees clockwise from true north in [0, 360). */
export function bearingDegrees([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const r = Math.PI / 180;
  const y = Math.sin((lon2 - lon1) * r) * Math.cos(lat2 * r);
  const x = Math.cos(lat1 * r) * Math.sin(lat2 * r) - Math.sin(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return ((Math.atan2(y, x) / r) % 360 + 360) % 360;
}

/**
 * Length (m), beam (m) and heading (° true, 0–180: a box has no bow) of a four-cornered box: the
 * longer pair of sides is the length. Null for any other polygon.
 */
export function boxMetrics(polygon: PolygonGeometry): { lengthM: number; beamM: number; headingDeg: number } | null {
  const ring = polygon.coordinates[0];
  if (!ring || ring.length !== 5) return null;
  const [a, b, , d] = ring as [LonLat, LonLat, LonLat, LonLat, LonLat];
  const ab = distanceMetres(a, b);
  const ad = distanceMetres(a, d);
  const [lengthM, beamM, from, to] = ab >= ad ? [ab, ad, a, b] : [ad, ab, a, d];
  return { lengthM, beamM, headingDeg: bearingDegrees(from, to) % 180 };
}

/** Sum of the geodesic lengths of a path's legs, in metres. */
export function pathLengthMetres(path: LonLat[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += distanceMetres(path[i - 1]!, path[i]!);
  return total;
}

/** The centre (mean of distinct vertices) of a polygon's outer ring. */
export function ringCentre(polygon: PolygonGeometry): LonLat {
  const ring = polygon.coordinates[0] ?? [];
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  const lon = pts.reduce((s, p) => s + p[0], 0) / Math.max(1, pts.length);
  const lat = pts.reduce((s, p) => s + p[1], 0) / Math.max(1, pts.length);
  return [lon, lat];
}

/**
 * Rotates a polygon about its centre by `degrees` clockwise, in a local plane where a degree of
 * longitude is shrunk by cos(latitude) — exact enough at ship scale (hundreds of metres).
 */
export function rotatePolygon(polygon: PolygonGeometry, degrees: number): PolygonGeometry {
  const [cx, cy] = ringCentre(polygon);
  const k = Math.cos((cy * Math.PI) / 180);
  const t = (-degrees * Math.PI) / 180; // clockwise on the map = negative in maths orientation
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) =>
      ring.map(([lon, lat]) => {
        const x = (lon - cx) * k;
        const y = lat - cy;
        return [cx + (x * cos - y * sin) / k, cy + x * sin + y * cos] as LonLat;
      }),
    ),
  };
}

/** "212 m", "1.34 km"; "5,400 m²", "2.10 km²". */
export function fmtLength(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`;
}
export function fmtArea(m2: number): string {
  return m2 >= 1e6 ? `${(m2 / 1e6).toFixed(2)} km²` : `${Math.round(m2).toLocaleString('en')} m²`;
}
