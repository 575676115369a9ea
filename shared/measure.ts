// Measurements in true ground metres on the WGS84 ellipsoid (never Web-Mercator metres): oriented
// boxes for sightings, their length and heading, polygon areas and distances.
import type { LonLat, PolygonGeometry } from './domain';

const A = 6_378_137; // WGS84 semi-major axis (m)
const F = 1 / 298.257223563; // WGS84 flattening
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/**
 * A local east/north frame in metres around an origin, from the ellipsoid's radii of curvature
 * there. Over a quay or a ship (< a few km) its scale error is below 1e-6: millimetres on a hull.
 */
export interface LocalFrame {
  toMetres(p: LonLat): [number, number];
  toLonLat(xy: readonly [number, number]): LonLat;
}

export function localFrame([lon0, lat0]: LonLat): LocalFrame {
  const s = Math.sin(lat0 * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  const meridian = (A * (1 - E2)) / (w * w * w); // metres per radian of latitude
  const parallel = (A / w) * Math.cos(lat0 * RAD); // metres per radian of longitude
  return {
    toMetres: ([lon, lat]) => [(lon - lon0) * RAD * parallel, (lat - lat0) * RAD * meridian],
    toLonLat: ([x, y]) => [lon0 + x / parallel / RAD, lat0 + y / meridian / RAD],
  };
}

/** Bearing of a local east/north vector, degrees clockwise from true north, in [0, 360). */
const bearing = (dx: number, dy: number) => ((Math.atan2(dx, dy) / RAD) % 360 + 360) % 360;
const mid = (a: LonLat, b: LonLat): LonLat => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** A closed 5-position ring from four corners. */
const ring = (corners: LonLat[]): PolygonGeometry => ({ type: 'Polygon', coordinates: [[...corners, corners[0]!]] });

/**
 * The box drawn with three clicks: the first two along one long side (bow and stern, say), the
 * third anywhere on the opposite side, which sets the width.
 */
export function orientedBoxFromClicks(a: LonLat, b: LonLat, c: LonLat): PolygonGeometry {
  const f = localFrame(mid(a, b));
  const [ax, ay] = f.toMetres(a);
  const [bx, by] = f.toMetres(b);
  const [cx, cy] = f.toMetres(c);
  const len = Math.hypot(bx - ax, by - ay);
  if (len === 0) return ring([a, a, c, c]); // flat: the contract refuses it, the tool asks for another click
  // Unit normal to a→b; the signed distance of c from the line is the width.
  const nx = -(by - ay) / len;
  const ny = (bx - ax) / len;
  const w = (cx - ax) * nx + (cy - ay) * ny;
  return ring([a, b, f.toLonLat([bx + w * nx, by + w * ny]), f.toLonLat([ax + w * nx, ay + w * ny])]);
}

/** The box from its centre, length and width (metres) and heading of its length (° from true north). */
export function orientedBox(o: { centre: LonLat; lengthM: number; widthM: number; headingDeg: number }): PolygonGeometry {
  const f = localFrame(o.centre);
  const h = o.headingDeg * RAD;
  const [dx, dy] = [Math.sin(h), Math.cos(h)]; // along the length
  const [px, py] = [Math.cos(h), -Math.sin(h)]; // across, to starboard
  const l = o.lengthM / 2;
  const w = o.widthM / 2;
  const corner = (sl: number, sw: number) => f.toLonLat([sl * l * dx + sw * w * px, sl * l * dy + sw * w * py]);
  // Stern-port, bow-port, bow-starboard, stern-starboard: the first side points along the heading.
  return ring([corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)]);
}

export interface BoxMeasure {
  lengthM: number;
  widthM: number;
  /** Direction of the long side, degrees clockwise from true north in [0, 360), taken along the ring's first long edge. */
  headingDeg: number;
  centre: LonLat;
}

/**
 * Length, width and heading of a box (a closed ring of 4 corners). Opposite sides are averaged,
 * so a hand-reshaped, slightly skewed box still gives one sensible figure. Null if not a box.
 */
