// Annotated image chips, headless: a window of the scene's GeoTIFF read with geotiff.js, the marks drawn as SVG, a caption band (UTC time, item id, credit) set in the shipped font, composed to PNG by sharp.
import fs from 'node:fs';
import { fromFile } from 'geotiff';
import proj4 from 'proj4';
import sharp from 'sharp';
import type { LonLat, Scene, Sighting, Zone } from '../../../shared/domain';
import { knownCrs } from '../imagery/common';
import { CLASS_COLOURS } from '../export/kml';
import { reportFonts } from './fonts';

export interface Chip {
  sightingId: string;
  sceneId: string;
  png: Buffer;
  width: number;
  height: number;
  /** "2025-01-14 01:38 UTC" */
  when: string;
  itemId: string;
  credit: string;
  /** What is marked, e.g. "Angara (vessel) at Pier 1". */
  subject: string;
}

export interface ChipRequest {
  scene: Scene;
  /** Absolute path of the scene's GeoTIFF. */
  file: string;
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

export async function renderChip(req: ChipRequest): Promise<Chip> {
  if (!fs.existsSync(req.file)) throw new Error(`the scene's image ${req.file} is missing`);
  const tiff = await fromFile(req.file);
  try {
    const image = await tiff.getImage();
    const keys = image.getGeoKeys();
    const epsg = Number(keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey);
    const crs = `EPSG:${epsg}`;
    if (!Number.isInteger(epsg) || !knownCrs(crs)) throw new Error(`the scene's image is in an unsupported CRS (${crs})`);
    const project = proj4('EPSG:4326', crs);
    const toXY = (p: LonLat) => project.forward(p) as [number, number];
    const [ox, oy] = image.getOrigin() as [number, number];
    const [rx, ryRaw] = image.getResolution() as [number, number];
    const ry = Math.abs(ryRaw);
    const w = image.getWidth();
    const h = image.getHeight();
    // The window: centred on the sighting, ~IMAGE_W/IMAGE_H in aspect, shifted (not shrunk) at the image edge.
    const metresPerUnit = epsg === 4326 ? 111_320 : 1;
    const groundW = (req.groundWidthM ?? 720) / metresPerUnit;
    const winW = Math.min(w, Math.max(32, Math.round(groundW / rx)));
    const winH = Math.min(h, Math.max(20, Math.round((winW * IMAGE_H) / IMAGE_W)));
    const g = req.sighting.geometry;
    const centre: LonLat = g.type === 'Point' ? g.coordinates : (() => {
      const ring = g.coordinates[0]!.slice(0, -1);
      return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length] as LonLat;
    })();
    const [cx, cy] = toXY(centre);
    const px = Math.round((cx - ox) / rx);
    const py = Math.round((oy - cy) / ry);
    const x0 = Math.max(0, Math.min(w - winW, px - Math.round(winW / 2)));
    const y0 = Math.max(0, Math.min(h - winH, py - Math.round(winH / 2)));
    const samples = image.getSamplesPerPixel() >= 3 ? [0, 1, 2] : [0];
    const raster = (await image.readRasters({ window: [x0, y0, x0 + winW, y0 + winH], samples, width: IMAGE_W, height: IMAGE_H, interleave: true, resampleMethod: 'bilinear' })) as unknown as ArrayLike<number>;
    const bytes = toBytes(raster, samples.length);
    // Ground → chip pixels, from the exact window read.
    const sx = IMAGE_W / winW;
    const sy = IMAGE_H / winH;
    const toPx = (p: LonLat): [number, number] => {
      const [x, y] = toXY(p);
      return [((x - ox) / rx - x0) * sx, ((oy - y) / ry - y0) * sy];
    };
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
    const groundPerPx = (winW * rx * metresPerUnit) / IMAGE_W;
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
    const itemId = req.scene.itemId ?? req.scene.id;
    const credit = req.scene.credit || req.scene.provider;
    const [line1, line2, scaleLabel, subject] = await Promise.all([
      textImage(`${when} · ${itemId}`, { size: 12, width: IMAGE_W - 16, colour: '#ffffff', bold: true }),
      textImage(credit, { size: 11, width: IMAGE_W - 16, colour: '#d0d0d0' }),
      textImage(`${niceM} m`, { size: 11, width: 120, colour: '#ffffff', bold: true }),
      textImage(req.subject, { size: 12, width: IMAGE_W - 24, colour: '#ffffff', bold: true }),
    ]);
    const subjectMeta = await sharp(subject).metadata();
    const png = await sharp({ create: { width: IMAGE_W, height: IMAGE_H + BAND_H, channels: 3, background: '#1b1f24' } })
      .composite([
        { input: await sharp(Buffer.from(bytes), { raw: { width: IMAGE_W, height: IMAGE_H, channels: samples.length as 1 | 3 } }).toColourspace('srgb').png().toBuffer(), left: 0, top: 0 },
        { input: Buffer.from(svg), left: 0, top: 0 },
        { input: await sharp({ create: { width: Math.min(IMAGE_W, (subjectMeta.width ?? 100) + 12), height: (subjectMeta.height ?? 16) + 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.55 } } }).png().toBuffer(), left: 0, top: 0 },
        { input: subject, left: 6, top: 4 },
        { input: scaleLabel, left: Math.round(barPx) + 20, top: IMAGE_H - 27 },
        { input: line1, left: 8, top: IMAGE_H + 6 },
        { input: line2, left: 8, top: IMAGE_H + 25 },
      ])
      // Opaque RGB: an alpha channel would add a soft mask to every chip in the PDF.
      .removeAlpha()
      .png({ compressionLevel: 8 })
      .toBuffer();
    return { sightingId: req.sighting.id, sceneId: req.scene.id, png, width: IMAGE_W, height: IMAGE_H + BAND_H, when, itemId, credit, subject: req.subject };
  } finally {
    await tiff.close();
  }
}
