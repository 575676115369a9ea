// Attack: scene metadata read from files (a Planet *_metadata.json, a GeoTIFF header, MBTiles bounds)
// that the API would refuse. Before the fix each of these imported "1 scene" whose footprint then broke
// stats, reports, GeoPackage export and the Analysis panel. Through the real import call (the
// dispatcher's scenes.import), each must be refused with a message naming the file, and the project's
// scenes must stay as they were.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ApiResult } from '../../../shared/api';
import type { ImportResult } from '../../../shared/calls/imagery';
import type { Dispatch } from '../dispatcher';
import type { ProjectSession } from '../session';
import { ProjectStore } from '../store/projectStore';
import { openSession } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { makeGeoTiff, makeMbtiles, makePlanetOrder } from './fixtures/build';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let dispatch: Dispatch;

beforeAll(() => {
  tmp = tempDir('qw-scene-meta-');
  const file = path.join(tmp.dir, 'port.quaywatch');
  ProjectStore.create(file, 'Port', { author: 'ana' }).close();
  ({ session, dispatch } = openSession(tmp.dir, file));
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

const sceneCount = () => session.requireProject().summary().counts.scenes;

async function importPaths(paths: string[]): Promise<ImportResult> {
  const r = (await dispatch('scenes.import', { paths })) as ApiResult<ImportResult>;
  if (!r.ok) throw new Error(`scenes.import answered ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Imports one hostile source; it must be refused naming `namedFile`, and no scene may appear. */
async function expectRefused(source: string, namedFile: string, reason: RegExp) {
  const before = sceneCount();
  const r = await importPaths([source]);
  expect(r.imported).toEqual([]);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.message).toContain(path.basename(namedFile));
  expect(r.errors[0]!.message).toMatch(reason);
  expect(r.errors[0]!.message).not.toMatch(/TypeError|Cannot read properties|undefined/);
  expect(sceneCount()).toBe(before);
  if (process.env.SHOW) console.log(r.errors[0]!.message);
}

const ITEM = '20250114_013845_00_2486';
const ITEM2 = '20250115_013845_00_2486';

/** A real order (by GDAL) whose metadata file for the first item is then replaced, the manifest's size and digest kept honest. */
function orderWithMetadata(label: string, edit: (meta: Record<string, unknown>) => unknown): { dir: string; metaFile: string } {
  const order = makePlanetOrder(path.join(tmp.dir, 'orders', label), [
    { itemId: ITEM, acquired: '2025-01-14T01:38:45Z', cloudCover: 0.1, clearPercent: 90 },
    // A good second item: the order is refused whole, so it must not come in either.
    { itemId: ITEM2, acquired: '2025-01-15T01:38:45Z', cloudCover: 0.1, clearPercent: 90 },
  ]);
  const rel = `PSScene/${ITEM}/${ITEM}_metadata.json`;
  const metaFile = path.join(order.dir, rel);
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
  const bytes = Buffer.from(JSON.stringify(edit(meta)));
  fs.writeFileSync(metaFile, bytes);
  const manifestFile = path.join(order.dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: { path: string; size: number; digests: { sha256: string } }[] };
  const entry = manifest.files.find((f) => f.path === rel)!;
  entry.size = bytes.length;
  entry.digests.sha256 = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return { dir: order.dir, metaFile };
}

const ring = (pts: [number, number][]) => ({ type: 'Polygon', coordinates: [pts] });

describe('a Planet *_metadata.json the API would refuse is refused, naming the file', () => {
  const hostile: [string, unknown, RegExp][] = [
    ['string geometry', 'POLYGON((130 42, 131 42, 131 43, 130 42))', /geometry/],
    ['null geometry', null, /geometry/],
    ['1e308 geometry', 1e308, /geometry/],
    ['1e308 coordinates', ring([[1e308, 42.3], [130.3, 42.3], [130.3, 1e308], [1e308, 42.3]]), /longitude|latitude/],
    ['bowtie', ring([[130.26, 42.32], [130.3, 42.34], [130.3, 42.32], [130.26, 42.35], [130.26, 42.32]]), /crosses itself/],
    [
      '200k vertices',
      ring([...Array.from({ length: 200_000 }, (_, i): [number, number] => [130.26 + 0.02 * Math.cos((2 * Math.PI * i) / 200_000), 42.33 + 0.01 * Math.sin((2 * Math.PI * i) / 200_000)]), [130.28, 42.33]]),
      /at most 10000 vertices/,
    ],
    ['+1000 degrees', ring([[1000, 42.3], [1000.1, 42.3], [1000.1, 42.4], [1000, 42.3]]), /longitude must be within/],
    ['-1000 degrees', ring([[130.3, -1000], [130.4, -1000], [130.4, -999], [130.3, -1000]]), /latitude must be within/],
  ];
  for (const [label, geometry, reason] of hostile) {
    it(`${label}: refused, no scene added`, async () => {
      const { dir, metaFile } = orderWithMetadata(label.replace(/\W/g, '_'), (m) => ({ ...m, geometry }));
      await expectRefused(dir, metaFile, reason);
    });
  }

  it('a cloud cover of 1e308 or a time in the year 275760 is refused too', async () => {
    const cloud = orderWithMetadata('cloud', (m) => ({ ...m, properties: { ...(m.properties as object), cloud_cover: 1e308 } }));
    await expectRefused(cloud.dir, cloud.metaFile, /cloud cover must be a share/);
    const time = orderWithMetadata('time', (m) => ({ ...m, properties: { ...(m.properties as object), acquired: '+275760-09-13T00:00:00Z' } }));
    await expectRefused(time.dir, time.metaFile, /acquired/);
  });

  it('the same order with its real metadata imports both scenes (the check refuses only what is wrong)', async () => {
    const { dir } = orderWithMetadata('good', (m) => m);
    const before = sceneCount();
    const r = await importPaths([dir]);
    expect(r.errors).toEqual([]);
    expect(r.imported.map((s) => s.itemId).sort()).toEqual([ITEM, ITEM2]);
    expect(sceneCount()).toBe(before + 2);
  });
});

describe('a Planet manifest.json that is not one gives a clear message, never a TypeError', () => {
  const manifests: [string, unknown, RegExp][] = [
    ['files of null', { files: [null] }, /files\[0\]/],
    ['a path that is a number', { files: [{ path: 5 }] }, /files\[0\]\.path/],
    ['a size of 1e308', { files: [{ path: 'a.tif', size: 1e308 }] }, /files\[0\]\.size/],
    ['annotations that are not text', { files: [{ path: 'a.tif', annotations: { 'planet/item_id': 7 } }] }, /annotations/],
    ['digests that are not hex', { files: [{ path: 'a.tif', digests: { sha256: { x: 1 } } }] }, /digests/],
  ];
  for (const [label, manifest, reason] of manifests) {
    it(`${label}: refused naming manifest.json and the field`, async () => {
      const order = makePlanetOrder(path.join(tmp.dir, 'manifests', label.replace(/\W/g, '_')), [{ itemId: ITEM, acquired: '2025-01-14T01:38:45Z', cloudCover: 0, clearPercent: 100 }]);
      fs.writeFileSync(path.join(order.dir, 'manifest.json'), JSON.stringify(manifest));
      await expectRefused(order.dir, 'manifest.json', reason);
    });
  }
});

/** Rewrites a little-endian TIFF's ImageWidth and ImageLength tags in place (as a hostile or broken writer would). */
function patchTiffSize(file: string, width: number, height: number) {
  const b = fs.readFileSync(file);
  expect(b.toString('latin1', 0, 2)).toBe('II');
  const ifd = b.readUInt32LE(4);
  for (let i = 0; i < b.readUInt16LE(ifd); i++) {
    const e = ifd + 2 + 12 * i;
    const tag = b.readUInt16LE(e);
    if (tag !== 256 && tag !== 257) continue;
    b.writeUInt16LE(4, e + 2); // LONG
    b.writeUInt32LE(1, e + 4);
    b.writeUInt32LE(tag === 256 ? width : height, e + 8);
  }
  fs.writeFileSync(file, b);
}

describe('a GeoTIFF or MBTiles whose position the API would refuse is refused, naming the file', () => {
  it('a GeoTIFF header of 2^32 × 2^32 pixels', async () => {
    const file = makeGeoTiff(path.join(tmp.dir, 'huge.tif'), { datetime: '2025:01:14 01:38:45' });
    patchTiffSize(file, 0xffffffff, 0xffffffff);
    await expectRefused(file, file, /huge\.tif/);
  });

  it('a GeoTIFF placed at ±1000 degrees', async () => {
    const file = makeGeoTiff(path.join(tmp.dir, 'far.tif'), { epsg: 4326, ullr: [-1000, 1000, 1000, -1000], datetime: '2025:01:14 01:38:45' });
    await expectRefused(file, file, /longitude must be within|latitude must be within/);
  });

  it('an MBTiles whose bounds say ±1000 degrees', async () => {
    const file = makeMbtiles(path.join(tmp.dir, '20250114_013845_far.mbtiles'));
    const db = new Database(file);
    db.prepare("UPDATE metadata SET value = '-1000,-1000,1000,1000' WHERE name = 'bounds'").run();
    db.close();
    await expectRefused(file, file, /longitude must be within|latitude must be within/);
  });

  it('the same GeoTIFF unpatched imports (control)', async () => {
    const file = makeGeoTiff(path.join(tmp.dir, 'fine.tif'), { datetime: '2025:01:16 01:38:45' });
    const before = sceneCount();
    const r = await importPaths([file]);
    expect(r.errors).toEqual([]);
    expect(sceneCount()).toBe(before + 1);
  });
});
