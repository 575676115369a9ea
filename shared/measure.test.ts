// Measurements checked against proj4 references at 42°N (Rajin's latitude) and a published geodesic.
import proj4 from 'proj4';
import type { LonLat, PolygonGeometry } from './domain';
import { geodesic, measureBox, orientedBox, orientedBoxFromClicks, pathLengthM, polygonAreaM2 } from './measure';

const RAJIN: LonLat = [130.3, 42.25];
/** Transverse Mercator with scale 1 on a meridian through the point: true metres and true north there. */
const tmercAt = ([lon, lat]: LonLat) => proj4('EPSG:4326', `+proj=tmerc +lat_0=${lat} +lon_0=${lon} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
/** Lambert azimuthal equal-area: areas exactly as on the ellipsoid. */
const laeaAt = ([lon, lat]: LonLat) => proj4('EPSG:4326', `+proj=laea +lat_0=${lat} +lon_0=${lon} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);

const ringOf = (p: PolygonGeometry) => p.coordinates[0]!;
const hyp = (a: number[], b: number[]) => Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);

describe('oriented boxes at 42°N, in true metres', () => {
  it.each([
    [200, 32, 35],
    [120, 18, 0],
    [330, 48, 271.5],
    [45, 12, 90],
  ])('a %f m × %f m box heading %f° measures the same in proj4 (tmerc, k = 1)', (lengthM, widthM, headingDeg) => {
    const box = orientedBox({ centre: RAJIN, lengthM, widthM, headingDeg });
    const ring = ringOf(box);
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    const t = tmercAt(RAJIN);
    const xy = ring.map((p) => t.forward(p));
    // Sides from proj4's projected corners.
    expect(hyp(xy[0]!, xy[1]!)).toBeCloseTo(lengthM, 2);
    expect(hyp(xy[2]!, xy[3]!)).toBeCloseTo(lengthM, 2);
    expect(hyp(xy[1]!, xy[2]!)).toBeCloseTo(widthM, 2);
    const refHeading = ((Math.atan2(xy[1]![0]! - xy[0]![0]!, xy[1]![1]! - xy[0]![1]!) * 180) / Math.PI + 360) % 360;
    expect(refHeading).toBeCloseTo(headingDeg, 3);
    // And our own measure of the box.
    const m = measureBox(box)!;
    expect(m.lengthM).toBeCloseTo(lengthM, 3);
    expect(m.widthM).toBeCloseTo(widthM, 3);
    expect(m.headingDeg).toBeCloseTo(headingDeg, 4);
  });

  it('measures a box drawn in proj4 metres (three clicks) to the centimetre', () => {
    const t = tmercAt(RAJIN);
    // Bow/stern 187.3 m apart on a bearing of 62°, beam 27.4 m.
    const h = (62 * Math.PI) / 180;
    const a: LonLat = t.inverse([-40, 15]);
    const b: LonLat = t.inverse([-40 + 187.3 * Math.sin(h), 15 + 187.3 * Math.cos(h)]);
    const c: LonLat = t.inverse([-40 + 100 * Math.sin(h) - 27.4 * Math.cos(h), 15 + 100 * Math.cos(h) + 27.4 * Math.sin(h)]);
    const box = orientedBoxFromClicks(a, b, c);
    const m = measureBox(box)!;
    expect(m.lengthM).toBeCloseTo(187.3, 2);
    expect(m.widthM).toBeCloseTo(27.4, 2);
    expect(m.headingDeg).toBeCloseTo(62, 2);
    expect(ringOf(box)[0]).toEqual(a);
    expect(ringOf(box)[1]).toEqual(b);
  });

  it('is not fooled by Web Mercator, whose metres are 1/cos(42°) ≈ 1.35 too long here', () => {
    const box = orientedBox({ centre: RAJIN, lengthM: 200, widthM: 30, headingDeg: 90 });
    const merc = proj4('EPSG:4326', 'EPSG:3857');
    const [p0, p1] = ringOf(box).map((p) => merc.forward(p));
    const mercLength = hyp(p0!, p1!);
    expect(mercLength / 200).toBeCloseTo(1 / Math.cos((42.25 * Math.PI) / 180), 2);
    expect(measureBox(box)!.lengthM).toBeCloseTo(200, 3);
  });

  it('averages a hand-skewed box and refuses what is not a box', () => {
    const box = orientedBox({ centre: RAJIN, lengthM: 150, widthM: 20, headingDeg: 10 });
    const t = tmercAt(RAJIN);
    const ring = ringOf(box).map((p) => t.forward(p));
    ring[2] = [ring[2]![0]! + 1, ring[2]![1]!]; // one corner dragged 1 m east
    const skewed: PolygonGeometry = { type: 'Polygon', coordinates: [ring.slice(0, 4).map((p) => t.inverse(p) as LonLat).concat([box.coordinates[0]![0]!])] };
    expect(measureBox(skewed)!.lengthM).toBeCloseTo(150, 0);
    const pentagon = orientedBox({ centre: RAJIN, lengthM: 10, widthM: 5, headingDeg: 0 });
    pentagon.coordinates[0]!.splice(1, 0, pentagon.coordinates[0]![0]!);
    expect(measureBox(pentagon)).toBeNull();
  });
});

