// Box length/heading in true metres at 42°N, against boxes laid out with proj4 in a local
// azimuthal-equidistant projection (true distances from its centre), plus the box/rotation helpers.
import proj4 from 'proj4';
import type { LonLat, PolygonGeometry } from '../../../shared/domain';
import { boxMetrics, orientedBoxRing, pathLengthMetres, rotatePolygon } from './shapes';

/** A box of the given size and heading centred at lon/lat, corners placed in true metres. */
function boxAt(lon: number, lat: number, lengthM: number, beamM: number, headingDeg: number): PolygonGeometry {
  const aeqd = `+proj=aeqd +lat_0=${lat} +lon_0=${lon} +datum=WGS84 +units=m`;
  const h = (headingDeg * Math.PI) / 180;
  const u = [Math.sin(h), Math.cos(h)]; // along the heading (x east, y north)
  const n = [Math.cos(h), -Math.sin(h)]; // across it
  const corner = (a: number, b: number) => proj4(aeqd, 'EPSG:4326', [u[0]! * a + n[0]! * b, u[1]! * a + n[1]! * b]) as LonLat;
  const L = lengthM / 2;
  const B = beamM / 2;
  const ring = [corner(-L, -B), corner(L, -B), corner(L, B), corner(-L, B)];
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

describe('boxMetrics at 42°N', () => {
  for (const [length, beam, heading] of [
    [200, 32, 30],
    [120, 20, 0],
    [330, 48, 90],
    [75, 12, 147],
  ] as const) {
    it(`${length} m × ${beam} m heading ${heading}°`, () => {
      const m = boxMetrics(boxAt(129.7, 42.0, length, beam, heading))!;
      // Haversine on the mean sphere vs the WGS84 ellipsoid: within 0.5 %.
      expect(Math.abs(m.lengthM - length) / length).toBeLessThan(0.005);
      expect(Math.abs(m.beamM - beam) / beam).toBeLessThan(0.005);
      const d = Math.abs(m.headingDeg - (heading % 180));
      expect(Math.min(d, 180 - d)).toBeLessThan(0.3); // a box's heading is axial: 0° and 180° agree
    });
  }

  it('is not fooled by the projection: a UTM-drawn box is measured on the ground, not in UTM metres', () => {
    // Far from the central meridian UTM's scale factor is ~1.0008; the geodesic length must not carry it.
    const utm = '+proj=utm +zone=52 +datum=WGS84 +units=m';
    const [x, y] = proj4('EPSG:4326', utm, [126.1, 42.0]);
    const ring = orientedBoxRing([x! - 100, y!], [x! + 100, y!], [x!, y! + 15]).map((c) => proj4(utm, 'EPSG:4326', c) as LonLat);
    const m = boxMetrics({ type: 'Polygon', coordinates: [ring] })!;
    expect(m.lengthM).not.toBeCloseTo(200, 1);
    expect(Math.abs(m.lengthM - 200)).toBeLessThan(1.5);
  });

  it('returns null for a shape that is not a four-cornered box', () => {
    const tri: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] };
    expect(boxMetrics(tri)).toBeNull();
  });
});

describe('orientedBoxRing', () => {
  it('centres the box on the bow–stern axis with the side click as half-width', () => {
    const ring = orientedBoxRing([0, 0], [100, 0], [50, 10]);
    expect(ring).toEqual([[0, -10], [100, -10], [100, 10], [0, 10], [0, -10]]);
  });
});

describe('rotatePolygon', () => {
  it('turns the heading by the given angle and keeps the size', () => {
    const box = boxAt(129.7, 42.0, 200, 30, 20);
    const m0 = boxMetrics(box)!;
    const m1 = boxMetrics(rotatePolygon(box, 15))!;
    expect(m1.headingDeg - m0.headingDeg).toBeCloseTo(15, 0);
    expect(Math.abs(m1.lengthM - m0.lengthM)).toBeLessThan(0.5);
  });
});

describe('pathLengthMetres', () => {
  it('adds the legs: one minute of latitude is about 1,852 m', () => {
    expect(pathLengthMetres([[129.7, 42], [129.7, 42 + 1 / 60]])).toBeCloseTo(1853, -1);
  });
});
