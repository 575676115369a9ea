// Chips from tiles, read back from the PDF: an MBTiles scene made by GDAL and a template scene made available offline from a loopback tile server show the imagery's colours where the imagery is and the mark on the sighting; a template scene never copied keeps its caveat, and a report fetches no tile.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { LonLat, Scene, Sighting } from '../../../shared/domain';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { closeMbtilesFiles } from '../imagery/tiles';
import { ProjectSession } from '../session';
import { tempDir } from '../../testing/tmp';
import { mercator } from './chips';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Blue north of 42.24°, yellow south of it: a chip upside down or off by a tile row shows the wrong colour. */
const NORTH = [40, 90, 200];
const SOUTH = [230, 200, 60];
const BOUNDARY_LAT = 42.24;

/** An MBTiles by GDAL (gdal_translate -of MBTILES, then gdaladdo for coarser zooms) of two colour halves. */
function twoHalvesMbtiles(dir: string): string {
  const half = (name: string, ullr: number[], rgb: number[]) => {
    const f = path.join(dir, name);
    run('gdal_create', ['-q', '-of', 'GTiff', '-outsize', '256', '128', '-bands', '3', '-ot', 'Byte', ...rgb.flatMap((v) => ['-burn', String(v)]), '-a_srs', 'EPSG:4326', '-a_ullr', ...ullr.map(String), f]);
    return f;
  };
  const n = half('north.tif', [130.28, 42.26, 130.32, BOUNDARY_LAT], NORTH);
  const s = half('south.tif', [130.28, BOUNDARY_LAT, 130.32, 42.22], SOUTH);
  const vrt = path.join(dir, 'halves.vrt');
  run('gdalbuildvrt', ['-q', vrt, n, s]);
  const file = path.join(dir, '20250110_000000_halves.mbtiles');
  run('gdal_translate', ['-q', '-of', 'MBTILES', '-co', 'TILE_FORMAT=PNG', vrt, file]);
  run('gdaladdo', ['-q', '-r', 'nearest', file, '2', '4']);
  return file;
}

/** Red channel per zoom, so a chip shows which zoom it was made from; green and blue by tile column and row parity, so it shows where each tile went. */
const ZOOM_RED: Record<number, number> = { 14: 20, 15: 100, 16: 170 };
const tileColour = (z: number, x: number, y: number) => [ZOOM_RED[z] ?? 0, x % 2 ? 200 : 60, y % 2 ? 200 : 60];

async function startTileServer() {
  const hits: string[] = [];
  const server = http.createServer(async (req, res) => {
    const m = /^\/\w+\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(new URL(req.url!, 'http://x').pathname);
    if (!m) return void res.writeHead(400).end();
    hits.push(m.slice(1).join('/'));
    const [z, x, y] = m.slice(1).map(Number) as [number, number, number];
    const [r, g, b] = tileColour(z, x, y);
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: r!, g: g!, b: b! } } }).png().toBuffer();
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const IMAGE_W = 560;
const IMAGE_H = 360;
const GROUND_W = 720;

/** A chip's picture (the part above the caption band) as RGB rows. */
interface Picture {
  at: (x: number, y: number) => number[];
}
async function picture(png: string): Promise<Picture> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([560, 404]);
  return { at: (x, y) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)) };
}
const near = (got: number[], want: number[], tol = 12) => got.every((v, i) => Math.abs(v - want[i]!) <= tol);

