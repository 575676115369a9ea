// Resampling a scene's pixels onto a figure's north-up Mercator grid: each picture pixel looks up where it falls in the
// source (exactly at every 16th pixel, linearly between: a quay-sized frame bends far less than a pixel between them).
import type { RawPixels } from '../imagery/sceneWindow';

const STEP = 16;

/**
 * An RGB picture `width` × `height`: `toSource(x, y)` gives the source's pixel coordinates (pixel centres at
 * i + 0.5) of the picture point (x, y); outside the source, `background`. Bilinear. `blank`: how many picture
 * pixels fell outside the source (a scene that covers only part of the frame: the figure says so).
 */
export function warp(src: RawPixels, width: number, height: number, toSource: (x: number, y: number) => [number, number], background: [number, number, number]): { pixels: Buffer; blank: number } {
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
  // Per row: the source point at each grid column, interpolated between grid rows; along the row, linear in x.
  const rowX = new Float64Array(gw);
  const rowY = new Float64Array(gw);
  const g = ch === 1 ? 0 : 1;
  const b = ch === 1 ? 0 : 2;
  const maxX = sw - 0.5;
  const maxY = sh - 0.5;
  let blank = 0;
  for (let y = 0; y < height; y++) {
    const py = y + 0.5;
    const j = Math.min(gh - 2, Math.floor(py / STEP));
    const fy = (py - j * STEP) / (Math.min(height, (j + 1) * STEP) - j * STEP);
    for (let i = 0; i < gw; i++) {
      rowX[i] = gx[j * gw + i]! * (1 - fy) + gx[(j + 1) * gw + i]! * fy - 0.5;
      rowY[i] = gy[j * gw + i]! * (1 - fy) + gy[(j + 1) * gw + i]! * fy - 0.5;
    }
    let o = y * width * 3;
    for (let i = 0; i < gw - 1; i++) {
      const xStart = i * STEP;
      const xEnd = Math.min(width, (i + 1) * STEP);
      if (xStart >= width) break;
      const span = xEnd - xStart;
      const dx = (rowX[i + 1]! - rowX[i]!) / span;
      const dy = (rowY[i + 1]! - rowY[i]!) / span;
      let sx = rowX[i]! + dx * 0.5;
      let sy = rowY[i]! + dy * 0.5;
      for (let x = xStart; x < xEnd; x++, sx += dx, sy += dy, o += 3) {
        if (sx < -0.5 || sy < -0.5 || sx > maxX || sy > maxY) {
          out[o] = br;
          out[o + 1] = bg;
          out[o + 2] = bb;
          blank++;
          continue;
        }
        let x0 = Math.floor(sx);
        let y0 = Math.floor(sy);
        let tx = sx - x0;
        let ty = sy - y0;
        // Within half a pixel of the edge: the edge pixel itself.
        if (x0 < 0 || x0 >= sw - 1) {
          x0 = x0 < 0 ? 0 : sw - 1;
          tx = 0;
        }
        if (y0 < 0 || y0 >= sh - 1) {
          y0 = y0 < 0 ? 0 : sh - 1;
          ty = 0;
        }
        const x1 = tx > 0 ? x0 + 1 : x0;
        const y1 = ty > 0 ? y0 + 1 : y0;
        const p00 = (y0 * sw + x0) * ch;
        const p10 = (y0 * sw + x1) * ch;
        const p01 = (y1 * sw + x0) * ch;
        const p11 = (y1 * sw + x1) * ch;
        const w00 = (1 - tx) * (1 - ty);
        const w10 = tx * (1 - ty);
        const w01 = (1 - tx) * ty;
        const w11 = tx * ty;
        out[o] = data[p00]! * w00 + data[p10]! * w10 + data[p01]! * w01 + data[p11]! * w11 + 0.5;
        out[o + 1] = data[p00 + g]! * w00 + data[p10 + g]! * w10 + data[p01 + g]! * w01 + data[p11 + g]! * w11 + 0.5;
        out[o + 2] = data[p00 + b]! * w00 + data[p10 + b]! * w10 + data[p01 + b]! * w01 + data[p11 + b]! * w11 + 0.5;
      }
    }
  }
  return { pixels: out, blank };
}
