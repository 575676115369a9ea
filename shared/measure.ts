// Measurements in true ground metres on the WGS84 ellipsoid (never Web-Mercator metres): oriented
// boxes for sightings, their length and heading, polygon areas and distances.
// THE measuring code: every length, heading and area the user sees (map label, attributes panel, measure
// tool, exports' length_m/heading_deg/axis_deg, report chips) comes from here. A box keeps its bow in the
// ring's order; a vessel shows a heading 0–360°, other boxes an axis 0–180° (boxDirection).
// e2e/measuring.spec.ts checks what the screen shows against proj4.
// Hand-written (Vincenty distances, area on the authalic sphere, a local ellipsoidal frame for boxes), each
// checked against proj4 in measure.test.ts: GeographicLib would be the library to add, but a new dependency
// could not be installed where this was written (its node_modules was shared).
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
const bearingOf = (dx: number, dy: number) => ((Math.atan2(dx, dy) / RAD) % 360 + 360) % 360;
const mid = (a: LonLat, b: LonLat): LonLat => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/** A closed 5-position ring from four corners. */
const ring = (corners: LonLat[]): PolygonGeometry => ({ type: 'Polygon', coordinates: [[...corners, corners[0]!]] });

/**
 * How a box's ring says which end is the bow. A box drawn in the app is clicked bow, stern, side
 * (for a vessel; "one end, the other end, one long side" for the other classes), and its ring keeps
 * that order: corner 0 at the first click's end, corner 1 at the second's, so the first side runs
 * bow → stern. Rotating or reshaping a box moves corners but never reorders them, exports write
 * the ring as stored, and a colleague's package carries it unchanged, so the bow survives all three.
 */
export const BOX_RING_CONVENTION = 'corner 0 → corner 1 runs bow → stern';

/**
 * The box drawn with three clicks: bow, stern (both on the centre line), then one side, whose
 * distance from the bow–stern line is half the width. Corners in the order of BOX_RING_CONVENTION.
 */
export function orientedBoxFromClicks(bow: LonLat, stern: LonLat, side: LonLat | null): PolygonGeometry {
  const f = localFrame(mid(bow, stern));
  const [ax, ay] = f.toMetres(bow);
  const [bx, by] = f.toMetres(stern);
  const len = Math.hypot(bx - ax, by - ay);
  if (len === 0) return ring([bow, bow, stern, stern]); // flat: the contract refuses it, the tool asks for another click
  // Unit normal to bow→stern; the side click's distance from that line is the half-width.
  const nx = -(by - ay) / len;
  const ny = (bx - ax) / len;
  const [cx, cy] = side ? f.toMetres(side) : [ax, ay];
  const h = Math.abs((cx - ax) * nx + (cy - ay) * ny);
  const at = (x: number, y: number, s: number) => f.toLonLat([x + s * h * nx, y + s * h * ny]);
  return ring([at(ax, ay, -1), at(bx, by, -1), at(bx, by, 1), at(ax, ay, 1)]);
}

/** The box from its centre, length and width (metres) and heading of its bow (° from true north). */
export function orientedBox(o: { centre: LonLat; lengthM: number; widthM: number; headingDeg: number }): PolygonGeometry {
  const f = localFrame(o.centre);
  const h = o.headingDeg * RAD;
  const [dx, dy] = [Math.sin(h), Math.cos(h)]; // along the length, towards the bow
  const [px, py] = [Math.cos(h), -Math.sin(h)]; // across, to starboard
  const l = o.lengthM / 2;
  const w = o.widthM / 2;
  const corner = (sl: number, sw: number) => f.toLonLat([sl * l * dx + sw * w * px, sl * l * dy + sw * w * py]);
  // Bow-port, stern-port, stern-starboard, bow-starboard: BOX_RING_CONVENTION.
  return ring([corner(1, -1), corner(-1, -1), corner(-1, 1), corner(1, 1)]);
}

export interface BoxMeasure {
  lengthM: number;
  widthM: number;
  /**
   * Direction the bow points, degrees clockwise from true north in [0, 360), read from the ring's
   * order (BOX_RING_CONVENTION); null when the ring's first side is the short one, so the order
   * says nothing about the ends.
   */
  bowDeg: number | null;
  /** Direction of the long axis, degrees clockwise from true north in [0, 180): what any box knows. */
  axisDeg: number;
  centre: LonLat;
}

