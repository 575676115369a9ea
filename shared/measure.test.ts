// Measurements checked against proj4 references at 42°N (Rajin's latitude) and a published geodesic.
import proj4 from 'proj4';
import { mulberry32 } from './prng';
import type { LonLat, PolygonGeometry } from './domain';
import { describeBox, geodesic, geodesicDistanceM, hypot, measureBox, orientedBox, orientedBoxFromClicks, pathLengthM, polygonAreaM2, rotatePolygon } from './measure';

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
    // Sides from proj4's projected corners; the first runs bow → stern, so the bow lies from 1 to 0.
    expect(hyp(xy[0]!, xy[1]!)).toBeCloseTo(lengthM, 2);
    expect(hyp(xy[2]!, xy[3]!)).toBeCloseTo(lengthM, 2);
    expect(hyp(xy[1]!, xy[2]!)).toBeCloseTo(widthM, 2);
    const refHeading = ((Math.atan2(xy[0]![0]! - xy[1]![0]!, xy[0]![1]! - xy[1]![1]!) * 180) / Math.PI + 360) % 360;
    expect(refHeading).toBeCloseTo(headingDeg, 3);
    // And our own measure of the box.
    const m = measureBox(box)!;
    expect(m.lengthM).toBeCloseTo(lengthM, 3);
    expect(m.widthM).toBeCloseTo(widthM, 3);
    expect(m.bowDeg).toBeCloseTo(headingDeg, 4);
    expect(m.axisDeg).toBeCloseTo(headingDeg % 180, 4);
  });

  it('measures a box drawn in proj4 metres (bow, stern, side) to the centimetre, heading towards the bow', () => {
    const t = tmercAt(RAJIN);
    // Bow and stern 187.3 m apart, the bow on a bearing of 242° from the stern; beam 27.4 m.
    const h = (242 * Math.PI) / 180;
    const stern: LonLat = t.inverse([-40, 15]);
    const bow: LonLat = t.inverse([-40 + 187.3 * Math.sin(h), 15 + 187.3 * Math.cos(h)]);
    const side: LonLat = t.inverse([-40 + 100 * Math.sin(h) - 13.7 * Math.cos(h), 15 + 100 * Math.cos(h) + 13.7 * Math.sin(h)]);
    const box = orientedBoxFromClicks(bow, stern, side);
    const m = measureBox(box)!;
    expect(m.lengthM).toBeCloseTo(187.3, 2);
    expect(m.widthM).toBeCloseTo(27.4, 2);
    expect(m.bowDeg).toBeCloseTo(242, 2);
    // The bow and stern clicks are on the centre line: the box's ends straddle them.
    const xy = ringOf(box).map((p) => t.forward(p));
    const bowXY = t.forward(bow);
    expect(hyp(xy[0]!, bowXY)).toBeCloseTo(13.7, 2);
    expect(hyp(xy[3]!, bowXY)).toBeCloseTo(13.7, 2);
  });

  it('shows a vessel its heading 0–360° and any other box its axis 0–180°', () => {
    const ship = orientedBox({ centre: RAJIN, lengthM: 158, widthM: 24, headingDeg: 301.6 });
    const m = measureBox(ship)!;
    expect(describeBox('vessel', m)).toBe('158 m × 24 m · heading 302°');
    expect(describeBox('container_stack', m)).toBe('158 m × 24 m · axis 122°');
    // A ring that starts along the short side (another tool's polygon) says nothing about the bow.
    const r = ringOf(ship);
    const shifted = { type: 'Polygon' as const, coordinates: [[r[1]!, r[2]!, r[3]!, r[0]!, r[1]!]] };
    expect(measureBox(shifted)!.bowDeg).toBeNull();
    expect(describeBox('vessel', measureBox(shifted)!)).toBe('158 m × 24 m · axis 122°');
    // Just under north rounds to 0°, never 360°.
    expect(describeBox('vessel', measureBox(orientedBox({ centre: RAJIN, lengthM: 100, widthM: 10, headingDeg: 359.7 }))!)).toMatch(/heading 0°$/);
  });

  it('turns a box clockwise about its centre, keeping its true length and width', () => {
    const box = orientedBox({ centre: RAJIN, lengthM: 200, widthM: 30, headingDeg: 350 });
    const turned = measureBox(rotatePolygon(box, 15))!;
    expect(turned.bowDeg).toBeCloseTo(5, 6);
    expect(turned.lengthM).toBeCloseTo(200, 6);
    expect(turned.widthM).toBeCloseTo(30, 6);
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
  it('polygon area equals proj4 equal-area (LAEA) to one part in a million, holes subtracted', () => {
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
    expect(Math.abs(polygonAreaM2(poly) - reference) / reference).toBeLessThan(1e-6);
  });

  it('measures a 2° × 2° outline at 42°N as the ellipsoid does, where a sphere or a flat frame is off by 0.1 %', () => {
    // Edges densified every ~1 km, so the shape is the same whichever way its short edges are drawn.
    const ring: LonLat[] = [];
    const steps = 200;
    const corners: LonLat[] = [[129, 41], [131, 41], [131, 43], [129, 43], [129, 41]];
    for (let c = 0; c + 1 < corners.length; c++) {
      for (let i = 0; i < steps; i++) {
        const [a, b] = [corners[c]!, corners[c + 1]!];
        ring.push([a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps]);
      }
    }
    ring.push(ring[0]!);
    const l = laeaAt([130, 42]);
    const xy = ring.map((p) => l.forward(p));
    let s = 0;
    for (let i = 0; i + 1 < xy.length; i++) s += xy[i]![0]! * xy[i + 1]![1]! - xy[i + 1]![0]! * xy[i]![1]!;
    const reference = Math.abs(s) / 2;
    expect(Math.abs(polygonAreaM2({ type: 'Polygon', coordinates: [ring] }) - reference) / reference).toBeLessThan(1e-6);
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

  it('gives the same numbers to the bit as before its hypot and the distance-only entry (values recorded from the earlier code)', () => {
    const recorded: [LonLat, LonLat, number, number][] = [
      [[130.3, 42.245], [130.41, 42.19], 10945.983634735707, 123.88948257863967],
      [[130.3, 42.245], [130.3000001, 42.2450003], 0.03433023458941461, 13.910543243605218],
      [[-0.1, 51.5], [2.35, 48.85], 342761.9410042598, 148.3533212861298],
      [[179.9, -16.5], [-179.8, -16.4], 33894.87168669374, 70.98665218725995],
    ];
    for (const [a, b, distanceM, bearingDeg] of recorded) {
      expect(geodesic(a, b)).toEqual({ distanceM, bearingDeg });
      expect(geodesicDistanceM(a[0], a[1], b[0], b[1])).toBe(distanceM);
    }
  });

  it('geodesicDistanceM is geodesic().distanceM to the bit (AIS verdicts report it as the geodesic)', () => {
    const rnd = mulberry32(11);
    for (let i = 0; i < 20_000; i++) {
      const a: LonLat = [-180 + rnd() * 360, -85 + rnd() * 170];
      const b: LonLat = rnd() < 0.7 ? [a[0] + (rnd() - 0.5) * 0.4, Math.max(-89, Math.min(89, a[1] + (rnd() - 0.5) * 0.4))] : [-180 + rnd() * 360, -85 + rnd() * 170];
      expect(geodesicDistanceM(a[0], a[1], b[0], b[1])).toBe(geodesic(a, b).distanceM);
    }
  });

  it('hypot is Math.hypot to the bit, from the tiny to the huge', () => {
    const rnd = mulberry32(5);
    for (let i = 0; i < 50_000; i++) {
      const e = Math.floor(rnd() * 600) - 300;
      const x = (rnd() - 0.5) * 10 ** e;
      const y = (rnd() - 0.5) * 10 ** (e + Math.floor(rnd() * 40) - 20);
      expect(hypot(x, y)).toBe(Math.hypot(x, y));
    }
    for (const [x, y] of [[0, 0], [-0, 0], [3, 4], [0, -5], [1e308, 1e308], [Infinity, 1], [5e-324, 5e-324], [NaN, 1], [2, NaN]]) expect(hypot(x!, y!)).toBe(Math.hypot(x!, y!));
  });
});
