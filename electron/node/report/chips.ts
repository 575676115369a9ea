// Annotated image chips, headless: a window of the scene's pixels (a GeoTIFF read with geotiff.js, or tiles from an MBTiles file or the project's offline copy stitched by sharp), the marks drawn as SVG, a caption band (UTC time, item id, credit) set in the shipped font, composed to PNG by sharp.
import type { GeoTIFF } from 'geotiff';
import proj4 from 'proj4';
import sharp from 'sharp';
import type { LonLat, Scene, Sighting, Zone } from '../../../shared/domain';
import type { Tile } from '../imagery/tiles';
import { crsOfImage, geoTiffOf, type OpenedImageryFile } from '../imagery/sceneFile';
import { CLASS_COLOURS } from '../export/kml';
import { reportFonts } from './fonts';
import { DEFAULT_RADAR_STRETCH, radarPixel, radarStats, sensorLabel } from '../../../shared/radar';

export interface Chip {
  sightingId: string;
  sceneId: string;
  png: Buffer;
  width: number;
  height: number;
  /** "2025-01-14 01:38 UTC" */
  when: string;
  /** Which scene, as an analyst knows it: "Planet · 20241210_013845_12_2461", "Local file · harbour_east.tif". */
  scene: string;
  credit: string;
  /** What imaged it (shared/radar.ts sensorLabel): "optical", "radar, Sentinel-1A VV+VH". */
  sensor: string;
  /** What is marked, e.g. "Angara (vessel) at Pier 1". */
  subject: string;
}

/** Where a chip's pixels come from: never the network, only what is on this machine. */
export type ChipPixels =
  | { kind: 'geotiff'; /** Opens the scene's GeoTIFF (only as the file imported as that scene: sceneFile.ts). */ open: () => Promise<OpenedImageryFile> }
  | {
      kind: 'tiles';
      /** Zoom levels held, highest first (may throw, e.g. when the MBTiles file is gone). */
      zooms: () => number[];
      /** One Web-Mercator tile, y counted from the top (XYZ), or null where there is none. */
      tile: (z: number, x: number, y: number) => Tile | null;
      /** Why there is no chip when no tile covers the sighting, e.g. "that scene was not made available offline here". */
      missing: string;
    };

export interface ChipRequest {
  scene: Scene;
  pixels: ChipPixels;
  sighting: Sighting;
  /** Other sightings on the same scene, drawn thinner. */
  others: Sighting[];
  zones: Zone[];
  subject: string;
  /** Ground width of the window, metres. */
  groundWidthM?: number;
}

const IMAGE_W = 560;
const IMAGE_H = 360;
const BAND_H = 44;
/** Ground width of a chip's window when the request does not say, metres. */
const DEFAULT_GROUND_M = 720;
const BACKGROUND = { r: 0x1b, g: 0x1f, b: 0x24 };

