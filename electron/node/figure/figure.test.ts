// figure.save end to end on a GDAL-made project: the PNG decoded back (size, DPI, the mark where the sighting is, the
// scene's pixels where they are, the date band against the text rendered alone), the SVG parsed and opened in Chromium,
// the PDF's text by poppler, before/after pairs, and the refusals (no such zone or scene, no overwrite unasked).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import sharp from 'sharp';
import { DOMParser } from '@xmldom/xmldom';
import { chromium } from 'playwright';
import type { LonLat } from '../../../shared/domain';
import type { FigureResult } from '../../../shared/calls/figure';
import { tempDir } from '../../testing/tmp';
import { AFTER_RGB, BEFORE_RGB, FRAME_BBOX, makeFigureProject, PATCH, PATCH_HALF_M, PATCH_RGB, VESSEL_BOX, VESSEL_NAME, type FigureFixture } from './figureFixture';
import { measure, textSvg } from './figureText';
import { unitOf } from './compose';

let tmp: ReturnType<typeof tempDir>;
let fx: FigureFixture;
beforeAll(async () => {
  tmp = tempDir('qw-figure-');
  fx = await makeFigureProject(tmp.dir);
}, 120_000);
afterAll(() => {
  fx?.session.close();
  tmp?.cleanup();
});

async function save(req: Record<string, unknown>): Promise<FigureResult> {
  const r = await fx.dispatch('figure.save', req);
  if (!r.ok) throw new Error(`figure.save: ${r.error.message}`);
  return r.value as FigureResult;
}

/** Where a lon/lat falls in a picture of FRAME_BBOX `w` × `h` pixels: Web Mercator by proj4, independently of the code. */
const merc = proj4('EPSG:4326', 'EPSG:3857');
function framePixel(p: LonLat, w: number, h: number, top = 0): [number, number] {
  const [l, b] = merc.forward(FRAME_BBOX[0]) as [number, number];
  const [r, t] = merc.forward(FRAME_BBOX[1]) as [number, number];
  const [x, y] = merc.forward(p) as [number, number];
  return [Math.round(((x - l) / (r - l)) * w), Math.round(top + ((t - y) / (t - b)) * h)];
}
const mercShape = () => {
  const [l, b] = merc.forward(FRAME_BBOX[0]) as [number, number];
  const [r, t] = merc.forward(FRAME_BBOX[1]) as [number, number];
  return (t - b) / (r - l);
};