/**
 * Length, width and directions of a box (a closed ring of 4 corners), in true metres on the WGS84
 * ellipsoid. Opposite sides are averaged, so a hand-reshaped, slightly skewed box still gives one
 * sensible figure. Null if not a box.
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
  const firstIsLong = lenA >= lenB;
  // The opposite side runs the other way round the ring: subtract it to average the direction.
  // Side 0 runs bow → stern, so the bow lies the other way: s2 − s0.
  const [towardsBow, lengthM, widthM] = firstIsLong ? [[s2[0] - s0[0], s2[1] - s0[1]], lenA, lenB] : [[s1[0] - s3[0], s1[1] - s3[1]], lenB, lenA];
  const deg = bearingOf(towardsBow[0]!, towardsBow[1]!);
  return { lengthM, widthM, bowDeg: firstIsLong ? deg : null, axisDeg: deg % 180, centre };
}

/**
 * Which direction a user is shown for a box: a vessel's heading (0–360°, where its bow points) when
 * the box was drawn bow first, else the axis of its length (0–180°). Only a vessel is asked for its
 * bow when drawn (MapView's hint); a container stack, an aircraft or a vehicle is boxed "one end,
 * the other end", so a 0–360 figure for them would claim a front nobody marked, and a box whose
 * ring does not start along its length (a polygon from another tool) has no bow either. The panel,
 * the map, the exports (heading_deg / axis_deg) and the report chips all go through this one rule.
 */
export function boxDirection(cls: string, m: BoxMeasure): { kind: 'heading' | 'axis'; deg: number } {
  return cls === 'vessel' && m.bowDeg !== null ? { kind: 'heading', deg: m.bowDeg } : { kind: 'axis', deg: m.axisDeg };
}

/** "212 m × 31 m · heading 62°" (a vessel drawn bow first) or "… · axis 62°" (any other box). */
export function describeBox(cls: string, m: BoxMeasure): string {
  const d = boxDirection(cls, m);
  // Rounded before the modulo, so 359.6° reads 0°, never 360°.
  const deg = Math.round(d.deg) % (d.kind === 'heading' ? 360 : 180);
  return `${fmtLength(m.lengthM)} × ${fmtLength(m.widthM)} · ${d.kind} ${deg}°`;
}

/**
 * A sighting's box figures as exports write them, by the same rule as the screen: heading_deg only
 * where the panel shows a heading (a vessel drawn bow first), axis_deg for every box. Metres to the
 * decimetre and degrees to a tenth: finer would be noise at satellite resolution. Null for a point.
 */
export function boxFigures(cls: string, geometry: { type: string; coordinates: unknown }): { length_m: number; width_m: number; heading_deg: number | null; axis_deg: number } | null {
  if (geometry.type !== 'Polygon') return null;
  const m = measureBox(geometry as PolygonGeometry);
  if (!m) return null;
  const d = boxDirection(cls, m);
  const r = (v: number, k: number) => Math.round(v * k) / k;
  return { length_m: r(m.lengthM, 10), width_m: r(m.widthM, 10), heading_deg: d.kind === 'heading' ? r(m.bowDeg!, 10) % 360 : null, axis_deg: r(m.axisDeg, 10) % 180 };
}

