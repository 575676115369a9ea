// Reading a window of a scene's own pixels on this machine, never the network: a GeoTIFF window read with geotiff.js
// (optical stretched to 8 bits, radar as the map shows it), or Web-Mercator tiles (MBTiles, the project's offline copy)
// stitched by sharp at the best zoom. Report chips and figures both read their pixels here.
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import proj4 from 'proj4';
import sharp from 'sharp';
import type { LonLat, Scene } from '../../../shared/domain';
import type { Tile } from './tiles';
import { crsOfImage, geoTiffOf, type OpenedImageryFile } from './sceneFile';
import { DEFAULT_RADAR_STRETCH, radarPixel, radarStats } from '../../../shared/radar';

/** Where a scene's pixels come from: never the network, only what is on this machine. */
export type ScenePixels =
  | { kind: 'geotiff'; /** Opens the scene's GeoTIFF (only as the file imported as that scene: sceneFile.ts). */ open: () => Promise<OpenedImageryFile> }
  | {
      kind: 'tiles';
      /** Zoom levels held, highest first (may throw, e.g. when the MBTiles file is gone). */
      zooms: () => number[];
      /** One Web-Mercator tile, y counted from the top (XYZ), or null where there is none. */
      tile: (z: number, x: number, y: number) => Tile | null;
      /** Why there is nothing to draw when no tile covers the place, e.g. "that scene was not made available offline here". */
      missing: string;
    };

/** Raw 8-bit pixels, row-major, interleaved. */
export interface RawPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Linear stretch to 8 bits between the 2nd and 98th percentiles: 16-bit analytic products would otherwise be black. */
function toBytes(data: ArrayLike<number>, bands: number): Uint8Array {
  const out = new Uint8Array(data.length);
  let max = 0;
  for (let i = 0; i < data.length; i += 7) max = Math.max(max, data[i]!);
  if (max <= 255) {
    for (let i = 0; i < data.length; i++) out[i] = data[i]!;
    return out;
  }
  for (let b = 0; b < bands; b++) {
    const vals: number[] = [];
    for (let i = b; i < data.length; i += bands * 5) vals.push(data[i]!);
    vals.sort((x, y) => x - y);
    const lo = vals[Math.floor(vals.length * 0.02)] ?? 0;
    const hi = Math.max(lo + 1, vals[Math.floor(vals.length * 0.98)] ?? 255);
    for (let i = b; i < data.length; i += bands) out[i] = Math.max(0, Math.min(255, Math.round(((data[i]! - lo) / (hi - lo)) * 255)));
  }
  return out;
}

/**
 * A radar window as the map shows it at the default stretch (shared/radar.ts): dB, the 2–98 %
 * percentiles of the whole scene (read at ≤ 512 px, like the map), grey or false colour, RGB bytes.
 */
async function radarBytes(tiff: GeoTIFF, window: ArrayLike<number>, bands: number): Promise<Uint8Array> {
  const first = await tiff.getImage();
  const scale = Math.min(1, 512 / Math.max(first.getWidth(), first.getHeight()));
  const whole = (await tiff.readRasters({ width: Math.max(1, Math.round(first.getWidth() * scale)), height: Math.max(1, Math.round(first.getHeight() * scale)), samples: bands === 2 ? [0, 1] : [0], resampleMethod: 'nearest' })) as unknown as ArrayLike<number>[];
  const stats = radarStats(Array.from(whole));
  const out = new Uint8Array((window.length / bands) * 3);
  if (!stats) return out;
  const px: number[] = Array(bands).fill(0);
  for (let i = 0, o = 0; i < window.length; i += bands, o += 3) {
    for (let b = 0; b < bands; b++) px[b] = window[i + b]!;
    const [r, g, bl] = radarPixel(px, stats, DEFAULT_RADAR_STRETCH);
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = bl;
  }
  return out;
}

