import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { demoDataset, demoLayout, writeDemoImagery } from './demoImagery';
import type { DemoDataset } from './demoImagery';
import { polygonContains } from '../../../shared/geometry';
import { zoneOfSighting } from '../../../shared/sightingRules';
import recorded from './demoImagery.hashes.json';

type LL = [number, number];

/** The app's own containment (shared/geometry.ts, tested there against hand cases): what a zone holds here is what it holds in the app. */
const pointInRing = (p: LL, ring: LL[]): boolean => polygonContains({ type: 'Polygon', coordinates: [ring] }, p);

const hasGdal = !spawnSync('gdalinfo', ['--version']).error;

interface Raster {
  width: number;
  height: number;
  origin: [number, number];
  rgb: Uint8Array;
}

async function readTiff(file: string): Promise<{ raster: Raster; geoKeys: Record<string, unknown>; tileWidth: number }> {
  const buf = fs.readFileSync(file);
  const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const image = await tiff.getImage();
  const rgb = (await image.readRasters({ interleave: true })) as unknown as Uint8Array;
  const [ox, oy] = image.getOrigin() as [number, number];
  return {
    raster: { width: image.getWidth(), height: image.getHeight(), origin: [ox, oy], rgb },
    geoKeys: image.getGeoKeys() as Record<string, unknown>,
    tileWidth: image.getTileWidth(),
  };
}

/** Mean brightness of the pixels whose centres fall inside a lon/lat polygon. */
function meanInPolygon(r: Raster, ring: LL[]): number {
  const px = ring.map(([lon, lat]) => {
    const [e, n] = demoLayout.toUtm(lon, lat);
    return [(e - r.origin[0]) / 3, (r.origin[1] - n) / 3] as LL;
  });
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  let sum = 0;
  let n = 0;
  for (let row = Math.max(0, Math.floor(Math.min(...ys))); row <= Math.min(r.height - 1, Math.ceil(Math.max(...ys))); row++) {
    for (let col = Math.max(0, Math.floor(Math.min(...xs))); col <= Math.min(r.width - 1, Math.ceil(Math.max(...xs))); col++) {
      if (!pointInRing([col + 0.5, row + 0.5], px)) continue;
      const i = (row * r.width + col) * 3;
      sum += (r.rgb[i]! + r.rgb[i + 1]! + r.rgb[i + 2]!) / 3;
      n++;
    }
  }
  expect(n).toBeGreaterThan(500);
  return sum / n;
}

