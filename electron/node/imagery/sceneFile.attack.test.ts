// Attacks on /imagery/scene/:id and the other readers of scene files, through the real path: the
// dispatcher imports real GeoTIFFs and MBTiles made by GDAL, the app handler serves them, the
// report draws chips. After import the file is swapped for a link, replaced by another file, or the
// project row is crafted to name /etc/passwd, the key file or a FIFO: each is refused with a
// message that says what to do, and not one byte of the other file is served.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ProjectSession } from '../session';
import { createDispatcher } from '../dispatcher';
import { createAppHandler } from '../appHandler';
import { tempDir } from '../../testing/tmp';
import { makeGeoTiff, makeMbtiles } from './fixtures/build';
import { closeMbtilesFiles } from './tiles';
import { tilesFor } from './xyzTemplate';
import { localImageryIdentity } from '../store/sceneFiles';
import type { Scene } from '../../../shared/domain';
import { databaseOf } from '../store/projectStore';

const CHANGED = /The file behind this scene changed since it was imported; import it again\./;
const SECRET = 'TOP-SECRET-tile-key-5e1f0c';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let dispatch: ReturnType<typeof createDispatcher>;
let handler: ReturnType<typeof createAppHandler>;
let projectDir: string;
let secretFile: string;

beforeEach(() => {
  tmp = tempDir();
  projectDir = path.join(tmp.dir, 'project');
  fs.mkdirSync(projectDir);
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'analyst', host: 'browser' });
  dispatch = createDispatcher(session);
  handler = createAppHandler({ rendererDir: tmp.dir, session });
  session.create(path.join(projectDir, 'Rajin.quaywatch'), 'Rajin');
  // Stands in for the keystore file: what an attacker wants served.
  secretFile = path.join(tmp.dir, 'data', 'secrets', 'tile-keys.json');
  fs.mkdirSync(path.dirname(secretFile), { recursive: true });
  fs.writeFileSync(secretFile, JSON.stringify({ 'tiles0.planet.com': SECRET }), { mode: 0o600 });
});
afterEach(() => {
  closeMbtilesFiles();
  session.close();
  tmp.cleanup();
});

async function ok<T>(name: string, req: unknown): Promise<T> {
  const r = await dispatch(name, req);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

async function importOne(file: string): Promise<Scene> {
  const r = await ok<{ imported: Scene[]; errors: unknown[] }>('scenes.import', { paths: [file] });
  expect(r.errors).toEqual([]);
  return r.imported[0]!;
}

const get = (scene: Scene, range?: string) =>
  handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}`, range ? { headers: { Range: range } } : {}));

/** Points a scene's row at another file, as a crafted project file would; `identityOf` fakes a matching record. */
function craftRow(scene: Scene, file: string, identityOf?: string) {
  const db = databaseOf(session.current!);
  db.prepare('UPDATE scene SET source = ? WHERE id = ?').run(JSON.stringify({ kind: 'geotiff', path: file }), scene.id);
  if (identityOf) {
    const st = fs.statSync(identityOf, { bigint: true });
    db.prepare('UPDATE scene SET source_dev = ?, source_ino = ?, source_size = ? WHERE id = ?').run(String(st.dev), String(st.ino), Number(st.size), scene.id);
  }
}

async function expectRefused(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.toString('utf8')).toMatch(message);
  expect(body.includes(Buffer.from(SECRET))).toBe(false);
  expect(body.includes(Buffer.from('root:'))).toBe(false);
}

describe('the imagery route serves only the file imported as the scene', () => {
  it('serves the imported GeoTIFF, with byte ranges', async () => {
    const file = makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif'));
    const scene = await importOne(file);
    const whole = await get(scene);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/tiff');
    expect(Buffer.from(await whole.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    const part = await get(scene, 'bytes=0-3');
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString('hex')).toBe('49492a00');
  });

  it('refuses a link swapped in after import (to the key file, or even to a copy of the same TIFF)', async () => {
    const file = makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif'));
    const scene = await importOne(file);
    fs.renameSync(file, `${file}.moved`);
    fs.symlinkSync(secretFile, file);
    await expectRefused(await get(scene), 409, CHANGED);
    fs.rmSync(file);
    fs.symlinkSync(`${file}.moved`, file); // the very same inode, but through a link
    await expectRefused(await get(scene), 409, CHANGED);
  });

  it('refuses a file replaced by another one (another inode), until it is imported again', async () => {
    const file = makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif'));
    const scene = await importOne(file);
    const other = makeGeoTiff(path.join(tmp.dir, 'other.tif'), { burn: [10, 20, 30] });
    fs.renameSync(other, file);
    await expectRefused(await get(scene), 409, CHANGED);
    // What the message says to do works: the same file imported again is trusted as it now is.
    const again = await ok<{ imported: Scene[]; errors: unknown[] }>('scenes.import', { paths: [file] });
    expect(again).toEqual({ imported: [expect.objectContaining({ id: scene.id })], errors: [] });
    expect(session.current!.scenes()).toHaveLength(1);
    expect((await get(scene)).status).toBe(200);
  });

  it('says a missing file is missing', async () => {
    const file = makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif'));
    const scene = await importOne(file);
    fs.rmSync(file);
    await expectRefused(await get(scene), 404, /is missing; put it back where it was or import it again/);
  });

  it('refuses a crafted row naming /etc/passwd or the key file, even with their real device and inode recorded', async () => {
    const scene = await importOne(makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif')));
    for (const target of ['/etc/passwd', secretFile]) {
      craftRow(scene, target);
      await expectRefused(await get(scene), 409, CHANGED);
      craftRow(scene, target, target); // an identity that matches: still not a TIFF
      await expectRefused(await get(scene), 409, CHANGED);
    }
    // A row with no identity at all (a crafted file, or one not checked at import).
    databaseOf(session.current!).prepare('UPDATE scene SET source_dev = NULL WHERE id = ?').run(scene.id);
    await expectRefused(await get(scene), 409, /no record of importing tile-keys\.json as this scene.*import it again/);
  });

  it('refuses a crafted row naming a FIFO at once, instead of hanging', async () => {
    const scene = await importOne(makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif')));
    const fifo = path.join(tmp.dir, 'pipe.tif');
    execFileSync('mkfifo', [fifo]);
    craftRow(scene, fifo, fifo);
    await expectRefused(await get(scene), 409, CHANGED);
  });
});

describe('MBTiles scenes', () => {
  it('serve tiles from the imported file only: a file swapped in after import is refused', async () => {
    const file = makeMbtiles(path.join(projectDir, '20250110_000000_basemap.mbtiles'));
    const scene = await importOne(file);
    const t = tilesFor([130.29, 42.23, 130.31, 42.25], 13);
    const tile = () => handler(new Request(`http://127.0.0.1/imagery/scene/${scene.id}/tiles/13/${t.x0}/${t.y0}`));
    expect((await tile()).status).toBe(200);
    closeMbtilesFiles();
    const other = makeMbtiles(path.join(tmp.dir, 'other.mbtiles'));
    fs.renameSync(other, file);
    await expectRefused(await tile(), 409, CHANGED);
  });
});