/** A GeoTIFF's grid: its CRS, size, and where a lon/lat falls in its pixels (fractional, from the top-left corner). */
export interface GeoTiffGrid {
  crs: string;
  width: number;
  height: number;
  /** Ground metres per CRS unit (degrees for EPSG:4326, else 1). */
  metresPerUnit: number;
  /** Pixel size in CRS units. */
  rx: number;
  ry: number;
  toImagePx: (p: LonLat) => [number, number];
}

/** The pixel window [x0, y0, x1, y1) to read, and the size to read it at. */
export interface WindowChoice {
  window: [number, number, number, number];
  width: number;
  height: number;
}

function gridOf(image: GeoTIFFImage): GeoTiffGrid {
  const crs = crsOfImage(image);
  if (!crs) throw new Error(`the scene's image is in an unsupported CRS (EPSG:${image.getGeoKeys()?.ProjectedCSTypeGeoKey ?? image.getGeoKeys()?.GeographicTypeGeoKey})`);
  const project = proj4('EPSG:4326', crs);
  const [ox, oy] = image.getOrigin() as [number, number];
  const [rx, ryRaw] = image.getResolution() as [number, number];
  const ry = Math.abs(ryRaw);
  return {
    crs,
    width: image.getWidth(),
    height: image.getHeight(),
    metresPerUnit: crs === 'EPSG:4326' ? 111_320 : 1,
    rx,
    ry,
    toImagePx: (p) => {
      const [x, y] = project.forward(p) as [number, number];
      return [(x - ox) / rx, (oy - y) / ry];
    },
  };
}

/**
 * A window of a GeoTIFF in its own CRS: `choose` sees the image's grid and picks the pixel window and the
 * size to read it at (bilinear). Returns 8-bit pixels (radar as RGB) and the grid.
 */
export async function readGeoTiffWindow(open: () => Promise<OpenedImageryFile>, sensor: Scene['sensor'], choose: (grid: GeoTiffGrid) => WindowChoice): Promise<{ pixels: RawPixels; grid: GeoTiffGrid; choice: WindowChoice }> {
  const file = await open();
  let tiff: GeoTIFF;
  try {
    tiff = await geoTiffOf(file);
  } catch (e) {
    await file.close();
    throw e;
  }
  try {
    const image = await tiff.getImage();
    const grid = gridOf(image);
    const choice = choose(grid);
    const radar = sensor === 'sar';
    const samples = radar ? (image.getSamplesPerPixel() >= 2 ? [0, 1] : [0]) : image.getSamplesPerPixel() >= 3 ? [0, 1, 2] : [0];
    const raster = (await image.readRasters({ window: choice.window, samples, width: choice.width, height: choice.height, interleave: true, resampleMethod: 'bilinear' })) as unknown as ArrayLike<number>;
    const bytes = radar ? await radarBytes(tiff, raster, samples.length) : toBytes(raster, samples.length);
    const channels = (radar ? 3 : samples.length) as 1 | 3;
    return { pixels: { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), width: choice.width, height: choice.height, channels }, grid, choice };
  } finally {
    await tiff.close();
    await file.close();
  }
}

const EARTH_R = 6_378_137;
export const HALF_WORLD = Math.PI * EARTH_R;
/** Never more tiles than this stitched at one zoom (a zoom that fine is passed over for a coarser one). */
const MAX_TILES = 64;

/** Web-Mercator metres of a lon/lat (EPSG:3857, the XYZ tile grid). */
export function mercator([lon, lat]: LonLat): [number, number] {
  const l = Math.max(-85.0511, Math.min(85.0511, lat));
  return [(EARTH_R * lon * Math.PI) / 180, EARTH_R * Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360))];
}

/** The lon/lat of Web-Mercator metres. */
export function unmercator([x, y]: [number, number]): LonLat {
  return [(x / EARTH_R) * (180 / Math.PI), (2 * Math.atan(Math.exp(y / EARTH_R)) - Math.PI / 2) * (180 / Math.PI)];
}