/** Mean brightness of a 5 x 5 pixel window around a UTM point. */
function meanAt(r: Raster, [e, n]: [number, number]): number {
  const c = Math.floor((e - r.origin[0]) / 3);
  const row = Math.floor((r.origin[1] - n) / 3);
  let sum = 0;
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      const i = ((row + dy) * r.width + c + dx) * 3;
      sum += (r.rgb[i]! + r.rgb[i + 1]! + r.rgb[i + 2]!) / 3;
    }
  }
  return sum / 25;
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('demo imagery', () => {
  let dirA: string;
  let dirB: string;
  let data: DemoDataset;
  let rasters: Raster[];

  beforeAll(async () => {
    dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-demo-a-'));
    dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-demo-b-'));
    const progress: number[] = [];
    const t0 = performance.now();
    data = await writeDemoImagery(dirA, (done) => progress.push(done));
    const ms = performance.now() - t0;
    console.log(`demo imagery: ${data.scenes.length} scenes in ${Math.round(ms)} ms`);
    expect(progress.at(-1)).toBe(data.scenes.length + data.radarScenes.length);
    await writeDemoImagery(dirB);
    rasters = [];
    for (const s of data.scenes) rasters.push((await readTiff(path.join(dirA, s.file))).raster);
  }, 120_000);

  afterAll(() => {
    for (const d of [dirA, dirB]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('describes a plausible series of scenes', () => {
    expect(data).toEqual(demoDataset());
    expect(data.site.name).toBe('Rajin (demo)');
    expect(data.zones.map((z) => z.name)).toEqual(['Pier 1', 'Pier 2']);
    expect(data.scenes.length).toBeGreaterThanOrEqual(10);
    const times = data.scenes.map((s) => Date.parse(s.acquired));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(data.scenes[0]!.acquired.startsWith('2024-12-10')).toBe(true);
    expect(data.scenes.at(-1)!.acquired.startsWith('2025-01-20')).toBe(true);
    for (const s of data.scenes) {
      const hhmm = s.acquired.slice(11, 16);
      expect(hhmm >= '01:30' && hhmm <= '02:30').toBe(true);
      expect(s.itemId).toMatch(/^\d{8}_\d{6}_\d{2}_[0-9a-f]{4}$/);
      expect(s.acquired.slice(0, 10).replaceAll('-', '')).toBe(s.itemId.slice(0, 8));
      expect(s.cloudCover).toBeGreaterThanOrEqual(0);
      expect(s.cloudCover).toBeLessThanOrEqual(1);
      for (const ship of s.ships) {
        expect(data.vessels.map((v) => v.name)).toContain(ship.name);
        expect(ship.lengthM).toBeGreaterThanOrEqual(80);
        expect(ship.lengthM).toBeLessThanOrEqual(180);
      }
    }
    const obscured = data.scenes.filter((s) => s.obscuredZones.length > 0);
    expect(obscured.length).toBeGreaterThanOrEqual(2);
    expect(obscured.length).toBeLessThanOrEqual(3);
    for (const s of obscured) expect(s.cloudCover).toBeGreaterThan(0);
    // different ships on different dates
    expect(new Set(data.scenes.map((s) => s.ships.map((x) => x.name).join(','))).size).toBeGreaterThan(5);
    expect(data.scenes.some((s) => s.ships.some((x) => x.zone === null))).toBe(true);
  });

  it('keeps the zones inside every scene footprint and the AOI', () => {
    for (const s of data.scenes) {
      const ring = s.footprint.coordinates[0]!;
      for (const z of data.zones) for (const p of z.geometry.coordinates[0]!) expect(pointInRing(p, ring)).toBe(true);
      for (const p of data.site.aoi.coordinates[0]!) expect(pointInRing(p, ring)).toBe(true);
    }
  });

  it('puts every moored ship inside its zone, and anchored ships outside all zones', () => {
    const zoneRefs = data.zones.map((z) => ({ id: z.name, geometry: z.geometry }));
    for (const s of data.scenes) {
      for (const ship of s.ships) {
        for (const z of data.zones) {
          expect(pointInRing(ship.lonLat, z.geometry.coordinates[0]!)).toBe(ship.zone === z.name);
        }
        // The demo project marks each ship at its centre: the app files it under the zone the ground truth names.
        expect(zoneOfSighting({ geometry: { type: 'Point', coordinates: ship.lonLat }, zoneId: null, zoneOverridden: false }, zoneRefs)).toBe(ship.zone);
      }
      for (const st of s.containerStacks) {
        const zone = data.zones.find((z) => z.name === st.zone)!;
        expect(pointInRing(st.lonLat, zone.geometry.coordinates[0]!)).toBe(true);
      }
    }
  });

  it.skipIf(!hasGdal)('writes GeoTIFFs that GDAL reads as UTM 52N RGB with the footprint as extent', () => {
    for (const s of data.scenes) {
      const info = JSON.parse(execFileSync('gdalinfo', ['-json', path.join(dirA, s.file)], { encoding: 'utf8' })) as {
        size: [number, number];
        coordinateSystem: { wkt: string };
        bands: { type: string; colorInterpretation: string; block: [number, number] }[];
        geoTransform: number[];
        wgs84Extent: { coordinates: LL[][] };
        metadata: { '': Record<string, string>; IMAGE_STRUCTURE: Record<string, string> };
      };
      expect(info.size).toEqual([1024, 1024]);
      expect(info.coordinateSystem.wkt).toContain('WGS 84 / UTM zone 52N');
      expect(info.coordinateSystem.wkt).toContain('ID["EPSG",32652]');
      expect(info.bands.map((b) => b.type)).toEqual(['Byte', 'Byte', 'Byte']);
      expect(info.bands.map((b) => b.colorInterpretation)).toEqual(['Red', 'Green', 'Blue']);
      expect(info.bands[0]!.block).toEqual([256, 256]);
      expect(info.geoTransform[1]).toBe(3);
      expect(info.geoTransform[5]).toBe(-3);
      expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBe('DEFLATE');
      expect(info.metadata[''].TIFFTAG_DATETIME).toBe(s.acquired.slice(0, 19).replace('T', ' ').replaceAll('-', ':'));
      // gdalinfo's WGS 84 extent: UL, LL, LR, UR, UL — the same corners as the footprint
      const ext = info.wgs84Extent.coordinates[0]!;
      const fp = s.footprint.coordinates[0]!;
      expect(ext.length).toBe(fp.length);
      ext.forEach((p, i) => {
        expect(p[0]).toBeCloseTo(fp[i]![0], 6);
        expect(p[1]).toBeCloseTo(fp[i]![1], 6);
      });
    }
  });

  it('writes GeoTIFFs that geotiff.js (OpenLayers) reads with EPSG:32652 GeoKeys', async () => {
    const { raster, geoKeys, tileWidth } = await readTiff(path.join(dirA, data.scenes[0]!.file));
    expect(geoKeys.ProjectedCSTypeGeoKey).toBe(32652);
    expect(geoKeys.GTModelTypeGeoKey).toBe(1);
    expect(tileWidth).toBe(256);
    expect(raster.width).toBe(1024);
    expect(raster.height).toBe(1024);
    expect(raster.rgb.length).toBe(1024 * 1024 * 3);
    const ul = demoLayout.toUtm(...data.scenes[0]!.footprint.coordinates[0]![0]!);
    expect(raster.origin[0]).toBeCloseTo(ul[0], 0);
    expect(raster.origin[1]).toBeCloseTo(ul[1], 0);
  });

  it('is deterministic: two runs write byte-identical files', () => {
    for (const s of data.scenes) expect(sha256(path.join(dirB, s.file))).toBe(sha256(path.join(dirA, s.file)));
  });

  // The generator is optimised for speed (issue 17) and must not change its output by a byte: every
  // file, and its decoded pixels, is checked against the hashes recorded before (scripts/demo-imagery-hashes.mjs
  // rewrites them when a change of the imagery is meant). Pixels are compared first: a file that differs
  // with identical pixels means another zlib deflated differently, not that the generator changed.
  it('writes exactly the recorded imagery (SHA-256 of every file and of its pixels)', () => {
    const expected = recorded.scenes as Record<string, { file: string; pixels: string } | undefined>;
    expect(data.scenes.map((s) => s.file)).toEqual(Object.keys(expected));
    data.scenes.forEach((s, i) => {
      const pixels = createHash('sha256').update(rasters[i]!.rgb).digest('hex');
      expect(pixels, `pixels of ${s.file}`).toBe(expected[s.file]?.pixels);
      // The file's bytes also depend on zlib: compared only with the zlib they were recorded with.
      if (process.versions.zlib === recorded.zlib) expect(sha256(path.join(dirA, s.file)), s.file).toBe(expected[s.file]?.file);
    });
  });

  it('writes exactly the recorded radar imagery, after the optical scenes (float32 amplitude, a band per polarisation)', async () => {
    const expected = (recorded as { radarScenes: Record<string, { file: string; pixels: string } | undefined> }).radarScenes;
    expect(data.radarScenes.map((s) => s.file)).toEqual(Object.keys(expected));
    for (const s of data.radarScenes) {
      const buf = fs.readFileSync(path.join(dirA, s.file));
      const image = await (await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))).getImage();
      expect(image.getSamplesPerPixel()).toBe(s.acquisition.polarizations!.length);
      expect(image.getBitsPerSample()).toBe(32);
      const amp = (await image.readRasters({ interleave: true })) as unknown as Float32Array;
      expect(amp).toBeInstanceOf(Float32Array);
      expect(createHash('sha256').update(new Uint8Array(amp.buffer, amp.byteOffset, amp.byteLength)).digest('hex'), `pixels of ${s.file}`).toBe(expected[s.file]?.pixels);
      if (process.versions.zlib === recorded.zlib) expect(sha256(path.join(dirA, s.file)), s.file).toBe(expected[s.file]?.file);
      expect(sha256(path.join(dirB, s.file))).toBe(sha256(path.join(dirA, s.file)));
    }
  });

  it('shows cloud over obscured zones and not over clear ones', () => {
    data.scenes.forEach((s, i) => {
      for (const z of data.zones) {
        const m = meanInPolygon(rasters[i]!, z.geometry.coordinates[0]!);
        if (process.env.DEMO_DEBUG) console.log(s.itemId, z.name, Math.round(m));
        if (s.obscuredZones.includes(z.name)) expect(m, `${s.itemId} ${z.name}`).toBeGreaterThan(200);
        else expect(m, `${s.itemId} ${z.name}`).toBeLessThan(150);
      }
    });
  });

  it('draws water darker than the quays', () => {
    data.scenes.forEach((s, i) => {
      if (s.cloudCover > 0) return;
      const water = meanAt(rasters[i]!, demoLayout.waterPoint);
      expect(water).toBeLessThan(70);
      demoLayout.pierDeckPoints.forEach((p, k) => {
        if (s.obscuredZones.includes(data.zones[k]!.name)) return;
        expect(meanAt(rasters[i]!, p)).toBeGreaterThan(water + 80);
      });
    });
  });
});