/** "212 m", "1.34 km". */
export function fmtLength(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`;
}

/** "5,400 m²", "2.10 km²". */
export function fmtArea(m2: number): string {
  return m2 >= 1e6 ? `${(m2 / 1e6).toFixed(2)} km²` : `${Math.round(m2).toLocaleString('en')} m²`;
}

/**
 * The polygon turned about its centre by `degrees` clockwise, in the local frame of the ellipsoid
 * at the centre: true metres, so a box keeps its length and width however it is turned.
 */
export function rotatePolygon(polygon: PolygonGeometry, degrees: number): PolygonGeometry {
  const outer = polygon.coordinates[0] ?? [];
  const pts = outer.length > 1 ? outer.slice(0, -1) : outer;
  const centre: LonLat = [pts.reduce((s, p) => s + p[0], 0) / Math.max(1, pts.length), pts.reduce((s, p) => s + p[1], 0) / Math.max(1, pts.length)];
  const f = localFrame(centre);
  const t = degrees * RAD; // clockwise from north: east/north frame, so x' = x cos + y sin
  const [c, s] = [Math.cos(t), Math.sin(t)];
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((r) =>
      r.map((q) => {
        const [x, y] = f.toMetres(q);
        return f.toLonLat([x * c + y * s, -x * s + y * c]);
      }),
    ),
  };
}

// The authalic sphere: latitude mapped so that area on a sphere of radius R_Q equals area on the
// WGS84 ellipsoid exactly (Snyder, Map Projections – A Working Manual, eq. 3-11, 3-12).
const E = Math.sqrt(E2);
const q = (sinPhi: number) => (1 - E2) * (sinPhi / (1 - E2 * sinPhi * sinPhi) - (1 / (2 * E)) * Math.log((1 - E * sinPhi) / (1 + E * sinPhi)));
const QP = q(1);
const R_Q = A * Math.sqrt(QP / 2);
const authalic = (latDeg: number) => Math.asin(Math.max(-1, Math.min(1, q(Math.sin(latDeg * RAD)) / QP)));

/** Signed area of a closed ring on the authalic sphere, steradians (edges as great circles there). */
function ringExcess(r: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < r.length; i++) {
    const [lon1, lat1] = r[i]!;
    const [lon2, lat2] = r[i + 1]!;
    let dLon = (lon2 - lon1) * RAD;
    dLon = Math.atan2(Math.sin(dLon), Math.cos(dLon)); // across the antimeridian the short way
    const t1 = Math.tan(authalic(lat1) / 2);
    const t2 = Math.tan(authalic(lat2) / 2);
    // The exact excess of the quadrilateral between the edge and the equator (spherical excess, as in
    // GeographicLib's documentation); summed round the ring, everything outside the ring cancels.
    sum += 2 * Math.atan2(Math.tan(dLon / 2) * (t1 + t2), 1 + t1 * t2);
  }
  return sum;
}

/**
 * Area in square metres on the WGS84 ellipsoid (outer ring minus holes): the ring is carried to the
 * authalic sphere, which preserves area exactly, and measured there. Edges are taken as shortest
 * paths; over the few kilometres of a drawn outline they differ from the straight lines drawn in UTM
 * by far less than a pixel. Not a projected area: neither UTM's 0.9996 scale nor Mercator's 1/cos².
 */
export function polygonAreaM2(polygon: PolygonGeometry): number {
  const outer = polygon.coordinates[0];
  if (!outer || outer.length < 4) return 0;
  const area = (r: LonLat[]) => Math.abs(ringExcess(r)) * R_Q * R_Q;
  return polygon.coordinates.reduce((sum, r, i) => sum + (i === 0 ? 1 : -1) * area(r), 0);
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
  const g: Geodesic = { distanceM: 0, bearingDeg: 0 };
  g.distanceM = inverse(p1[0], p1[1], p2[0], p2[1], g);
  return g;
}

/**
 * geodesic(p1, p2).distanceM, to the last bit (the same solver), without the bearing or any object:
 * for loops over many points (100,000 AIS verdicts), where the bearing's three extra transcendental
 * calls and a result per call are a sixth of the time.
 */
export function geodesicDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return inverse(lon1, lat1, lon2, lat2, null);
}

/** THE inverse problem (Vincenty): returns the distance, and writes the initial bearing into `bearing` when given one. */
function inverse(lon1: number, lat1: number, lon2: number, lat2: number, bearing: Geodesic | null): number {
  if (lon1 === lon2 && lat1 === lat2) return 0;
  const b = A * (1 - F);
  const L = (lon2 - lon1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iter = 0; iter < 200; iter++) {
    const sinL = Math.sin(lambda), cosL = Math.cos(lambda);
    const sinSigma = hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
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
      if (bearing) {
        const az = Math.atan2(cosU2 * Math.sin(lambda), cosU1 * sinU2 - sinU1 * cosU2 * Math.cos(lambda));
        bearing.bearingDeg = ((az / RAD) % 360 + 360) % 360;
      }
      return b * bigA * (sigma - dSigma);
    }
  }
  const f = localFrame([(lon1 + lon2) / 2, (lat1 + lat2) / 2]);
  const [x1, y1] = f.toMetres([lon1, lat1]);
  const [x2, y2] = f.toMetres([lon2, lat2]);
  if (bearing) bearing.bearingDeg = bearingOf(x2 - x1, y2 - y1);
  return Math.hypot(x2 - x1, y2 - y1);
}

/**
 * Math.hypot(x, y) to the bit (but for an infinite beside a NaN, which a geodesic never meets). V8
 * computes it so (builtins-math.cc: both divided by the larger, squares summed, the root scaled back;
 * the Kahan term is zero with two), but in C++ behind a runtime call: a tenth of every geodesic.
 * Tested against Math.hypot in measure.test.ts.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const max = Math.max(ax, ay); // NaN if either is
  if (max === 0 || max === Infinity) return max;
  const nx = ax / max;
  const ny = ay / max;
  return Math.sqrt(nx * nx + ny * ny) * max;
}

/** Length of a path (e.g. the measure tool's clicks) in metres along the ellipsoid. */
export function pathLengthM(points: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += geodesic(points[i - 1]!, points[i]!).distanceM;
  return sum;
}