describe('areas and distances', () => {
  it('polygon area equals proj4 equal-area (LAEA) to 0.01 %, holes subtracted', () => {
    const t = tmercAt(RAJIN);
    // A quay-shaped outline, 600 m × 80 m with a jog, and a 20 m × 20 m hole (a shed).
    const outerM = [[0, 0], [600, 0], [600, 80], [300, 80], [300, 120], [0, 120], [0, 0]];
    const holeM = [[100, 20], [120, 20], [120, 40], [100, 40], [100, 20]];
    const poly: PolygonGeometry = { type: 'Polygon', coordinates: [outerM.map((p) => t.inverse(p) as LonLat), holeM.map((p) => t.inverse(p) as LonLat)] };
    const l = laeaAt(RAJIN);
    const shoelace = (ring: LonLat[]) => {
      const xy = ring.map((p) => l.forward(p));
      let s = 0;
      for (let i = 0; i + 1 < xy.length; i++) s += xy[i]![0]! * xy[i + 1]![1]! - xy[i + 1]![0]! * xy[i]![1]!;
      return Math.abs(s) / 2;
    };
    const reference = shoelace(poly.coordinates[0]!) - shoelace(poly.coordinates[1]!);
    expect(reference).toBeCloseTo(600 * 80 + 300 * 40 - 400, -1);
    expect(Math.abs(polygonAreaM2(poly) - reference) / reference).toBeLessThan(1e-4);
  });

  it('reproduces Vincenty’s published geodesic (Flinders Peak → Buninyong)', () => {
    const dms = (d: number, m: number, s: number) => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);
    const g = geodesic([dms(144, 25, 29.52440), dms(-37, 57, 3.72030)], [dms(143, 55, 35.38390), dms(-37, 39, 10.15610)]);
    expect(g.distanceM).toBeCloseTo(54_972.271, 2);
    expect(g.bearingDeg).toBeCloseTo(dms(306, 52, 5.37), 4);
  });

  it('distance across a quay at 42°N matches proj4 (tmerc, k = 1) to the millimetre', () => {
    const t = tmercAt(RAJIN);
    const a: LonLat = t.inverse([-250, -100]);
    const b: LonLat = t.inverse([310, 140]);
    const expected = Math.hypot(560, 240);
    expect(geodesic(a, b).distanceM).toBeCloseTo(expected, 2);
    expect(pathLengthM([a, b, a])).toBeCloseTo(2 * expected, 2);
    expect(geodesic(a, a).distanceM).toBe(0);
  });
});