/** The red ring of the chosen sighting: its centroid in chip pixels, from the pixels themselves. */
function ringCentre(p: Picture): [number, number] | null {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < IMAGE_H; y++) {
    for (let x = 0; x < IMAGE_W; x++) {
      const [r, g, b] = p.at(x, y);
      if (r! > 200 && g! < 110 && b! < 110) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return n > 40 ? [sx / n, sy / n] : null;
}

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let dispatch: Dispatch;
let server: Awaited<ReturnType<typeof startTileServer>>;
const sightings: Record<'mbtiles' | 'fine' | 'coarse' | 'uncopied', Sighting> = {} as never;
const at: Record<keyof typeof sightings, LonLat> = {
  mbtiles: [130.3, BOUNDARY_LAT],
  fine: [130.27, 42.33], // zoom 16 copied all around it
  coarse: [130.3, 42.33], // only zooms 14–15 copied there
  uncopied: [130.27, 42.33],
};

async function ok<T>(name: string, req: unknown): Promise<T> {
  const r = await dispatch(name, req);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  tmp = tempDir('qw-tile-chips-');
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'Test Analyst', host: 'cli' });
  dispatch = createDispatcher(session);
  session.create(path.join(tmp.dir, 'Tiles.quaywatch'), 'Tile chips');
  server = await startTileServer();
  const mb = (await ok<{ imported: Scene[] }>('scenes.import', { paths: [twoHalvesMbtiles(tmp.dir)] })).imported[0]!;
  const copied = await ok<Scene>('scenes.addTemplate', { template: `${server.url}/copied/{z}/{x}/{y}.png`, acquired: '2025-01-12T02:00:00Z', name: 'Copied basemap', credit: '© Loopback Imagery' });
  const uncopied = await ok<Scene>('scenes.addTemplate', { template: `${server.url}/online/{z}/{x}/{y}.png`, acquired: '2025-01-13T02:00:00Z', name: 'Online-only basemap' });
  await ok('scenes.makeOffline', { sceneId: copied.id, bbox: [130.25, 42.31, 130.32, 42.35], minZoom: 14, maxZoom: 15 });
  await ok('scenes.makeOffline', { sceneId: copied.id, bbox: [130.262, 42.325, 130.278, 42.335], minZoom: 16, maxZoom: 16 });
  const store = session.current!;
  const site = store.sites()[0]!;
  const box = ([x, y]: LonLat, d: number) => ({ type: 'Polygon' as const, coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] as LonLat[][] });
  store.createZone({ siteId: site.id, name: 'South Quay', kind: 'quay', geometry: box(at.mbtiles, 0.0006) });
  store.createZone({ siteId: site.id, name: 'North Quay', kind: 'quay', geometry: box(at.fine, 0.0006) });
  const vessel = store.createVessel({ kind: 'vessel', name: 'Angara', aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null });
  const mark = (sceneId: string, p: LonLat) => store.createSighting({ sceneId, class: 'vessel', geometry: { type: 'Point', coordinates: p }, vesselId: vessel.id });
  sightings.mbtiles = mark(mb.id, at.mbtiles);
  sightings.fine = mark(copied.id, at.fine);
  sightings.coarse = mark(copied.id, at.coarse);
  sightings.uncopied = mark(uncopied.id, at.uncopied);
}, 120_000);

afterAll(async () => {
  closeMbtilesFiles();
  session?.close();
  await server?.close();
  tmp?.cleanup();
});

