// Imports of real files made by GDAL and by our order/zip builders, good and bad: what a user
// sees is the scenes that appear (time, footprint, source) and, for bad input, a message naming
// the file and the reason, with the project unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { ProjectStore, databaseOf } from '../store/projectStore';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { makeGeoTiff, makeMbtiles, makePlanetOrder, writeZip, zipFolder } from './fixtures/build';
import { DEFAULT_ZIP_LIMITS } from './safeZip';
import { polygonBounds } from '../../../shared/geometry';

let tmp: ReturnType<typeof tempDir>;
let store: ProjectStore;
beforeEach(() => {
  tmp = tempDir();
  fs.mkdirSync(path.join(tmp.dir, 'project'));
  fs.mkdirSync(path.join(tmp.dir, 'elsewhere'));
  store = ProjectStore.create(path.join(tmp.dir, 'project', 'Rajin.quaywatch'), 'Rajin', { author: 'analyst' });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const inProject = (name: string) => path.join(tmp.dir, 'project', name);
const outside = (name: string) => path.join(tmp.dir, 'elsewhere', name);
const sceneRows = () => store.summary().counts.scenes;
const editRows = () => (databaseOf(store).prepare('SELECT count(*) AS n FROM edit').get() as { n: number }).n;

/** A quay inside the fixtures' footprint (UTM 52N, near 130.26E 42.33N) and one far away. */
function addZones() {
  const site = store.createSite({ name: 'Rajin' });
  const [w, s, e, n] = [130.2700, 42.3250, 130.2740, 42.3280];
  const inside = store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
  const away = store.createZone({ siteId: site.id, name: 'Far pier', kind: 'quay', geometry: { type: 'Polygon', coordinates: [[[131, 43], [131.01, 43], [131.01, 43.01], [131, 43.01], [131, 43]]] } });
  return { site, inside, away };
}

describe('GeoTIFF and COG', () => {
  it('imports a UTM GeoTIFF with its TIFFTAG_DATETIME and a footprint in lon/lat, path relative inside the project folder', async () => {
    const file = makeGeoTiff(inProject('a.tif'), { datetime: '2025:01:14 01:38:45' });
    const r = await importScenes(store, [file]);
    expect(r.errors).toEqual([]);
    expect(r.imported).toHaveLength(1);
    const s = r.imported[0]!;
    expect(s.acquired).toBe('2025-01-14T01:38:45.000Z');
    expect(s.source).toEqual({ kind: 'geotiff', path: 'a.tif' });
    expect(s.gsd).toBe(30);
    const ring = s.footprint!.coordinates[0]!;
    // gdaltransform -s_srs EPSG:32652 -t_srs EPSG:4326: SW corner 130.262091 42.319300, NE corner 130.285737 42.336329
    const sw = ring[0]!;
    const ne = ring[16]!; // corners every 8 densified points
    expect(sw[0]).toBeCloseTo(130.262091, 5);
    expect(sw[1]).toBeCloseTo(42.3193, 5);
    expect(ne[0]).toBeCloseTo(130.285737, 5);
    expect(ne[1]).toBeCloseTo(42.336329, 5);
    expect(ring).toHaveLength(33);
    expect(store.scenes()).toHaveLength(1);
  });

  it('imports a Web-Mercator COG named the Planet way, time from the name, absolute path outside the project', async () => {
    const file = makeGeoTiff(outside('20250114_013845_12_2461_3B_Visual.tif'), { epsg: 3857, ullr: [14_500_000, 5_210_000, 14_502_000, 5_208_000], cog: true });
    const r = await importScenes(store, [file]);
    expect(r.errors).toEqual([]);
    expect(r.imported[0]).toMatchObject({ acquired: '2025-01-14T01:38:45.000Z', itemId: '20250114_013845_12_2461', provider: 'Planet', source: { kind: 'geotiff', path: file } });
  });

  it('asks for the time when the file has none, and imports with the time given', async () => {
    const file = makeGeoTiff(inProject('nodate.tif'));
    const r = await importScenes(store, [file]);
    expect(r.imported).toEqual([]);
    expect(r.errors).toEqual([{ path: file, message: expect.stringMatching(/nodate\.tif does not say when it was taken/), needsAcquired: true }]);
    expect(sceneRows()).toBe(0);
    const again = await importScenes(store, [file], { acquired: '2025-02-01T10:00:00Z' });
    expect(again.imported[0]!.acquired).toBe('2025-02-01T10:00:00.000Z');
  });

  it('refuses a truncated TIFF and a GeoTIFF without georeferencing, naming each, changing nothing', async () => {
    const good = makeGeoTiff(inProject('20250101_000000_00_aaaa.tif'), { cog: true });
    const truncated = inProject('20250102_000000_00_bbbb.tif');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const bare = makeGeoTiff(inProject('20250103_000000_00_cccc.tif'), { bare: true });
    const before = editRows();
    const r = await importScenes(store, [truncated, bare]);
    expect(r.imported).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/20250102_000000_00_bbbb\.tif is truncated/),
      expect.stringMatching(/20250103_000000_00_cccc\.tif has no georeferencing/),
    ]);
    expect(sceneRows()).toBe(0);
    expect(editRows()).toBe(before);
  });

  it('imports every image of a dropped folder and reports the one already imported', async () => {
    const dir = inProject('drop');
    fs.mkdirSync(dir);
    makeGeoTiff(path.join(dir, '20250105_010000_00_1111.tif'));
    makeGeoTiff(path.join(dir, '20250106_010000_00_2222.tif'));
    expect((await importScenes(store, [dir])).imported).toHaveLength(2);
    const again = await importScenes(store, [dir]);
    expect(again.imported).toEqual([]);
    expect(again.errors[0]!.message).toMatch(/already in this project/);
  });
});

