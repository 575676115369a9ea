// Annotated image chips, headless: a window of the scene's pixels (a GeoTIFF read with geotiff.js, or tiles from an MBTiles file or the project's offline copy stitched by sharp), the marks drawn as SVG, a caption band (UTC time, item id, credit) set in the shipped font as glyph outlines (figure/figureText.ts, as figures are), composed to PNG by sharp.
import sharp from 'sharp';
import type { LonLat, Scene, Sighting, Zone } from '../../../shared/domain';
import type { OpenedImageryFile } from '../imagery/sceneFile';
import { mercator, readGeoTiffWindow, readTileMosaic, type ScenePixels } from '../imagery/sceneWindow';
import { CLASS_COLOURS } from '../export/kml';
import { fit, measure, textSvg } from '../figure/figureText';
import { sensorLabel } from '../../../shared/radar';

export { mercator, zoomOrder } from '../imagery/sceneWindow';

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
export type ChipPixels = ScenePixels;

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
/** DejaVu Sans's ascent, in ems: from a line's top to its baseline. */
const ASCENT = 0.93;

/** KML's aabbggrr to CSS #rrggbb. */
const css = (kml: string) => `#${kml.slice(6, 8)}${kml.slice(4, 6)}${kml.slice(2, 4)}`;

export function utcLabel(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line of text whose top is at `top` (its baseline a font ascent lower), cut with an ellipsis to `maxWidth`. */
function line(text: string, x: number, top: number, opts: { size: number; maxWidth: number; colour: string; bold?: boolean }): string {
  return textSvg('outlines', x, top + Math.round(opts.size * ASCENT), fit(text, opts.size, opts.maxWidth, opts.bold), { size: opts.size, bold: opts.bold, fill: opts.colour });
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
  let win = { x0: 0, y0: 0, w: 0, h: 0 };
  const { pixels, grid } = await readGeoTiffWindow(open, req.scene.sensor, (g) => {
    const groundW = (req.groundWidthM ?? DEFAULT_GROUND_M) / g.metresPerUnit;
    const winW = Math.min(g.width, Math.max(32, Math.round(groundW / g.rx)));
    const winH = Math.min(g.height, Math.max(20, Math.round((winW * IMAGE_H) / IMAGE_W)));
    const [px, py] = g.toImagePx(centreOf(req.sighting)).map(Math.round) as [number, number];
    const x0 = Math.max(0, Math.min(g.width - winW, px - Math.round(winW / 2)));
    const y0 = Math.max(0, Math.min(g.height - winH, py - Math.round(winH / 2)));
    win = { x0, y0, w: winW, h: winH };
    return { window: [x0, y0, x0 + winW, y0 + winH], width: IMAGE_W, height: IMAGE_H };
  });
  // Ground → chip pixels, from the exact window read.
  const sx = IMAGE_W / win.w;
  const sy = IMAGE_H / win.h;
  const toPx = (p: LonLat): [number, number] => {
    const [x, y] = grid.toImagePx(p);
    return [(x - win.x0) * sx, (y - win.y0) * sy];
  };
  const picture = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } }).toColourspace('srgb').png().toBuffer();
  return decorateChip(req, picture, toPx, (win.w * grid.rx * grid.metresPerUnit) / IMAGE_W);
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
  const { pixels: mosaic, k, originX, originY } = await readTileMosaic(src, win, mercW / IMAGE_W, BACKGROUND);
  const left = Math.max(0, Math.min(mosaic.width - 1, Math.round((win[0] - originX) * k)));
  const top = Math.max(0, Math.min(mosaic.height - 1, Math.round((originY - win[1]) * k)));
  const width = Math.max(1, Math.min(mosaic.width - left, Math.round(mercW * k)));
  const height = Math.max(1, Math.min(mosaic.height - top, Math.round(mercH * k)));
  const picture = await sharp(mosaic.data, { raw: { width: mosaic.width, height: mosaic.height, channels: mosaic.channels } })
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
  const subjectSize = 12;
  const subjectText = fit(req.subject, subjectSize, IMAGE_W - 24, true);
  const subjectW = Math.min(IMAGE_W, Math.ceil(measure(subjectText, subjectSize, true)) + 12);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_W}" height="${IMAGE_H}">` +
    req.zones.map((z) => `<path d="${z.geometry.coordinates.map(path).join(' ')}" fill="none" stroke="#ffd700" stroke-width="1.5" stroke-dasharray="6 4"/>`).join('') +
    req.others.filter((o) => o.id !== req.sighting.id).map((o) => mark(o, false)).join('') +
    mark(req.sighting, true) +
    `<rect x="12" y="${IMAGE_H - 22}" width="${barPx.toFixed(1)}" height="6" fill="#fff" stroke="#000" stroke-width="1"/>` +
    line(`${niceM} m`, Math.round(barPx) + 20, IMAGE_H - 27, { size: 11, maxWidth: 120, colour: '#ffffff', bold: true }) +
    `<rect x="0" y="0" width="${subjectW}" height="${subjectSize + 10}" fill="#000" fill-opacity="0.55"/>` +
    line(subjectText, 6, 4, { size: subjectSize, maxWidth: IMAGE_W - 24, colour: '#ffffff', bold: true }) +
    `</svg>`;
  const when = utcLabel(req.scene.acquired);
  const scene = sceneLabel(req.scene);
  const sensor = sensorLabel(req.scene);
  // A local file's credit defaults to its name, already in the scene label: not said twice.
  const credit = req.scene.credit && !scene.endsWith(` · ${req.scene.credit}`) ? req.scene.credit : '';
  // The band under the picture, its own SVG: marks near the picture's bottom edge stay out of it.
  const band =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_W}" height="${BAND_H}">` +
    line(`${when} · ${scene} · ${sensor}`, 8, 6, { size: 12, maxWidth: IMAGE_W - 16, colour: '#ffffff', bold: true }) +
    (credit ? line(credit, 8, 25, { size: 11, maxWidth: IMAGE_W - 16, colour: '#d0d0d0' }) : '') +
    `</svg>`;
  const png = await sharp({ create: { width: IMAGE_W, height: IMAGE_H + BAND_H, channels: 3, background: BACKGROUND } })
    .composite([
      { input: picture, left: 0, top: 0 },
      { input: Buffer.from(svg), left: 0, top: 0 },
      { input: Buffer.from(band), left: 0, top: IMAGE_H },
    ])
    // Opaque RGB: an alpha channel would add a soft mask to every chip in the PDF.
    .removeAlpha()
    .png({ compressionLevel: 8 })
    .toBuffer();
  return { sightingId: req.sighting.id, sceneId: req.scene.id, png, width: IMAGE_W, height: IMAGE_H + BAND_H, when, scene, credit, sensor, subject: req.subject };
}