async function pixels(file: string) {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { info, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)), data };
}
const near = (got: number[], want: number[], tol = 14) => got.every((v, i) => Math.abs(v - want[i]!) <= tol);
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('figure.save', () => {
  it('writes a PNG at the width and DPI asked, the mark on the sighting and the scene where it is', async () => {
    const out = path.join(tmp.dir, 'still.png');
    const r = await save({ format: 'png', path: out, frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', width: 1200, dpi: 300 });
    expect(r).toMatchObject({ file: out, format: 'png', width: 1200, sceneIds: [fx.before.id] });
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.density]).toEqual([1200, r.height, 300]);
    const png = await pixels(out);
    const ph = Math.round(1200 * mercShape()); // the picture, above the band
    // The vessel's box: its left edge drawn in the vessel colour (#ff3c3c); inside it, the scene's own blue.
    const [[w, s], [e, n]] = VESSEL_BOX;
    const [ex, ey] = framePixel([w, (s + n) / 2], 1200, ph);
    expect(near(png.at(ex, ey), [255, 60, 60], 40)).toBe(true);
    const [cx, cy] = framePixel([(w + e) / 2, (s + n) / 2], 1200, ph);
    expect(near(png.at(cx, cy), BEFORE_RGB)).toBe(true);
    // The white patch where the scene (in UTM) has it, warped onto the north-up frame; blue just outside it.
    const [px, py] = framePixel(PATCH, 1200, ph);
    expect(near(png.at(px, py), PATCH_RGB)).toBe(true);
    const dLon = ((PATCH_HALF_M * 2.2) / (111_320 * Math.cos((PATCH[1] * Math.PI) / 180)));
    const [ox, oy] = framePixel([PATCH[0] + dLon, PATCH[1]], 1200, ph);
    expect(near(png.at(ox, oy), BEFORE_RGB)).toBe(true);
  });

  it('draws a scene held as tiles (an MBTiles file by GDAL, Web Mercator) with the patch where it is', async () => {
    const mbtiles = path.join(tmp.dir, 'before.mbtiles');
    execFileSync('gdal_translate', ['-q', '-of', 'MBTILES', '-co', 'TILE_FORMAT=PNG', '-co', 'ZOOM_LEVEL_STRATEGY=UPPER', path.join(tmp.dir, 'before.tif'), mbtiles], { stdio: ['ignore', 'ignore', 'pipe'] });
    const r = await fx.dispatch('scenes.import', { paths: [mbtiles], acquired: '2025-03-05T02:00:00Z' });
    if (!r.ok) throw new Error(r.error.message);
    const out = path.join(tmp.dir, 'tiles.png');
    await save({ format: 'png', path: out, frame: { bbox: FRAME_BBOX }, scene: '2025-03-05', width: 800 });
    const png = await pixels(out);
    const ph = Math.round(800 * mercShape());
    const [px, py] = framePixel(PATCH, 800, ph);
    expect(near(png.at(px, py), PATCH_RGB, 20)).toBe(true);
    const [bx, by] = framePixel([FRAME_BBOX[0][0] + 0.001, FRAME_BBOX[1][1] - 0.001], 800, ph);
    expect(near(png.at(bx, by), BEFORE_RGB, 20)).toBe(true);
  });

  it('sets the scene\'s date and time (UTC) in the band: found where rendered alone it matches, another day does not', async () => {
    const out = path.join(tmp.dir, 'band.png');
    const r = await save({ format: 'png', path: out, frame: { bbox: FRAME_BBOX }, scene: fx.before.id, width: 1000, style: 'light' });
    const png = await pixels(out);
    const ph = Math.round(1000 * mercShape());
    const size = Math.round(unitOf(1000));
    /**
     * Best mean difference of the text rendered alone (dark on white, as the light style), at every quarter-pixel
     * offset (anti-aliasing differs with it), over the start of the band.
     */
    const bestMatch = async (text: string) => {
      const h = Math.ceil(size * 1.4);
      let best = Infinity;
      for (const fx of [0, 0.25, 0.5, 0.75]) {
        for (const fy of [0, 0.25, 0.5, 0.75]) {
          const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(measure(text, size, true)) + 2}" height="${h}"><rect width="100%" height="100%" fill="#ffffff"/>${textSvg('outlines', fx, size + fy, text, { size, bold: true, fill: '#1d2329' })}</svg>`;
          const ref = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
          const rw = ref.info.width;
          for (let oy = ph; oy < Math.min(r.height - h, ph + size * 2); oy++) {
            for (let ox = 0; ox < size * 2; ox++) {
              // The worst glyph-wide strip decides: one wrong digit is enough to tell another time.
              const strip = Math.ceil(size * 0.6);
              let worst = 0;
              for (let x0 = 0; x0 < rw; x0 += strip) {
                let d = 0;
                const x1 = Math.min(rw, x0 + strip);
                for (let y = 0; y < ref.info.height; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) d += Math.abs(ref.data[(y * rw + x) * 3 + c]! - png.data[((oy + y) * png.info.width + ox + x) * 3 + c]!);
                worst = Math.max(worst, d / ((x1 - x0) * ref.info.height * 3));
                if (worst >= best) break;
              }
              best = Math.min(best, worst);
            }
          }
        }
      }
      return best;
    };
    const right = await bestMatch('2025-03-01 02:10 UTC');
    // The other scene's time, and one digit off (an hour, a day).
    const wrong = await Promise.all(['2025-03-09 01:55 UTC', '2025-03-01 03:10 UTC', '2025-03-02 02:10 UTC'].map(bestMatch));
    expect(right).toBeLessThan(8);
    for (const w of wrong) expect(w).toBeGreaterThan(right * 3);
  });

  it('writes an SVG that parses as XML, says the date, credit and vessel as text, and opens in Chromium', async () => {
    const out = path.join(tmp.dir, 'still.svg');
    const r = await save({ format: 'svg', path: out, frame: { zone: 'east quay' }, scene: '2025-03-01', width: 900, title: 'Kestrel at East Quay' });
    const xml = fs.readFileSync(out, 'utf8');
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'image/svg+xml');
    expect(errors).toEqual([]);
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Kestrel at East Quay', '2025-03-01 02:10 UTC · optical', fx.before.credit, VESSEL_NAME]));
    expect(doc.getElementsByTagName('image').length).toBe(1);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.setContent(`<img id="f" src="data:image/svg+xml;base64,${Buffer.from(xml).toString('base64')}">`);
      const size = await page.$eval('#f', async (img: HTMLImageElement) => {
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      });
      expect(size).toEqual([r.width, r.height]);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('writes a PDF whose text poppler reads: date, credit, title, caption, vessel name', async () => {
    const out = path.join(tmp.dir, 'still.pdf');
    await save({ format: 'pdf', path: out, frame: { zone: 'East Quay' }, scene: '2025-03-01', title: 'Kestrel alongside', caption: 'Marked by the analyst on the scene of 1 March.' });
    const text = pdfText(out);
    for (const s of ['2025-03-01 02:10 UTC', fx.before.credit, 'Kestrel alongside', 'Marked by the analyst', VESSEL_NAME, '100 m']) expect(text).toContain(s);
  });

  it('draws before and after side by side with the same framing, each with its own date', async () => {
    const out = path.join(tmp.dir, 'pair.png');
    const r = await save({ format: 'png', path: out, frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', secondScene: '2025-03-09', layout: 'side-by-side', width: 1200 });
    expect(r.sceneIds).toEqual([fx.before.id, fx.after.id]);
    const png = await pixels(out);
    const pw = Math.floor((1200 - Math.round(unitOf(1200) * 0.6)) / 2);
    const ph = Math.round(pw * mercShape());
    // The patch at the same place in the left panel; the right panel is the "after" scene's yellow there.
    const [px, py] = framePixel(PATCH, pw, ph);
    expect(near(png.at(px, py), PATCH_RGB)).toBe(true);
    expect(near(png.at(1200 - pw + px, py), AFTER_RGB)).toBe(true);
    const pdf = path.join(tmp.dir, 'pair.pdf');
    await save({ format: 'pdf', path: pdf, frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', secondScene: '2025-03-09', layout: 'side-by-side' });
    const text = pdfText(pdf);
    expect(text).toContain('2025-03-01 02:10 UTC');
    expect(text).toContain('2025-03-09 01:55 UTC');
    expect(text).toContain('container stack · 24');
  });

  it('draws a swipe: the first scene left of the split, the second right of it, a white divider between', async () => {
    const out = path.join(tmp.dir, 'swipe.png');
    await save({ format: 'png', path: out, frame: { bbox: FRAME_BBOX }, scene: '2025-03-01', secondScene: '2025-03-09', layout: 'swipe', split: 0.2, width: 1000 });
    const png = await pixels(out);
    const ph = Math.round(1000 * mercShape());
    const y = Math.round(ph * 0.7);
    expect(near(png.at(100, y), BEFORE_RGB)).toBe(true);
    expect(near(png.at(600, y), AFTER_RGB)).toBe(true);
    expect(near(png.at(200, y), [255, 255, 255], 10)).toBe(true);
    // The patch is right of the split: the "after" scene shows there, not the patch.
    const [px, py] = framePixel(PATCH, 1000, ph);
    expect(px).toBeGreaterThan(210);
    expect(near(png.at(px, py), AFTER_RGB)).toBe(true);
  });

  it('refuses a zone or scene that does not exist, and an existing file without overwrite, writing nothing', async () => {
    const out = path.join(tmp.dir, 'refused.png');
    const zone = await fx.dispatch('figure.save', { format: 'png', path: out, frame: { zone: 'West Quay' }, scene: '2025-03-01' });
    expect(zone).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('No zone "West Quay"; its zones are: East Quay'.replace('"; its', '" in this project; its')) } });
    const scene = await fx.dispatch('figure.save', { format: 'png', path: out, frame: { zone: 'East Quay' }, scene: '2024-01-01' });
    expect(scene).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('its scenes run from 2025-03-01 to 2025-03-') } });
    // A tile template never made available offline: a figure never fetches, it says why there is nothing to draw.
    const online = await fx.dispatch('scenes.addTemplate', { template: 'https://tiles.example.invalid/{z}/{x}/{y}.png', acquired: '2025-03-07T02:00:00Z', name: 'Online only' });
    if (!online.ok) throw new Error(online.error.message);
    const uncopied = await fx.dispatch('figure.save', { format: 'png', path: out, frame: { zone: 'East Quay' }, scene: '2025-03-07' });
    expect(uncopied).toMatchObject({ ok: false, error: { message: expect.stringContaining('not stored in the project (reports and figures never fetch tiles') } });
    expect(fs.existsSync(out)).toBe(false);
    fs.writeFileSync(out, 'mine');
    const again = await fx.dispatch('figure.save', { format: 'png', path: out, frame: { zone: 'East Quay' }, scene: '2025-03-01' });
    expect(again).toMatchObject({ ok: false, error: { code: 'exists', path: out } });
    expect(fs.readFileSync(out, 'utf8')).toBe('mine');
    await save({ format: 'png', path: out, overwrite: true, frame: { zone: 'East Quay' }, scene: '2025-03-01' });
    expect((await sharp(out).metadata()).format).toBe('png');
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('refused'))).toEqual(['refused.png']);
  });
});
