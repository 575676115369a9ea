// Which scenes a time-lapse shows: the framed place's scenes in the day range, oldest first, obscured ones left out or kept greyed.
import type { PolygonGeometry, Scene, Zone } from './domain';
import { dayRange, planTimelapse, type TimelapseInput } from './timelapse';

const square = (x: number, y = 0, size = 1): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] });
const zone = (id: string, siteId: string, x: number): Zone => ({ id, siteId, name: id, kind: 'quay', geometry: square(x) });
const scene = (id: string, acquired: string, over: Partial<Scene> = {}): Scene => ({
  id,
  siteId: 'port',
  acquired,
  provider: 'Planet',
  product: 'PSScene',
  itemId: id,
  footprint: null,
  cloudCover: null,
  gsd: 3,
  credit: '(c) Planet Labs PBC',
  source: { kind: 'geotiff', path: `${id}.tif` },
  sensor: 'optical',
  acquisition: {},
  ...over,
});

const A = zone('A', 'port', 0);
const B = zone('B', 'port', 2);
const input: TimelapseInput = {
  // Out of order on purpose; s9 is of another site; s3 and s3b share an instant.
  scenes: [
    scene('s4', '2025-01-04T10:00:00Z'),
    scene('s1', '2025-01-01T00:00:00Z'),
    scene('s3b', '2025-01-03T10:00:00Z'),
    scene('s3', '2025-01-03T10:00:00Z'),
    scene('s2', '2025-01-02T23:59:59.999Z'),
    scene('s9', '2025-01-02T12:00:00Z', { siteId: 'elsewhere', footprint: square(50, 50) }),
    // Its footprint holds B only: A is outside it (derived, nothing stored).
    scene('s5', '2025-01-05T10:00:00Z', { footprint: square(1.5, -0.5, 2) }),
  ],
  sites: [
    { id: 'port', aoi: square(0, 0, 3) },
    { id: 'elsewhere', aoi: square(50, 50) },
  ],
  zones: [A, B, zone('X', 'elsewhere', 50)],
  observability: [
    { sceneId: 's2', zoneId: 'A', value: 'obscured' },
    { sceneId: 's3', zoneId: 'A', value: 'partial' },
    { sceneId: 's4', zoneId: 'A', value: 'obscured' },
    { sceneId: 's4', zoneId: 'B', value: 'obscured' },
  ],
};
const all = dayRange(undefined, undefined);
const ids = (p: ReturnType<typeof planTimelapse>) => p.frames.map((f) => `${f.scene.id}${f.obscured ? '*' : ''}`);

describe('planTimelapse', () => {
  it("a zone's frames: its site's scenes oldest first; obscured or not imaged greyed, or left out and counted", () => {
    expect(ids(planTimelapse(input, { zone: A }, all, 'grey'))).toEqual(['s1', 's2*', 's3', 's3b', 's4*', 's5*']);
    const skip = planTimelapse(input, { zone: A }, all, 'skip');
    expect(ids(skip)).toEqual(['s1', 's3', 's3b']);
    expect(skip.skipped).toBe(3);
    expect(ids(planTimelapse(input, { zone: B }, all, 'skip'))).toEqual(['s1', 's2', 's3', 's3b', 's5']);
  });

  it('days are inclusive at both ends, in UTC', () => {
    expect(ids(planTimelapse(input, { zone: A }, dayRange('2025-01-02', '2025-01-03'), 'grey'))).toEqual(['s2*', 's3', 's3b']);
    expect(ids(planTimelapse(input, { zone: A }, dayRange('2025-01-04', undefined), 'grey'))).toEqual(['s4*', 's5*']);
    expect(planTimelapse(input, { zone: A }, dayRange('2025-02-01', '2025-02-28'), 'grey').frames).toEqual([]);
  });

  it('a box: scenes that image it; obscured only when every zone in it is', () => {
    // Box over A and B: s2 still shows B, s4 shows neither, s5 shows B.
    expect(ids(planTimelapse(input, { bbox: [[-0.5, -0.5], [3.5, 1.5]] }, all, 'grey'))).toEqual(['s1', 's2', 's3', 's3b', 's4*', 's5']);
    // Box over A only: s5's footprint does not reach it, so s5 is not of this view at all.
    expect(ids(planTimelapse(input, { bbox: [[0.1, 0.1], [0.9, 0.9]] }, all, 'skip'))).toEqual(['s1', 's3', 's3b']);
    // Box at the other site: its scene only.
    expect(ids(planTimelapse(input, { bbox: [[49, 49], [52, 52]] }, all, 'skip'))).toEqual(['s9']);
  });
});
