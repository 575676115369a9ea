// The opening scene's preview, from real GeoTIFFs made by GDAL: its pixels are the file's pixels as
// GDAL reads them, it lies where GDAL says the file lies, it is made only for files the map draws as
// stored, and the imagery route serves it for the scene the app opens on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ProjectSession } from '../session';
import { createAppHandler } from '../appHandler';
import { tempDir } from '../../testing/tmp';
import { importScenes } from './importScenes';
import { scenePreview, previewSize } from './scenePreview';
import { SceneFileError } from './sceneFile';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;

beforeEach(() => {
  tmp = tempDir();
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'tester', host: 'browser' });
  session.create(path.join(tmp.dir, 'p.quaywatch'), 'P');
});
afterEach(() => {
  session.close();
  tmp.cleanup();
});

const W = 300;
const H = 200;
const ULLR = [604_000, 4_686_600, 604_900, 4_686_000]; // 3 m pixels, WGS 84 / UTM 52N

/** A GeoTIFF of a colour gradient with a few sharp features, written by GDAL with `extra` options. */
async function gradientTiff(name: string, extra: string[] = [], bands = 3): Promise<string> {
  const raw = Buffer.alloc(W * H * bands);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * bands;
      raw[i] = Math.round((x / W) * 255);
      if (bands > 1) raw[i + 1] = Math.round((y / H) * 255);
      if (bands > 2) raw[i + 2] = (x >> 4) % 2 ? 230 : 20;
      if (bands > 3) raw[i + 3] = 255;
    }
  }
  const png = path.join(tmp.dir, `${name}.png`);
  await sharp(raw, { raw: { width: W, height: H, channels: bands as 1 | 2 | 3 | 4 } }).png().toFile(png);
  const file = path.join(tmp.dir, `${name}.tif`);
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', '-co', 'COMPRESS=DEFLATE', '-a_srs', 'EPSG:32652', '-a_ullr', ...ULLR.map(String), '-mo', 'TIFFTAG_DATETIME=2025:01:14 01:38:45', ...extra, png, file]);
  return file;
}

async function imported(file: string) {
  const store = session.requireProject();
  const result = await importScenes(store, [file]);
  expect(result.errors, JSON.stringify(result.errors)).toEqual([]);
  return { store, scene: store.scenes().find((s) => s.source.kind === 'geotiff' && s.source.path.endsWith(path.basename(file)))! };
}

/** The file's RGB as GDAL itself reads it. */
async function gdalPixels(file: string): Promise<Buffer> {
  const out = path.join(tmp.dir, `${path.basename(file)}.gdal.png`);
  execFileSync('gdal_translate', ['-q', '-of', 'PNG', file, out]);
  return sharp(out).removeAlpha().raw().toBuffer();
}