describe('report chips read scene files the same way', () => {
  const PIER = { type: 'Polygon', coordinates: [[[130.27, 42.325], [130.274, 42.325], [130.274, 42.328], [130.27, 42.328], [130.27, 42.325]]] };
  it('draws a chip from the imported file, and none (with the reason) once the file was swapped', async () => {
    const file = makeGeoTiff(path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif'));
    const scene = await importOne(file);
    await ok('zones.create', { name: 'Pier 1', kind: 'pier', geometry: PIER });
    const s = await ok<{ id: string }>('sightings.create', { sceneId: scene.id, class: 'vessel', geometry: { type: 'Point', coordinates: [130.272, 42.3265] } });
    const report = async (name: string) => {
      const out = path.join(tmp.dir, name);
      await ok('report.run', { format: 'html', path: out, chipSightingIds: [s.id] });
      return fs.readFileSync(out, 'utf8');
    };
    const good = await report('good.html');
    expect(good).toContain('data:image/png;base64,');
    expect(good).not.toMatch(/No chip for/);

    fs.renameSync(file, `${file}.moved`);
    fs.symlinkSync(secretFile, file);
    const swapped = await report('swapped.html');
    expect(swapped).toMatch(/No chip for vessel at Pier 1 on 2025-01-14: The file behind this scene changed since it was imported; import it again/);
    expect(swapped).not.toContain(SECRET);
  });
});

it('records the identity of the file it imported (device, inode, size), and of no link', async () => {
  const real = makeGeoTiff(path.join(tmp.dir, '20250114_013845_12_2461_3B_Visual.tif'));
  const link = path.join(projectDir, 'scene-link.tif');
  fs.symlinkSync(real, link);
  const scene = await importOne(link);
  // A link given at import is stored as the file it names: the scene is never opened through a link.
  expect(scene.source).toEqual({ kind: 'geotiff', path: real });
  const row = databaseOf(session.current!).prepare('SELECT source_dev AS dev, source_ino AS ino, source_size AS size FROM scene').get();
  expect(row).toEqual(localImageryIdentity(real, 'geotiff'));
  expect((await get(scene)).status).toBe(200);
});

it("serves the demo project's scenes: the demo builder records its own files like an import", async () => {
  const { createDemoProject } = await import('../demo/demoProject');
  const demo = path.join(tmp.dir, 'demo', 'Demo.quaywatch');
  await createDemoProject(demo);
  session.open(demo);
  const scenes = session.current!.scenes();
  expect(scenes.length).toBeGreaterThan(10);
  for (const s of scenes) expect({ id: s.id, status: (await get(s, 'bytes=0-3')).status }).toEqual({ id: s.id, status: 206 });
}, 60_000);

it('refuses at import a key file dressed as .tif and a FIFO named .tif (without hanging), adding no scene', async () => {
  const disguised = path.join(projectDir, '20250114_013845_12_2461_3B_Visual.tif');
  fs.copyFileSync(secretFile, disguised);
  const fifo = path.join(projectDir, '20250115_013845_12_2461_3B_Visual.tif');
  execFileSync('mkfifo', [fifo]);
  const r = await ok<{ imported: Scene[]; errors: { message: string }[] }>('scenes.import', { paths: [disguised, fifo] });
  expect(r.imported).toEqual([]);
  expect(r.errors.map((e) => e.message)).toEqual([
    '20250114_013845_12_2461_3B_Visual.tif is not a readable TIFF.',
    '20250115_013845_12_2461_3B_Visual.tif is not a regular file.',
  ]);
  expect(JSON.stringify(r)).not.toContain(SECRET);
  expect(session.current!.scenes()).toEqual([]);
});