describe('MBTiles', () => {
  it('imports an MBTiles written by GDAL, bounds from its metadata', async () => {
    const file = makeMbtiles(inProject('20250110_000000_basemap.mbtiles'));
    const r = await importScenes(store, [file]);
    expect(r.errors).toEqual([]);
    const s = r.imported[0]!;
    expect(s.source).toEqual({ kind: 'mbtiles', path: '20250110_000000_basemap.mbtiles' });
    expect(s.acquired).toBe('2025-01-10T00:00:00.000Z');
    const [w, so, e, n] = polygonBounds(s.footprint!);
    expect([w, so, e, n].map((v) => Math.round(v * 100) / 100)).toEqual([130.28, 42.22, 130.32, 42.26]);
  });

  it('refuses an .mbtiles that is not SQLite', async () => {
    const file = inProject('fake.mbtiles');
    fs.writeFileSync(file, 'PK\u0003\u0004 not a database at all');
    const r = await importScenes(store, [file], { acquired: '2025-01-01T00:00:00Z' });
    expect(r.errors[0]!.message).toBe('fake.mbtiles is not an MBTiles file: it is not a SQLite database.');
    expect(sceneRows()).toBe(0);
  });
});

const ITEMS = [
  { itemId: '20250113_013801_12_2461', acquired: '2025-01-13T01:38:01.5Z', cloudCover: 0.02, clearPercent: 98, udm2: 'clear' as const },
  { itemId: '20250114_013845_12_2461', acquired: '2025-01-14T01:38:45Z', cloudCover: 0.05, clearPercent: 95, udm2: 'cloud' as const },
  { itemId: '20250115_014002_10_24a8', acquired: '2025-01-15T01:40:02Z', cloudCover: 0.7, clearPercent: 30, udm2: null },
];

