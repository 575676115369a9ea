// Test helpers that read a time-lapse frame back without trusting our layout: the date stamp compared with the same
// text set apart by pango (sharp's text input, the shipped DejaVu font), and a mark's colour looked for around a
// sighting. Used by the animated pictures' tests (timelapse.test.ts) and the videos' (video.test.ts).
import sharp from 'sharp';
import type { Scene } from '../../../shared/domain';
import { sensorLabel } from '../../../shared/radar';
import { reportFonts } from '../report/fonts';

/** A frame as RGB, row-major. */
export interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * How much the frame's stamp looks like each candidate date and time (`whens`, as "YYYY-MM-DD HH:MM UTC"): the whole
 * line as this frame would have it with that date, compared over the date and time. `best` is the likeliest.
 */
export async function stampScores(frame: Rgb, scene: Scene, whens: string[]): Promise<{ best: [string, number]; said: string }> {
  const stamp = await stampOf(frame);
  const line = (when: string) => `${when} · ${sensorLabel(scene)}`;
  const share = (await rendered(utc(scene.acquired))).width / (await rendered(line(utc(scene.acquired)))).width;
  const scores = new Map<string, number>();
  for (const w of whens) scores.set(w, await likeness(stamp, line(w), share));
  const best = [...scores].sort((a, b) => b[1] - a[1])[0]!;
  return { best, said: [...scores].map(([w, v]) => `${w} ${v.toFixed(3)}`).join(', ') };
}

export const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Greyscale, row-major. */
interface Grey {
  data: Float64Array;
  width: number;
  height: number;
}

/**
 * The frame's stamp line, found without our layout's numbers: the band under the picture is the run of rows, from
 * the bottom up, that are the dark style's background at the right edge; its first line of ink is the stamp.
 */
async function stampOf(f: Rgb): Promise<Grey> {
  const lum = (x: number, y: number) => {
    const o = (y * f.width + x) * 3;
    return 0.299 * f.data[o]! + 0.587 * f.data[o + 1]! + 0.114 * f.data[o + 2]!;
  };
  const isBackground = (y: number) => {
    const o = (y * f.width + f.width - 3) * 3;
    return Math.abs(f.data[o]! - 0x15) < 6 && Math.abs(f.data[o + 1]! - 0x19) < 6 && Math.abs(f.data[o + 2]! - 0x1e) < 6;
  };
  let band = f.height - 1;
  while (band > 0 && isBackground(band - 1)) band--;
  const inked = (y: number) => {
    for (let x = 0; x < f.width / 2; x++) if (lum(x, y) > 60) return true;
    return false;
  };
  let top = band;
  while (top < f.height && !inked(top)) top++;
  let bottom = top;
  while (bottom < f.height && inked(bottom)) bottom++;
  let left = f.width;
  let right = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < f.width; x++) {
      if (lum(x, y) > 60) {
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
      }
    }
  }
  const w = right - left;
  const g = new Float64Array(w * (bottom - top));
  for (let y = top; y < bottom; y++) for (let x = 0; x < w; x++) g[(y - top) * w + x] = lum(left + x, y);
  return { data: g, width: w, height: bottom - top };
}

/** `text` set by pango (sharp's text input) in the shipped DejaVu Sans Bold at 48 px, white on black, cropped to its ink. */
async function rendered(text: string): Promise<Grey & { png: Buffer }> {
  const px = 48;
  const png = await sharp({ text: { text: `<span foreground="#ffffff" size="${Math.round(px * 1024)}">${text}</span>`, font: 'DejaVu Sans Bold', fontfile: reportFonts().bold, rgba: true, dpi: 72 } })
    .flatten({ background: '#000000' })
    .trim({ background: '#000000', threshold: 40 })
    .png()
    .toBuffer();
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: Float64Array.from(data), width: info.width, height: info.height, png };
}

/** Normalised cross-correlation of the stamp with `text` rendered apart and scaled to the stamp's size, over its left `share`. */
async function likeness(stamp: Grey, text: string, share: number): Promise<number> {
  // Set large and scaled down to the stamp's ink box (pango set at 14 px hints its own way); both softened a little,
  // so a fraction of a pixel between two rasterisers weighs less than a different digit.
  const ref = await rendered(text);
  const { data } = await sharp(ref.png).greyscale().resize(stamp.width, stamp.height, { fit: 'fill' }).blur(0.8).raw().toBuffer({ resolveWithObject: true });
  const mine = await sharp(Buffer.from(Uint8Array.from(stamp.data)), { raw: { width: stamp.width, height: stamp.height, channels: 1 } }).greyscale().blur(0.8).raw().toBuffer();
  stamp = { ...stamp, data: Float64Array.from(mine) };
  const cols = Math.round(stamp.width * share);
  const at = (i: number) => (i % stamp.width) < cols;
  let n = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < stamp.data.length; i++) {
    if (!at(i)) continue;
    n++;
    ma += stamp.data[i]!;
    mb += data[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < stamp.data.length; i++) {
    if (!at(i)) continue;
    const a = stamp.data[i]! - ma;
    const b = data[i]! - mb;
    ab += a * b;
    aa += a * a;
    bb += b * b;
  }
  return ab / Math.sqrt(aa * bb);
}

/** The share of points on a circle of radius `r` around (cx, cy) (±2 px) in the vessel mark's red. */
export function redOnRing(f: Rgb, cx: number, cy: number, r: number): number {
  let hits = 0;
  const steps = 72;
  for (let k = 0; k < steps; k++) {
    const a = (k / steps) * 2 * Math.PI;
    let found = false;
    for (let dr = -2; dr <= 2 && !found; dr++) {
      const x = Math.round(cx + (r + dr) * Math.cos(a));
      const y = Math.round(cy + (r + dr) * Math.sin(a));
      if (x < 0 || y < 0 || x >= f.width || y >= f.height) continue;
      const o = (y * f.width + x) * 3;
      if (f.data[o]! > 190 && f.data[o + 1]! < 110 && f.data[o + 2]! < 110) found = true;
    }
    if (found) hits++;
  }
  return hits / steps;
}