describe('scene preview', () => {
  it('holds the file’s own pixels (as GDAL reads them), opaque, at full size when the screen is larger', async () => {
    const file = await gradientTiff('a');
    const { store, scene } = await imported(file);
    const preview = (await scenePreview(store, scene, { width: 1920, height: 1080 }))!;
    expect(preview).not.toBeNull();
    expect([preview.width, preview.height]).toEqual([W, H]);
    expect(preview.crs).toBe('EPSG:32652');
    expect(preview.extent).toEqual([ULLR[0], ULLR[3], ULLR[2], ULLR[1]]);
    const expected = await gdalPixels(file);
    expect(preview.rgba.length).toBe(W * H * 4);
    let differing = 0;
    for (let p = 0; p < W * H; p++) {
      for (let c = 0; c < 3; c++) if (preview.rgba[p * 4 + c] !== expected[p * 3 + c]) differing++;
      expect(preview.rgba[p * 4 + 3]).toBe(255);
    }
    expect(differing).toBe(0);
  });

  it('is shrunk to fit the screen, keeping its shape, and never enlarged', async () => {
    const { store, scene } = await imported(await gradientTiff('b'));
    const preview = (await scenePreview(store, scene, { width: 150, height: 400 }))!;
    expect([preview.width, preview.height]).toEqual([150, 100]);
    // Left edge dark red channel, right edge bright: the gradient survived the resize.
    expect(preview.rgba[(50 * 150 + 2) * 4]!).toBeLessThan(20);
    expect(preview.rgba[(50 * 150 + 147) * 4]!).toBeGreaterThan(235);
    expect(previewSize(100, 50, { width: 4000, height: 4000 })).toEqual({ width: 100, height: 50 });
    expect(previewSize(10_000, 5_000, { width: 9000, height: 9000 })).toEqual({ width: 4096, height: 2048 });
  });

  it('is not made where the map would not draw the file as stored: 16-bit, nodata, one band, four bands, radar', async () => {
    const cases = [
      await gradientTiff('u16', ['-ot', 'UInt16']),
      await gradientTiff('nodata', ['-a_nodata', '0']),
      await gradientTiff('grey', ['-b', '1']),
      await gradientTiff('rgba', [], 4),
    ];
    for (const file of cases) {
      const { store, scene } = await imported(file);
      expect(await scenePreview(store, scene, { width: 1000, height: 1000 }), path.basename(file)).toBeNull();
      expect(await scenePreview(store, { ...scene, sensor: 'sar' }, { width: 1000, height: 1000 })).toBeNull();
    }
  });

  it('refuses a file changed since its import, as the imagery route does, and reads nothing of it', async () => {
    const file = await gradientTiff('c');
    const { store, scene } = await imported(file);
    fs.appendFileSync(file, Buffer.alloc(10));
    await expect(scenePreview(store, scene, { width: 500, height: 500 })).rejects.toBeInstanceOf(SceneFileError);
  });

  it('is decoded ahead as a window’s host opens the project, and that decoding is what the route serves', async () => {
    const file = await gradientTiff('e');
    const { store, scene } = await imported(file);
    const projectFile = store.file;
    session.close();
    session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'tester', host: 'browser' });
    session.open(projectFile);
    const ahead = await session.takeOpeningDecoded(scene.id);
    expect(ahead).toMatchObject({ sceneId: scene.id, width: W, height: H, crs: 'EPSG:32652' });
    expect(session.takeOpeningDecoded(scene.id)).toBeNull(); // once
    const fromAhead = (await scenePreview(session.requireProject(), scene, { width: 2000, height: 2000 }, Promise.resolve(ahead)))!;
    const expected = await gdalPixels(file);
    for (let p = 0; p < W * H; p += 97) for (let c = 0; c < 3; c++) expect(fromAhead.rgba[p * 4 + c]).toBe(expected[p * 3 + c]);
    // Another scene's decoding is never used for this one.
    const other = { ...ahead!, sceneId: 'another', rgb: Buffer.alloc(ahead!.rgb.length) };
    const notFromOther = (await scenePreview(session.requireProject(), scene, { width: 2000, height: 2000 }, Promise.resolve(other)))!;
    expect(notFromOther.rgba.equals(fromAhead.rgba)).toBe(true);
    // The CLI decodes nothing ahead.
    session.close();
    session = new ProjectSession({ dataDir: path.join(tmp.dir, 'home'), author: 'tester', host: 'cli' });
    session.open(projectFile);
    expect(session.takeOpeningDecoded(scene.id)).toBeNull();
  });

  it('is served for the scene the app opens on, with that scene, its size, CRS and extent; 204 when there is none', async () => {
    const rendererDir = path.join(tmp.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    const handler = createAppHandler({ rendererDir, session });
    const ask = (query: string) => handler(new Request(`http://127.0.0.1/imagery/opening/preview${query}`));
    expect((await ask('?w=800&h=600')).status).toBe(204); // no scene yet

    const { scene } = await imported(await gradientTiff('d'));
    const res = await ask('?w=150&h=150');
    expect(res.status).toBe(200);
    expect(res.headers.get('Quaywatch-Scene')).toBe(scene.id);
    expect(res.headers.get('Quaywatch-Size')).toBe('150x100');
    expect(res.headers.get('Quaywatch-Crs')).toBe('EPSG:32652');
    expect(res.headers.get('Quaywatch-Extent')).toBe([ULLR[0], ULLR[3], ULLR[2], ULLR[1]].join(','));
    expect((await res.arrayBuffer()).byteLength).toBe(150 * 100 * 4);
    // An absurd size is clamped, not obeyed.
    expect((await ask('?w=1e9&h=1e9')).headers.get('Quaywatch-Size')).toBe('300x200');
    expect((await ask('?w=x&h=')).headers.get('Quaywatch-Size')).toBe('300x200');
  });
});
