// The record-of-effort rules the scene list, the E key and `examined set` share.
import type { PolygonGeometry } from './domain';
import { examinableZones, examinationProgress, examinedKey, examinedSet, nextUnexamined, storedObservability, unverifiedPairs } from './examination';

const square = (x: number): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
const zones = [
  { id: 'A', siteId: 'port', geometry: square(0) },
  { id: 'B', siteId: 'port', geometry: square(2) },
  { id: 'X', siteId: 'elsewhere', geometry: square(0) },
];
const scene = (id: string) => ({ id, siteId: 'port', footprint: null, acquired: `2025-01-0${id.slice(1)}T00:00:00Z` });
const scenes = ['s1', 's2', 's3', 's4'].map(scene);
// s2: B obscured; s3: A and B obscured (nothing to examine); s4: A partial.
const stored = storedObservability([
  { sceneId: 's2', zoneId: 'B', value: 'obscured' },
  { sceneId: 's3', zoneId: 'A', value: 'obscured' },
  { sceneId: 's3', zoneId: 'B', value: 'outside' },
  { sceneId: 's4', zoneId: 'A', value: 'partial' },
]);

describe('examination', () => {
  it('a scene can be examined in the zones of its site it shows, clear or partial', () => {
    expect(examinableZones(scene('s1'), zones, stored).map((z) => z.id)).toEqual(['A', 'B']);
    expect(examinableZones(scene('s2'), zones, stored).map((z) => z.id)).toEqual(['A']);
    expect(examinableZones(scene('s3'), zones, stored)).toEqual([]);
    expect(examinableZones(scene('s4'), zones, stored).map((z) => z.id)).toEqual(['A', 'B']);
  });

  it('progress counts scenes with something to examine, done when every such zone is examined', () => {
    const examined = examinedSet([
      { sceneId: 's1', zoneId: 'A' },
      { sceneId: 's1', zoneId: 'B' },
      { sceneId: 's2', zoneId: 'A' },
      { sceneId: 's4', zoneId: 'A' },
    ]);
    const p = examinationProgress(scenes, zones, stored, examined);
    expect(p).toMatchObject({ scenes: 3, examined: 2 }); // s3 shows nothing; s4 still has B
    expect([...p.todoIds]).toEqual(['s4']);
    // A carried, unconfirmed mark in s1/A: callers take its pair out, and s1 is to do again.
    for (const k of unverifiedPairs([{ sceneId: 's1', zoneId: 'A', verified: false }, { sceneId: 's2', zoneId: 'A', verified: true }])) examined.delete(k);
    expect(examined.has(examinedKey('s2', 'A'))).toBe(true);
    expect([...examinationProgress(scenes, zones, stored, examined).todoIds]).toEqual(['s1', 's4']);
  });

  it('the next scene to examine, either way, or none', () => {
    const todo = new Set(['s1', 's4']);
    expect(nextUnexamined(scenes, 1, 1, todo)).toBe(3);
    expect(nextUnexamined(scenes, 1, -1, todo)).toBe(0);
    expect(nextUnexamined(scenes, 3, 1, todo)).toBeNull();
  });
});