/** KML's aabbggrr to CSS #rrggbb. */
const css = (kml: string) => `#${kml.slice(6, 8)}${kml.slice(4, 6)}${kml.slice(2, 4)}`;
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function utcLabel(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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

/** Text rendered by sharp with the shipped TTF, so no system font is needed. */
async function textImage(text: string, opts: { size: number; width: number; colour: string; bold?: boolean }): Promise<Buffer> {
  const fonts = reportFonts();
  return sharp({
    text: {
      text: `<span foreground="${opts.colour}" size="${opts.size * 1024}">${xmlText(text)}</span>`,
      font: 'DejaVu Sans',
      fontfile: opts.bold ? fonts.bold : fonts.regular,
      width: opts.width,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
}

/** A scene by what an analyst would recognise: its provider and item id, or for an imported file its file name (never the internal id). */
export function sceneLabel(scene: Pick<Scene, 'provider' | 'product' | 'itemId' | 'source'>): string {
  const name = scene.itemId ?? (scene.source.kind === 'xyz' ? scene.product : scene.source.path.split(/[\\/]/).pop()!);
  return `${scene.provider} · ${name}`;
}

/** The sighting's centre: the point, or the mean of a polygon's vertices. */
function centreOf(s: Sighting): LonLat {
  const g = s.geometry;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.coordinates[0]!.slice(0, -1);
  return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
}

export async function renderChip(req: ChipRequest): Promise<Chip> {
  return req.pixels.kind === 'geotiff' ? geoTiffChip(req, req.pixels.open) : tileChip(req, req.pixels);
}

/** A window of a GeoTIFF in its own CRS, centred on the sighting and shifted (not shrunk) at the image edge. */
async function geoTiffChip(req: ChipRequest, open: () => Promise<OpenedImageryFile>): Promise<Chip> {
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
    const crs = crsOfImage(image);
    if (!crs) throw new Error(`the scene's image is in an unsupported CRS (EPSG:${image.getGeoKeys()?.ProjectedCSTypeGeoKey ?? image.getGeoKeys()?.GeographicTypeGeoKey})`);
    const epsg = Number(crs.slice('EPSG:'.length));
    const project = proj4('EPSG:4326', crs);
    const toXY = (p: LonLat) => project.forward(p) as [number, number];
    const [ox, oy] = image.getOrigin() as [number, number];
    const [rx, ryRaw] = image.getResolution() as [number, number];
    const ry = Math.abs(ryRaw);
    const w = image.getWidth();
    const h = image.getHeight();
    const metresPerUnit = epsg === 4326 ? 111_320 : 1;
    const groundW = (req.groundWidthM ?? DEFAULT_GROUND_M) / metresPerUnit;
    const winW = Math.min(w, Math.max(32, Math.round(groundW / rx)));
    const winH = Math.min(h, Math.max(20, Math.round((winW * IMAGE_H) / IMAGE_W)));
    const [cx, cy] = toXY(centreOf(req.sighting));
    const px = Math.round((cx - ox) / rx);
    const py = Math.round((oy - cy) / ry);
    const x0 = Math.max(0, Math.min(w - winW, px - Math.round(winW / 2)));
    const y0 = Math.max(0, Math.min(h - winH, py - Math.round(winH / 2)));
    const radar = req.scene.sensor === 'sar';
    const samples = radar ? (image.getSamplesPerPixel() >= 2 ? [0, 1] : [0]) : image.getSamplesPerPixel() >= 3 ? [0, 1, 2] : [0];
    const raster = (await image.readRasters({ window: [x0, y0, x0 + winW, y0 + winH], samples, width: IMAGE_W, height: IMAGE_H, interleave: true, resampleMethod: 'bilinear' })) as unknown as ArrayLike<number>;
    const bytes = radar ? await radarBytes(tiff, raster, samples.length) : toBytes(raster, samples.length);
    const channels = radar ? 3 : samples.length;
    // Ground → chip pixels, from the exact window read.
    const sx = IMAGE_W / winW;
    const sy = IMAGE_H / winH;
    const toPx = (p: LonLat): [number, number] => {
      const [x, y] = toXY(p);
      return [((x - ox) / rx - x0) * sx, ((oy - y) / ry - y0) * sy];
    };
    const picture = await sharp(Buffer.from(bytes), { raw: { width: IMAGE_W, height: IMAGE_H, channels: channels as 1 | 3 } }).toColourspace('srgb').png().toBuffer();
    return await decorateChip(req, picture, toPx, (winW * rx * metresPerUnit) / IMAGE_W);
  } finally {
    await tiff.close();
    await file.close();
  }
}

const EARTH_R = 6_378_137;
const HALF_WORLD = Math.PI * EARTH_R;
/** A chip never stitches more tiles than this at one zoom (a zoom that fine is passed over for a coarser one). */
const MAX_TILES = 64;

/** Web-Mercator metres of a lon/lat (EPSG:3857, the XYZ tile grid). */
export function mercator([lon, lat]: LonLat): [number, number] {
  const l = Math.max(-85.0511, Math.min(85.0511, lat));
  return [(EARTH_R * lon * Math.PI) / 180, EARTH_R * Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360))];
}

/** The XYZ tile range covering a Mercator window [left, top, right, bottom] at zoom z. */
function tileRange(z: number, [l, t, r, b]: [number, number, number, number]) {
  const size = (2 * HALF_WORLD) / 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(2 ** z - 1, v));
  return { size, x0: clamp(Math.floor((l + HALF_WORLD) / size)), x1: clamp(Math.floor((r + HALF_WORLD) / size)), y0: clamp(Math.floor((HALF_WORLD - t) / size)), y1: clamp(Math.floor((HALF_WORLD - b) / size)) };
}

