// Resampling a scene's pixels onto a figure's north-up Mercator grid: each picture pixel looks up where it falls in the
// source (exactly at every 16th pixel, linearly between: a quay-sized frame bends far less than a pixel between them).
import type { RawPixels } from '../imagery/sceneWindow';

const STEP = 16;

/**
 * An RGB picture `width` × `height`: `toSource(x, y)` gives the source's pixel coordinates (pixel centres at
 * i + 0.5) of the picture point (x, y); outside the source, `background`. Bilinear.
 */
export function warp(src: RawPixels, width: number, height: number, toSource: (x: number, y: number) => [number, number], background: [number, number, number]): Buffer {
  const out = Buffer.alloc(width * height * 3);
  const gw = Math.ceil(width / STEP) + 1;
  const gh = Math.ceil(height / STEP) + 1;
  const gx = new Float64Array(gw * gh);
  const gy = new Float64Array(gw * gh);
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const [sx, sy] = toSource(Math.min(width, i * STEP), Math.min(height, j * STEP));
      gx[j * gw + i] = sx;
      gy[j * gw + i] = sy;
    }
  }
  const { data, width: sw, height: sh, channels: ch } = src;
  const [br, bg, bb] = background;
  for (let y = 0; y < height; y++) {
    const py = y + 0.5;
    const j = Math.min(gh - 2, Math.floor(py / STEP));
    const fy = (py - j * STEP) / (Math.min(height, (j + 1) * STEP) - j * STEP);
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      const i = Math.min(gw - 2, Math.floor(px / STEP));
      const fx = (px - i * STEP) / (Math.min(width, (i + 1) * STEP) - i * STEP);
      const a = j * gw + i;
      const sx = (gx[a]! * (1 - fx) + gx[a + 1]! * fx) * (1 - fy) + (gx[a + gw]! * (1 - fx) + gx[a + gw + 1]! * fx) * fy - 0.5;
      const sy = (gy[a]! * (1 - fx) + gy[a + 1]! * fx) * (1 - fy) + (gy[a + gw]! * (1 - fx) + gy[a + gw + 1]! * fx) * fy - 0.5;
      const o = (y * width + x) * 3;
      if (sx < -0.5 || sy < -0.5 || sx > sw - 0.5 || sy > sh - 0.5) {
        out[o] = br;
        out[o + 1] = bg;
        out[o + 2] = bb;
        continue;
      }
      const x0 = Math.max(0, Math.min(sw - 1, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(sh - 1, Math.floor(sy)));
      const x1 = Math.min(sw - 1, x0 + 1);
      const y1 = Math.min(sh - 1, y0 + 1);
      const tx = Math.max(0, Math.min(1, sx - x0));
      const ty = Math.max(0, Math.min(1, sy - y0));
      for (let c = 0; c < 3; c++) {
        const cc = ch === 1 ? 0 : c;
        const v00 = data[(y0 * sw + x0) * ch + cc]!;
        const v10 = data[(y0 * sw + x1) * ch + cc]!;
        const v01 = data[(y1 * sw + x0) * ch + cc]!;
        const v11 = data[(y1 * sw + x1) * ch + cc]!;
        out[o + c] = Math.round((v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty);
      }
    }
  }
  return out;
}
