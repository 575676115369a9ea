import { distanceMetres, polygonContains, utmEpsgFor, zoneAt, polygonBounds, ringSelfIntersects } from './geometry';
import type { PolygonGeometry } from './domain';

const square: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const withHole: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [square.coordinates[0]!, [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]]],
};

describe('polygonContains', () => {
  it('finds points inside and outside the outer ring', () => {
    expect(polygonContains(square, [0.5, 0.5])).toBe(true);
    expect(polygonContains(square, [1.5, 0.5])).toBe(false);
    expect(polygonContains(square, [-0.1, 0.5])).toBe(false);
  });
  it('excludes holes', () => {
    expect(polygonContains(withHole, [0.5, 0.5])).toBe(false);
    expect(polygonContains(withHole, [0.2, 0.2])).toBe(true);
  });
  it('handles concave polygons', () => {
    const u: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    expect(polygonContains(u, [1.5, 2])).toBe(false);
    expect(polygonContains(u, [0.5, 2])).toBe(true);
  });
});

describe('zoneAt', () => {
  it('returns the containing zone or null', () => {
    const zones = [{ id: 'a', geometry: square }];
    expect(zoneAt(zones, [0.5, 0.5])?.id).toBe('a');
    expect(zoneAt(zones, [5, 5])).toBeNull();
  });
});

describe('distanceMetres', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceMetres([130, 42], [130, 43])).toBeCloseTo(111_195, -1);
  });
  it('shrinks a degree of longitude with the cosine of latitude (not Web-Mercator metres)', () => {
    const d = distanceMetres([130, 42.25], [131, 42.25]);
    expect(d).toBeGreaterThan(82_000);
    expect(d).toBeLessThan(83_000);
  });
});

describe('utmEpsgFor', () => {
  it('puts Rajin in UTM 52N and Sydney in 56S', () => {
    expect(utmEpsgFor([130.3, 42.25])).toBe(32652);
    expect(utmEpsgFor([151.2, -33.9])).toBe(32756);
  });
  it('bounds', () => {
    expect(polygonBounds(square)).toEqual([0, 0, 1, 1]);
  });
});

describe('ringSelfIntersects', () => {
  it('accepts simple rings, convex and concave', () => {
    expect(ringSelfIntersects(square.coordinates[0]!)).toBe(false);
    expect(ringSelfIntersects([[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]])).toBe(false);
  });
  it('finds a bowtie and a ring that touches itself', () => {
    expect(ringSelfIntersects([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toBe(true);
    expect(ringSelfIntersects([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]])).toBe(true);
  });
  it('finds a spike that doubles back along itself', () => {
    expect(ringSelfIntersects([[0, 0], [2, 0], [2, 2], [2, 1], [2, 3], [0, 2], [0, 0]])).toBe(true);
  });
});