export function measureBox(polygon: PolygonGeometry): BoxMeasure | null {
  const r = polygon.coordinates[0];
  if (!r || r.length !== 5) return null;
  const centre: LonLat = [(r[0]![0] + r[1]![0] + r[2]![0] + r[3]![0]) / 4, (r[0]![1] + r[1]![1] + r[2]![1] + r[3]![1]) / 4];
  const f = localFrame(centre);
  const p = r.slice(0, 4).map((q) => f.toMetres(q));
  const side = (i: number) => {
    const [x0, y0] = p[i]!;
    const [x1, y1] = p[(i + 1) % 4]!;
    return [x1 - x0, y1 - y0] as const;
  };
  const s0 = side(0), s1 = side(1), s2 = side(2), s3 = side(3);
  const lenA = (Math.hypot(...s0) + Math.hypot(...s2)) / 2;
  const lenB = (Math.hypot(...s1) + Math.hypot(...s3)) / 2;
  // The opposite side runs the other way round the ring: subtract it to average the direction.
  const [along, lengthM, widthM] = lenA >= lenB ? [[s0[0] - s2[0], s0[1] - s2[1]], lenA, lenB] : [[s1[0] - s3[0], s1[1] - s3[1]], lenB, lenA];
  return { lengthM, widthM, headingDeg: bearing(along[0]!, along[1]!), centre };
}

/** Area in square metres (outer ring minus holes), measured in a local frame at the polygon. */
export function polygonAreaM2(polygon: PolygonGeometry): number {
  const outer = polygon.coordinates[0];
  if (!outer || outer.length < 4) return 0;
  const n = outer.length - 1;
  let lon = 0, lat = 0;
  for (let i = 0; i < n; i++) {
    lon += outer[i]![0];
    lat += outer[i]![1];
  }
  const f = localFrame([lon / n, lat / n]);
  const ringArea = (ring: LonLat[]) => {
    let s = 0;
    const pts = ring.map((q) => f.toMetres(q));
    for (let i = 0; i + 1 < pts.length; i++) s += pts[i]![0] * pts[i + 1]![1] - pts[i + 1]![0] * pts[i]![1];
    return Math.abs(s) / 2;
  };
  return polygon.coordinates.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * ringArea(ring), 0);
}

export interface Geodesic {
  distanceM: number;
  /** Initial bearing from the first point, degrees clockwise from true north in [0, 360). */
  bearingDeg: number;
}

/**
 * Distance and initial bearing on the WGS84 ellipsoid (Vincenty's inverse formula, sub-millimetre
 * over the distances an analyst measures). Falls back to the local frame in the rare near-antipodal
 * case where the iteration does not converge, which cannot happen within a port.
 */
export function geodesic(p1: LonLat, p2: LonLat): Geodesic {
  const [lon1, lat1] = p1;
  const [lon2, lat2] = p2;
  if (lon1 === lon2 && lat1 === lat2) return { distanceM: 0, bearingDeg: 0 };
  const b = A * (1 - F);
  const L = (lon2 - lon1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iter = 0; iter < 200; iter++) {
    const sinL = Math.sin(lambda), cosL = Math.cos(lambda);
    const sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return { distanceM: 0, bearingDeg: 0 };
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - b * b)) / (b * b);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma =
        bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      const s = b * bigA * (sigma - dSigma);
      const az = Math.atan2(cosU2 * Math.sin(lambda), cosU1 * sinU2 - sinU1 * cosU2 * Math.cos(lambda));
      return { distanceM: s, bearingDeg: ((az / RAD) % 360 + 360) % 360 };
    }
  }
  const f = localFrame(mid(p1, p2));
  const [x1, y1] = f.toMetres(p1);
  const [x2, y2] = f.toMetres(p2);
  return { distanceM: Math.hypot(x2 - x1, y2 - y1), bearingDeg: bearing(x2 - x1, y2 - y1) };
}

/** Length of a path (e.g. the measure tool's clicks) in metres along the ellipsoid. */
export function pathLengthM(points: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += geodesic(points[i - 1]!, points[i]!).distanceM;
  return sum;
}