/**
 * The zooms to try, best first: the finest held that is no finer than the chip needs (a finer one
 * only costs tiles), then the finer ones from the coarsest up, for sources that hold only those.
 */
export function zoomOrder(zooms: number[], metresPerChipPx: number): number[] {
  const ideal = Math.ceil(Math.log2((2 * HALF_WORLD) / (256 * metresPerChipPx)));
  const sorted = [...new Set(zooms)].filter((z) => Number.isInteger(z) && z >= 0 && z <= 30);
  return [...sorted.filter((z) => z <= ideal).sort((a, b) => b - a), ...sorted.filter((z) => z > ideal).sort((a, b) => a - b)];
}

/**
 * A window of Web-Mercator tiles centred on the sighting: the best zoom whose tiles cover the whole
 * window (else the one covering most of it), stitched over the chip background, cropped, resized.
 */
async function tileChip(req: ChipRequest, src: Extract<ChipPixels, { kind: 'tiles' }>): Promise<Chip> {
  const centre = centreOf(req.sighting);
  const cosLat = Math.cos((centre[1] * Math.PI) / 180);
  // Mercator stretches ground by 1/cos(latitude): the window is the ground width in Mercator metres.
  const mercW = (req.groundWidthM ?? DEFAULT_GROUND_M) / cosLat;
  const mercH = (mercW * IMAGE_H) / IMAGE_W;
  const [cx, cy] = mercator(centre);
  const win: [number, number, number, number] = [cx - mercW / 2, cy + mercH / 2, cx + mercW / 2, cy - mercH / 2];

  let best: { z: number; range: ReturnType<typeof tileRange>; tiles: { x: number; y: number; tile: Tile }[]; share: number } | null = null;
  for (const z of zoomOrder(src.zooms(), mercW / IMAGE_W)) {
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
    if (share > (best?.share ?? 0)) best = { z, range, tiles, share };
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
  // Transparent and missing tiles show the caption band's dark grey, not white.
  // Raw and opaque: composite adds an alpha channel, and the crop below must read exactly these pixels.
  const mosaic = await sharp({ create: { width: cols * ts, height: rows * ts, channels: 3, background: BACKGROUND } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Mercator → mosaic pixels: k pixels a metre from the top-left corner of the first tile.
  const k = ts / range.size;
  const originX = range.x0 * range.size - HALF_WORLD;
  const originY = HALF_WORLD - range.y0 * range.size;
  const left = Math.max(0, Math.min(cols * ts - 1, Math.round((win[0] - originX) * k)));
  const top = Math.max(0, Math.min(rows * ts - 1, Math.round((originY - win[1]) * k)));
  const width = Math.max(1, Math.min(cols * ts - left, Math.round(mercW * k)));
  const height = Math.max(1, Math.min(rows * ts - top, Math.round(mercH * k)));
  const picture = await sharp(mosaic.data, { raw: { width: mosaic.info.width, height: mosaic.info.height, channels: mosaic.info.channels } })
    .extract({ left, top, width, height })
    .resize(IMAGE_W, IMAGE_H, { fit: 'fill' })
    .png()
    .toBuffer();
  const sx = IMAGE_W / width;
  const sy = IMAGE_H / height;
  const toPx = (p: LonLat): [number, number] => {
    const [x, y] = mercator(p);
    return [((x - originX) * k - left) * sx, ((originY - y) * k - top) * sy];
  };
  return decorateChip(req, picture, toPx, ((width / k) * cosLat) / IMAGE_W);
}

/**
 * The drawing every chip shares, whatever its source: zone outlines, the marks (the chosen sighting
 * thick, the others thin), a scale bar, the subject label and the caption band.
 * `picture` is IMAGE_W x IMAGE_H; `toPx` maps lon/lat to its pixels; `groundPerPx` is metres a pixel.
 */
async function decorateChip(req: ChipRequest, picture: Buffer, toPx: (p: LonLat) => [number, number], groundPerPx: number): Promise<Chip> {
  const path = (ring: LonLat[]) => ring.map((p, i) => `${i ? 'L' : 'M'}${toPx(p).map((v) => v.toFixed(1)).join(' ')}`).join(' ') + ' Z';
  const mark = (s: Sighting, main: boolean) => {
    const colour = css(CLASS_COLOURS[s.class]);
    const width = main ? 3 : 1.5;
    if (s.geometry.type === 'Point') {
      const [x, y] = toPx(s.geometry.coordinates);
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${main ? 16 : 11}" fill="none" stroke="#000" stroke-opacity="0.6" stroke-width="${width + 2}"/>` +
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${main ? 16 : 11}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
    }
    const d = s.geometry.coordinates.map(path).join(' ');
    return `<path d="${d}" fill="none" stroke="#000" stroke-opacity="0.6" stroke-width="${width + 2}"/><path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
  };
  // Scale bar: a round ground distance about a fifth of the chip wide.
  const niceM = [10, 20, 50, 100, 200, 500, 1000, 2000].find((m) => m / groundPerPx >= IMAGE_W / 8) ?? 1000;
  const barPx = niceM / groundPerPx;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_W}" height="${IMAGE_H}">` +
    req.zones.map((z) => `<path d="${z.geometry.coordinates.map(path).join(' ')}" fill="none" stroke="#ffd700" stroke-width="1.5" stroke-dasharray="6 4"/>`).join('') +
    req.others.filter((o) => o.id !== req.sighting.id).map((o) => mark(o, false)).join('') +
    mark(req.sighting, true) +
    `<rect x="12" y="${IMAGE_H - 22}" width="${barPx.toFixed(1)}" height="6" fill="#fff" stroke="#000" stroke-width="1"/>` +
    `</svg>`;
  const when = utcLabel(req.scene.acquired);
  const scene = sceneLabel(req.scene);
  const sensor = sensorLabel(req.scene);
  // A local file's credit defaults to its name, already in the scene label: not said twice.
  const credit = req.scene.credit && !scene.endsWith(` · ${req.scene.credit}`) ? req.scene.credit : '';
  const [line1, line2, scaleLabel, subject] = await Promise.all([
    textImage(`${when} · ${scene} · ${sensor}`, { size: 12, width: IMAGE_W - 16, colour: '#ffffff', bold: true }),
    credit ? textImage(credit, { size: 11, width: IMAGE_W - 16, colour: '#d0d0d0' }) : null,
    textImage(`${niceM} m`, { size: 11, width: 120, colour: '#ffffff', bold: true }),
    textImage(req.subject, { size: 12, width: IMAGE_W - 24, colour: '#ffffff', bold: true }),
  ]);
  const subjectMeta = await sharp(subject).metadata();
  const png = await sharp({ create: { width: IMAGE_W, height: IMAGE_H + BAND_H, channels: 3, background: BACKGROUND } })
    .composite([
      { input: picture, left: 0, top: 0 },
      { input: Buffer.from(svg), left: 0, top: 0 },
      { input: await sharp({ create: { width: Math.min(IMAGE_W, (subjectMeta.width ?? 100) + 12), height: (subjectMeta.height ?? 16) + 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.55 } } }).png().toBuffer(), left: 0, top: 0 },
      { input: subject, left: 6, top: 4 },
      { input: scaleLabel, left: Math.round(barPx) + 20, top: IMAGE_H - 27 },
      { input: line1, left: 8, top: IMAGE_H + 6 },
      ...(line2 ? [{ input: line2, left: 8, top: IMAGE_H + 25 }] : []),
    ])
    // Opaque RGB: an alpha channel would add a soft mask to every chip in the PDF.
    .removeAlpha()
    .png({ compressionLevel: 8 })
    .toBuffer();
  return { sightingId: req.sighting.id, sceneId: req.scene.id, png, width: IMAGE_W, height: IMAGE_H + BAND_H, when, scene, credit, sensor, subject: req.subject };
}