describe('Planet order', () => {
  it('imports one scene per item with metadata, UDM2 observability, and masks not as scenes', async () => {
    const { inside, away } = addZones();
    const order = makePlanetOrder(inProject('order-1'), ITEMS);
    const r = await importScenes(store, [order.dir]);
    expect(r.errors).toEqual([]);
    expect(r.imported.map((s) => [s.itemId, s.acquired, s.cloudCover, s.product])).toEqual([
      ['20250113_013801_12_2461', '2025-01-13T01:38:01.500Z', 0.02, 'PSScene'],
      ['20250114_013845_12_2461', '2025-01-14T01:38:45.000Z', 0.05, 'PSScene'],
      ['20250115_014002_10_24a8', '2025-01-15T01:40:02.000Z', 0.7, 'PSScene'],
    ]);
    expect(r.imported[0]!.source).toEqual({ kind: 'geotiff', path: 'order-1/PSScene/20250113_013801_12_2461/20250113_013801_12_2461_3B_Visual.tif' });
    expect(r.imported[0]!.gsd).toBe(3.9);
    const obs = new Map(store.observability().map((o) => [`${o.sceneId}/${o.zoneId}`, o.value]));
    const [a, b, c] = r.imported.map((s) => s.id);
    // UDM2 all clear → clear; UDM2 all cloud → obscured even though Planet says 95 % clear; no mask, 30 % clear → obscured.
    expect([a, b, c].map((id) => obs.get(`${id}/${inside.id}`))).toEqual(['clear', 'obscured', 'obscured']);
    expect([a, b, c].map((id) => obs.get(`${id}/${away.id}`))).toEqual(['outside', 'outside', 'outside']);
    expect(store.observability().every((o) => !o.overridden)).toBe(true);
  });

  it('refuses an order whose file does not match its digest, naming the file; nothing imported', async () => {
    const order = makePlanetOrder(inProject('order-2'), ITEMS);
    const meta = path.join(order.dir, 'PSScene', ITEMS[1]!.itemId, `${ITEMS[1]!.itemId}_metadata.json`);
    fs.writeFileSync(meta, fs.readFileSync(meta, 'utf8').replace('"gsd":3.9', '"gsd":4.9'));
    const r = await importScenes(store, [order.dir]);
    expect(r.imported).toEqual([]);
    expect(r.errors[0]!.message).toMatch(/20250114_013845_12_2461_metadata\.json does not match its sha256 digest/);
    expect(sceneRows()).toBe(0);
  });

  it('refuses a manifest pointing outside the order', async () => {
    const order = makePlanetOrder(inProject('order-3'), ITEMS.slice(0, 1));
    fs.writeFileSync(outside('secret.tif'), 'x');
    const mf = path.join(order.dir, 'manifest.json');
    const m = JSON.parse(fs.readFileSync(mf, 'utf8'));
    m.files[0].path = '../../elsewhere/secret.tif';
    fs.writeFileSync(mf, JSON.stringify(m));
    const r = await importScenes(store, [order.dir]);
    expect(r.errors[0]!.message).toMatch(/manifest\.json points outside the order \("\.\.\/\.\.\/elsewhere\/secret\.tif"\)/);
    expect(sceneRows()).toBe(0);
  });

  it('imports an order delivered as a zip, unpacked beside the project', async () => {
    const order = makePlanetOrder(outside('order-4'), ITEMS.slice(0, 2));
    const zip = outside('order-4.zip');
    zipFolder(order.dir, zip, 'order-4/');
    const r = await importScenes(store, [zip]);
    expect(r.errors).toEqual([]);
    expect(r.imported).toHaveLength(2);
    const p = (r.imported[0]!.source as { path: string }).path;
    expect(p).toMatch(/^Rajin imagery\/order-4\/order-4\/PSScene\//);
    expect(fs.existsSync(store.resolveSourcePath(r.imported[0]!.source)!)).toBe(true);
  });

  describe('hostile zips are refused with the entry named, nothing written', () => {
    const cases: [string, Parameters<typeof writeZip>[1], RegExp][] = [
      ['zip-slip ../', [{ name: 'manifest.json', data: Buffer.from('{}') }, { name: '../../evil.txt', data: Buffer.from('x') }], /entry "\.\.\/\.\.\/evil\.txt" its path climbs out of the order folder/],
      ['absolute path', [{ name: '/etc/evil.txt', data: Buffer.from('x') }], /entry "\/etc\/evil\.txt" it has an absolute path/],
      ['symlink', [{ name: 'link.tif', symlink: '/etc/passwd' }], /entry "link\.tif" is a symbolic link/],
      ['zip bomb', [{ name: 'zeros.tif', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }], /entry "zeros\.tif" expands \d+-fold .*zip bomb/],
    ];
    for (const [label, entries, message] of cases) {
      it(label, async () => {
        const zip = outside(`${label.replace(/\W+/g, '-')}.zip`);
        writeZip(zip, entries);
        const r = await importScenes(store, [zip]);
        expect(r.imported).toEqual([]);
        expect(r.errors).toHaveLength(1);
        expect(r.errors[0]!.message).toMatch(message);
        expect(r.errors[0]!.message).toMatch(/Nothing was imported/);
        expect(sceneRows()).toBe(0);
        expect(fs.existsSync(inProject('Rajin imagery/' + path.basename(zip, '.zip')))).toBe(false);
        expect(fs.existsSync(path.join(tmp.dir, 'evil.txt'))).toBe(false);
      });
    }

    it('a bomb that stays under the ratio but over the total size', async () => {
      const zip = outside('big.zip');
      writeZip(zip, [{ name: 'a.bin', data: Buffer.alloc(4096) }, { name: 'b.bin', data: Buffer.alloc(4096) }]);
      const r = await importScenes(store, [zip], { zipLimits: { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 6000, maxEntries: 10 } });
      expect(r.errors[0]!.message).toMatch(/entry "b\.bin" takes the archive past 6000 bytes uncompressed/);
    });
  });
});

it('refuses a path of an unknown kind and a missing path, by name', async () => {
  fs.writeFileSync(inProject('notes.txt'), 'x');
  const r = await importScenes(store, [inProject('notes.txt'), inProject('gone.tif')]);
  expect(r.errors.map((e) => e.message)).toEqual([
    expect.stringMatching(/notes\.txt is not a kind of file Quaywatch imports/),
    expect.stringMatching(/gone\.tif: no such file or folder/),
  ]);
});

it('cancels an order import part-way: progress reported, nothing imported, nothing left unpacked', async () => {
  const items = Array.from({ length: 6 }, (_, i) => ({ itemId: `2025011${i}_013845_12_2461`, acquired: `2025-01-1${i}T01:38:45Z`, cloudCover: 0.1, clearPercent: 90, udm2: null }));
  const order = makePlanetOrder(outside('order-big'), items);
  const zip = outside('order-big.zip');
  zipFolder(order.dir, zip);
  const controller = new AbortController();
  const seen: [number, number][] = [];
  const r = await importScenes(store, [zip], {
    signal: controller.signal,
    onProgress: (done, total) => {
      seen.push([done, total]);
      if (total === 6 && done === 2) controller.abort();
    },
  });
  expect(seen).toContainEqual([1, 6]);
  expect(r.imported).toEqual([]);
  expect(r.errors[0]!.message).toMatch(/cancelled/);
  expect(sceneRows()).toBe(0);
  expect(fs.existsSync(inProject('Rajin imagery/order-big'))).toBe(false);
});
