// Picking the mark under the pointer by geometry: points by their drawn circle, boxes inside and near.
import { describe, expect, it } from 'vitest';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import VectorSource from 'ol/source/Vector';
import { pickMark } from './pick';

const mark = (id: string, geometry: Point | Polygon) => {
  const f = new Feature({ geometry });
  f.setId(id);
  return f;
};
// 1 map unit per pixel: distances below read as pixels.
const source = new VectorSource({
  features: [
    mark('p1', new Point([0, 0])),
    mark('p2', new Point([30, 0])),
    mark('box', new Polygon([[[100, 0], [200, 0], [200, 40], [100, 40], [100, 0]]])),
    mark('onBox', new Point([150, 20])),
  ],
});
const at = (x: number, y: number, res = 1, tol = 4) => pickMark([source], [x, y], res, tol)?.getId() ?? null;

describe('pickMark', () => {
  it('finds a point within its circle plus the tolerance, the nearest first', () => {
    expect(at(0, 0)).toBe('p1');
    expect(at(10, 0)).toBe('p1'); // circle edge 7 px + 3
    expect(at(12, 0)).toBe(null); // 12 px: beyond 7 + 4
    expect(at(20, 0)).toBe('p2');
    expect(at(16, 0)).toBe(null); // 16 px from p1, 14 px from p2: neither
  });

  it('scales with the resolution: at 2 units per pixel the same pixels reach twice as far', () => {
    expect(at(20, 0, 2)).toBe('p2'); // 10 px from p1, 5 px from p2: both in reach, the nearer wins
    expect(at(14, 0, 2)).toBe('p1'); // 7 px from p1 (on its circle), 8 px from p2
    expect(at(-22, 0, 2)).toBe('p1'); // 11 px away: still in reach at this scale
  });

  it('finds a box from inside and from just outside its outline, and a point drawn on it first', () => {
    expect(at(120, 10)).toBe('box');
    expect(at(120, 43)).toBe('box');
    expect(at(120, 46)).toBe(null);
    expect(at(151, 21)).toBe('onBox');
  });
});