describe('chips from tiles', () => {
  let file: string;
  let text: string;
  let pngs: string[];
  let hitsBefore: number;
  beforeAll(async () => {
    hitsBefore = server.hits.length;
    file = path.join(tmp.dir, 'tiles.pdf');
    await ok('report.run', { format: 'pdf', path: file, chipSightingIds: [sightings.mbtiles.id, sightings.fine.id, sightings.coarse.id, sightings.uncopied.id] });
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const dir = path.join(tmp.dir, 'images');
    fs.mkdirSync(dir);
    execFileSync('pdfimages', ['-png', file, path.join(dir, 'chip')]);
    pngs = fs.readdirSync(dir).sort().map((n) => path.join(dir, n));
  }, 60_000);

  it('puts a chip for each sighting whose tiles are on this machine into the PDF, and a caveat only for the one that is not', () => {
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(list).toHaveLength(3);
    expect(pngs).toHaveLength(3);
    expect(text.match(/No chip for/g)).toHaveLength(1);
    expect(text).toMatch(/No chip for Angara at North Quay on 2025-01-13: that scene's tiles there are not stored in the project/);
    expect(text).toContain('2025-01-10 00:00 UTC');
    expect(text).toContain('© Loopback Imagery');
    // The report fetched nothing, not even for the scene it could not show.
    expect(server.hits.length).toBe(hitsBefore);
  });

  it('MBTiles: the imagery right way up, north blue and south yellow, and the mark on the boundary where the sighting is', async () => {
    const p = await picture(pngs[0]!);
    for (const x of [60, 200, 400, 520]) {
      expect(near(p.at(x, 70), NORTH), `north at ${x}: ${p.at(x, 70)}`).toBe(true);
      expect(near(p.at(x, 290), SOUTH), `south at ${x}: ${p.at(x, 290)}`).toBe(true);
    }
    const ring = ringCentre(p)!;
    expect(ring).not.toBeNull();
    // The sighting lies on the boundary of the halves: the ring's centre is on the row where blue turns yellow.
    let turn = 0;
    for (let y = 70; y < 290 && !turn; y++) if (p.at(100, y)[2]! < 130) turn = y;
    expect(Math.abs(ring[1] - turn)).toBeLessThanOrEqual(3);
    expect(Math.abs(ring[0] - IMAGE_W / 2)).toBeLessThanOrEqual(8);
  });

  /** Checks each pixel of a grid against the colour of the tile it should come from at zoom z. */
  async function expectTiles(png: string, centre: LonLat, z: number) {
    const p = await picture(png);
    const [cx, cy] = mercator(centre);
    const metresPerPx = GROUND_W / Math.cos((centre[1] * Math.PI) / 180) / IMAGE_W;
    const size = (2 * Math.PI * 6_378_137) / 2 ** z;
    let checked = 0;
    for (let y = 40; y < 320; y += 23) {
      for (let x = 20; x < 540; x += 29) {
        if (Math.hypot(x - IMAGE_W / 2, y - IMAGE_H / 2) < 24) continue; // the ring
        if (Math.abs(x - IMAGE_W / 2) < 40 && Math.abs(y - IMAGE_H / 2) < 40) continue; // the zone outline
        const tx = (cx + (x + 0.5 - IMAGE_W / 2) * metresPerPx + Math.PI * 6_378_137) / size;
        const ty = (Math.PI * 6_378_137 - (cy - (y + 0.5 - IMAGE_H / 2) * metresPerPx)) / size;
        // Resampling blends the pixels next to a tile edge: judge only those clear of one.
        const edge = Math.min(tx % 1, 1 - (tx % 1)) * (size / metresPerPx);
        const edgeY = Math.min(ty % 1, 1 - (ty % 1)) * (size / metresPerPx);
        if (edge < 4 || edgeY < 4) continue;
        const want = tileColour(z, Math.floor(tx), Math.floor(ty));
        expect(near(p.at(x, y), want), `(${x}, ${y}) ${p.at(x, y)} should be tile ${z}/${Math.floor(tx)}/${Math.floor(ty)} ${want}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    const ring = ringCentre(p)!;
    expect(ring).not.toBeNull();
    expect(Math.hypot(ring[0] - IMAGE_W / 2, ring[1] - IMAGE_H / 2)).toBeLessThanOrEqual(3);
  }

  it('offline copy: zoom 16 where it was copied all over the chip, each tile where it belongs, the mark on the sighting', async () => {
    await expectTiles(pngs[1]!, at.fine, 16);
  });

  it('offline copy: zoom 15 where zoom 16 was not copied over the whole chip', async () => {
    await expectTiles(pngs[2]!, at.coarse, 15);
  });

  it('picks chips from tile scenes by itself when none are asked for', async () => {
    const auto = path.join(tmp.dir, 'auto.pdf');
    await ok('report.run', { format: 'pdf', path: auto });
    const list = execFileSync('pdfimages', ['-list', auto], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(list).toHaveLength(2); // a visit at South Quay (MBTiles) and one at North Quay (offline copy)
    expect(execFileSync('pdftotext', [auto, '-'], { encoding: 'utf8' })).not.toContain('No chip for');
    expect(server.hits.length).toBe(hitsBefore);
  });
});
