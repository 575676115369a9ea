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

describe('MarkFeatures with staging', () => {
  const look = { geometry: (m: Mark) => new Point(m.geometry.coordinates), style: () => styles.a };
  const one = (id: string): Mark => ({ id, geometry: { coordinates: [1, 2] }, cls: 'a' });

  it('stages a few new marks beside a big layer, and they join it only when it is redrawn anyway', () => {
    const main = new VectorSource();
    const staging = new VectorSource();
    const set = new MarkFeatures<Mark>(main, 'sighting', staging);
    const list = marks(1_000);
    set.sync(list, look);
    expect(main.getFeatures()).toHaveLength(1_000); // a scene's marks: straight to the big layer
    expect(staging.getFeatures()).toHaveLength(0);

    // Marking one more: staged, the big layer untouched.
    const more = [...list, one('new')];
    expect(set.sync(more, look).added).toBe(1);
    expect(main.getFeatures()).toHaveLength(1_000);
    expect(staging.getFeatureById('new')).not.toBeNull();
    expect(set.size()).toBe(1_001);

    // A move starts: it joins the big layer and stays staged until that has been drawn.
    set.promote();
    expect(main.getFeatureById('new')).not.toBeNull();
    expect(staging.getFeatureById('new')).not.toBeNull();
    set.settle();
    expect(staging.getFeatures()).toHaveLength(0);
    expect(main.getFeatures()).toHaveLength(1_001);
    expect(set.feature('new')).toBe(main.getFeatureById('new'));
  });

  it('removes a mark wherever it is: staged, promoted or in the big layer', () => {
    const main = new VectorSource();
    const staging = new VectorSource();
    const set = new MarkFeatures<Mark>(main, 'sighting', staging);
    const base = marks(100);
    const list = [...base, one('a1')];
    set.sync(base, look);
    set.sync(list, look);
    set.promote(); // a1 in both
    set.sync([...list, one('a2')], look); // a2 staged
    expect(set.sync(base.slice(0, 99), look)).toEqual({ added: 0, removed: 3, updated: 0 });
    for (const id of ['a1', 'a2', 'm99']) {
      expect(main.getFeatureById(id)).toBeNull();
      expect(staging.getFeatureById(id)).toBeNull();
    }
    expect(main.getFeatures()).toHaveLength(99);
  });

  it('a scene switch or a large batch skips staging, and too many staged marks join at once', () => {
    const main = new VectorSource();
    const staging = new VectorSource();
    const set = new MarkFeatures<Mark>(main, 'sighting', staging);
    set.sync(marks(10), look);
    set.sync([...marks(10), ...marks(50, 'batch')], look); // an import of 50
    expect(staging.getFeatures()).toHaveLength(0);
    let list = [...marks(10), ...marks(50, 'batch')];
    for (let i = 0; i < 201; i++) {
      list = [...list, one(`k${i}`)];
      set.sync(list, look);
    }
    // The 201st staged mark sent them all to the big layer (still shown by staging until it draws).
    expect(main.getFeatureById('k0')).not.toBeNull();
    expect(main.getFeatureById('k200')).not.toBeNull();
    set.clear();
    expect(main.getFeatures()).toHaveLength(0);
    expect(staging.getFeatures()).toHaveLength(0);
  });
});