/** The XYZ tile range covering a Mercator window [left, top, right, bottom] at zoom z. */
function tileRange(z: number, [l, t, r, b]: [number, number, number, number]) {
  const size = (2 * HALF_WORLD) / 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(2 ** z - 1, v));
  return { size, x0: clamp(Math.floor((l + HALF_WORLD) / size)), x1: clamp(Math.floor((r + HALF_WORLD) / size)), y0: clamp(Math.floor((HALF_WORLD - t) / size)), y1: clamp(Math.floor((HALF_WORLD - b) / size)) };
}

/**
 * The zooms to try, best first: the finest held that is no finer than the picture needs (a finer one
 * only costs tiles), then the finer ones from the coarsest up, for sources that hold only those.
 */
export function zoomOrder(zooms: number[], metresPerPx: number): number[] {
  const ideal = Math.ceil(Math.log2((2 * HALF_WORLD) / (256 * metresPerPx)));
  const sorted = [...new Set(zooms)].filter((z) => Number.isInteger(z) && z >= 0 && z <= 30);
  return [...sorted.filter((z) => z <= ideal).sort((a, b) => b - a), ...sorted.filter((z) => z > ideal).sort((a, b) => a - b)];
}

/** A stitched block of tiles and where Mercator metres fall in it: `k` pixels a metre from (originX, originY), its top-left. */
export interface TileMosaic {
  pixels: RawPixels;
  k: number;
  originX: number;
  originY: number;
  /** The part of the window's tiles the source holds (1: all of them); the rest is `background`. */
  share: number;
}

/**
 * The tiles covering a Mercator window [left, top, right, bottom] at the best zoom whose tiles cover all
 * of it (else the one covering most), stitched over `background` (transparent and missing tiles show it).
 */
export async function readTileMosaic(src: Extract<ScenePixels, { kind: 'tiles' }>, win: [number, number, number, number], metresPerPx: number, background: { r: number; g: number; b: number }): Promise<TileMosaic> {
  let best: { range: ReturnType<typeof tileRange>; tiles: { x: number; y: number; tile: Tile }[]; share: number } | null = null;
  for (const z of zoomOrder(src.zooms(), metresPerPx)) {
    const range = tileRange(z, win);
    const count = (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1);
    if (count > MAX_TILES) continue;
    const tiles: { x: number; y: number; tile: Tile }[] = [];
    for (let x = range.x0; x <= range.x1; x++) {
      for (let y = range.y0; y <= range.y1; y++) {
        const tile = src.tile(z, x, y);
        if (tile) tiles.push({ x, y, tile });
      }
    }
    const share = tiles.length / count;
    if (share > (best?.share ?? 0)) best = { range, tiles, share };
    if (share === 1) break;
  }
  if (!best) throw new Error(src.missing);

  const { range, tiles } = best;
  const first = await sharp(tiles[0]!.tile.data).metadata();
  const ts = first.width ?? 256; // 256 or 512-pixel tiles
  const cols = range.x1 - range.x0 + 1;
  const rows = range.y1 - range.y0 + 1;
  const layers = await Promise.all(
    tiles.map(async ({ x, y, tile }) => {
      const m = await sharp(tile.data).metadata();
      const input = m.width === ts && m.height === ts ? tile.data : await sharp(tile.data).resize(ts, ts, { fit: 'fill' }).png().toBuffer();
      return { input, left: (x - range.x0) * ts, top: (y - range.y0) * ts };
    }),
  );
  // Raw and opaque: composite adds an alpha channel, and callers read exactly these pixels.
  const mosaic = await sharp({ create: { width: cols * ts, height: rows * ts, channels: 3, background } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    pixels: { data: mosaic.data, width: mosaic.info.width, height: mosaic.info.height, channels: 3 },
    k: ts / range.size,
    originX: range.x0 * range.size - HALF_WORLD,
    originY: HALF_WORLD - range.y0 * range.size,
    share: best.share,
  };
}
