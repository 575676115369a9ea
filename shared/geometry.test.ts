import fc from 'fast-check';
import { polygonContains, utmEpsgFor, zoneAt, polygonBounds, ringSelfIntersects } from './geometry';
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

/**
 * The sweep against the pairwise definition, written out again here on its own: the ring's edges i
 * and j (not neighbours along the ring) share a point. Corners on a 5 x 5 grid of small integers,
 * where the arithmetic is exact and collinear, touching and repeated corners are common.
 */
describe('ringSelfIntersects agrees with the pairwise definition', () => {
  type P = [number, number];
  const cross = (o: P, a: P, b: P) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const onSegment = (p: P, a: P, b: P) => cross(a, b, p) === 0 && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  const share = (a: P, b: P, c: P, d: P) => {
    const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
  };
  const pairwise = (ring: P[]) => {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (share(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
    return false;
  };
  const close = (pts: P[]): P[] => [...pts, pts[0]!];
  const grid = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })) as fc.Arbitrary<P>;
  /** Corners in angle order around a centre: mostly simple rings, so "false" is tested as much as "true". */
  const starShaped = fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 3 })), { minLength: 3, maxLength: 16 }).map((cs) =>
    [...cs].sort((a, b) => a[0] - b[0]).map(([step, r]): P => [Math.round(8 + r * 2 * Math.cos((step * Math.PI) / 8)), Math.round(8 + r * 2 * Math.sin((step * Math.PI) / 8))]),
  );
  let runs = 0, crossing = 0;
  afterAll(() => console.log(`ringSelfIntersects: ${runs} random rings compared with the pairwise definition (${crossing} touching or crossing themselves)`));
  const agree = (pts: P[]) => {
    const ring = close(pts);
    const want = pairwise(ring);
    runs++;
    if (want) crossing++;
    expect(ringSelfIntersects(ring)).toBe(want);
  };

  it('on random corners of a small grid (collinear, touching, repeated)', () => {
    fc.assert(fc.property(fc.array(grid, { minLength: 3, maxLength: 12 }), agree), { numRuns: 20_000 });
  });
  it('on star-shaped rings, mostly simple, with collinear and repeated corners', () => {
    fc.assert(fc.property(starShaped, agree), { numRuns: 20_000 });
  });
  it('on a simple ring with a few corners moved (near misses and touches)', () => {
    const base: P[] = Array.from({ length: 24 }, (_, k) => [Math.round(10 + 8 * Math.cos((k * Math.PI) / 12)), Math.round(10 + 8 * Math.sin((k * Math.PI) / 12))]);
    const moves = fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 2, max: 18 }), fc.integer({ min: 2, max: 18 })), { maxLength: 3 });
    fc.assert(
      fc.property(moves, (ms) => {
        const pts = base.map((p) => [...p] as P);
        for (const [k, x, y] of ms) pts[k] = [x, y];
        agree(pts);
      }),
      { numRuns: 10_000 },
    );
  });
});
