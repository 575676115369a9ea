// The map's incremental marks: a change to 1 of 10,000 sightings touches 1 feature, features keep
// their identity (a drag or selection holds them), and removals and scene switches leave no strays.
import VectorSource from 'ol/source/Vector';
import Point from 'ol/geom/Point';
import { Style } from 'ol/style';
import { MarkFeatures } from './markFeatures';

interface Mark {
  id: string;
  geometry: { coordinates: [number, number] };
  cls: 'a' | 'b';
}
const styles = { a: new Style({}), b: new Style({}), selected: new Style({}) };
const marks = (n: number, prefix = 'm'): Mark[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, geometry: { coordinates: [i, i] }, cls: 'a' }));

describe('MarkFeatures', () => {
  it('touches only what changed among 10,000 marks and keeps feature objects', () => {
    const source = new VectorSource();
    const set = new MarkFeatures<Mark>(source, 'sighting');
    let geometries = 0;
    let selected = '';
    const look = {
      geometry: (m: Mark) => (geometries++, new Point(m.geometry.coordinates)),
      style: (m: Mark) => (m.id === selected ? styles.selected : styles[m.cls]),
    };
    const list = marks(10_000);
    expect(set.sync(list, look)).toEqual({ added: 10_000, removed: 0, updated: 0 });
    expect(source.getFeatures()).toHaveLength(10_000);
    const f5 = set.feature('m5')!;
    expect(f5.getStyle()).toBe(styles.a);

    // The same list again (a store update elsewhere): nothing is rebuilt.
    geometries = 0;
    expect(set.sync([...list], look)).toEqual({ added: 0, removed: 0, updated: 0 });
    expect(geometries).toBe(0);

    // Selecting one restyles one; moving one re-projects one; the feature object stays the same.
    selected = 'm5';
    expect(set.sync(list, look)).toEqual({ added: 0, removed: 0, updated: 1 });
    expect(f5.getStyle()).toBe(styles.selected);
    const moved = list.map((m) => (m.id === 'm5' ? { ...m, geometry: { coordinates: [-1, -1] as [number, number] } } : m));
    expect(set.sync(moved, look)).toEqual({ added: 0, removed: 0, updated: 1 });
    expect(geometries).toBe(1);
    expect(set.feature('m5')).toBe(f5);
    expect((f5.getGeometry() as Point).getCoordinates()).toEqual([-1, -1]);
    // A new object with the same geometry object (e.g. notes edited) re-projects nothing.
    expect(set.sync(moved.map((m) => (m.id === 'm7' ? { ...m } : m)), look)).toEqual({ added: 0, removed: 0, updated: 0 });

    // Marking one more adds one; deleting two removes two.
    const more = [...moved, { id: 'new', geometry: { coordinates: [5, 5] as [number, number] }, cls: 'b' as const }];
    expect(set.sync(more, look)).toEqual({ added: 1, removed: 0, updated: 0 });
    expect(source.getFeatureById('new')!.getStyle()).toBe(styles.b);
    expect(set.sync(more.filter((m) => m.id !== 'm1' && m.id !== 'm2'), look)).toEqual({ added: 0, removed: 2, updated: 0 });
    expect(source.getFeatures()).toHaveLength(9_999);
    expect(source.getFeatureById('m1')).toBeNull();
  });

  it('switching to another scene’s marks replaces them all, and clear forgets them', () => {
    const source = new VectorSource();
    const set = new MarkFeatures<Mark>(source, 'ghost');
    const look = { geometry: (m: Mark) => new Point(m.geometry.coordinates), style: () => styles.a };
    const first = marks(3_000, 'x');
    set.sync(first, look);
    const next = [...first.slice(0, 10), ...marks(2_000, 'y')];
    expect(set.sync(next, look)).toEqual({ added: 2_000, removed: 2_990, updated: 0 });
    expect(source.getFeatures().map((f) => String(f.getId())).sort()).toEqual(next.map((m) => m.id).sort());
    expect(source.getFeatureById('y0')!.get('qwKind')).toBe('ghost');
    set.clear();
    expect(source.getFeatures()).toHaveLength(0);
    expect(set.sync(marks(2), look).added).toBe(2);
  });
});
