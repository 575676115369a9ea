// A time-lapse's frames (RGB, date order) encoded as one animated GIF or WebP. Each frame is encoded on its own, two at
// a time (GIF in the time-lapse's worker threads, WebP by libvips' threads), and the file assembled in order: the
// encoders of libvips (cgif, libwebp's animation encoder) work one frame after another on one core.
//  - GIF: gifenc (pure JS): a palette per frame (satellite scenes differ too much to share one) from a quarter of its
//    pixels, ordered dithering. Five times cheaper than libimagequant + cgif (~0.12 s against ~0.7 s of CPU a 2 MP
//    frame), and the colours of marks and containers stay as saturated (libimagequant's came out paler).
//  - WebP: each frame a lossy still by sharp (libwebp, the settings the animation encoder had), muxed as ANMF chunks.
import fs from 'node:fs';
import * as gifencModule from 'gifenc';
import sharp from 'sharp';
import type { TimelapseFormat } from '../../../shared/calls/figure';
import type { FramePool } from './framePool';

export interface AnimationOptions {
  width: number;
  height: number;
  format: TimelapseFormat;
  frameMs: number;
  signal?: AbortSignal | undefined;
  /** The time-lapse's worker threads, which encode GIF frames; null: encoded in this thread. */
  pool?: FramePool | null;
}

// gifenc is CommonJS whose exports Node's ES-module loader cannot list: an ES module (a script run by runTs.mjs) finds
// them under default; our CommonJS bundles and Vitest (gifenc's ES build) find them by name.
const gifenc = (gifencModule.default as Partial<typeof gifencModule> | undefined)?.quantize ? (gifencModule.default as typeof gifencModule) : gifencModule;
const { applyPalette, GIFEncoder, quantize } = gifenc;

/** Frames encoded at once. */
const AT_ONCE = 2;

/** Encodes `frames` (RGB, width × height each) as one animation and writes it to `out`. */
export async function encodeAnimation(frames: Uint8Array[], opts: AnimationOptions, out: string): Promise<void> {
  const { width, height, frameMs, pool } = opts;
  const encodeOne =
    opts.format === 'gif'
      ? (rgb: Uint8Array) => (pool ? pool.gifFrame(rgb, width, height, frameMs) : Promise.resolve(gifFrame(rgb, width, height, frameMs)))
      : (rgb: Uint8Array) => sharp(rgb, { raw: { width, height, channels: 3 } }).webp({ quality: 80, effort: 2 }).toBuffer();
  const encoded: Uint8Array[] = new Array(frames.length);
  let next = 0;
  const lane = async () => {
    while (next < frames.length) {
      if (opts.signal?.aborted) return;
      const i = next++;
      encoded[i] = await encodeOne(frames[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, frames.length) }, lane));
  if (opts.signal?.aborted) return;
  await fs.promises.writeFile(out, opts.format === 'gif' ? gifFile(width, height, encoded) : webpFile(width, height, frameMs, encoded));
}

/**
 * One GIF frame: its graphic control extension (how long it shows), image descriptor, local colour table and LZW
 * data; gifFile puts them in one stream.
 */
export function gifFrame(rgb: Uint8Array, width: number, height: number, frameMs: number): Uint8Array {
  // The palette from every other pixel of every other row (imagery a pixel apart has the same colours; thin lines of the
  // overlay are many pixels long, so they are sampled too), its colours binned 4 bits a channel: radar speckle has
  // tens of thousands of 5-6-5 colours, which cost 0.4 s a frame to merge, 444 bins 0.06 s, the mean error alike.
  // (Frames of the bench, mean |error| per pixel over R+G+B: 11.9 → 12.0 on radar, 9.5 → 4.9, 4.3 → 5.4 on optical.)
  // gifenc reads pixels as 32-bit RGBA words.
  const sample = new Uint8Array(Math.ceil(width / 2) * Math.ceil(height / 2) * 4);
  let k = 0;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0, s = y * width * 3; x < width; x += 2, s += 6, k += 4) {
      sample[k] = rgb[s]!;
      sample[k + 1] = rgb[s + 1]!;
      sample[k + 2] = rgb[s + 2]!;
      sample[k + 3] = 255;
    }
  }
  const palette = quantize(sample, 256, { format: 'rgb444' });
  // Ordered (Bayer 4×4) dithering of ±DITHER levels: 256 colours leave bands across radar false colour and blotches in
  // the grain of a quay's concrete; a fixed pattern breaks them up at a pass's cost, the same on every frame, so a
  // still quay does not shimmer as error diffusion would make it. One offset for all three channels: greys stay grey.
  // (±6 looked closest to the frame drawn; ±10 shows the pattern; GIFs grow by half, LZW packs the pattern less well.)
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0, s = 0, d = 0; y < height; y++) {
    const row = (y & 3) * 4;
    for (let x = 0; x < width; x++, s += 3, d += 4) {
      const o = BAYER[row + (x & 3)]!;
      rgba[d] = clamp(rgb[s]! + o);
      rgba[d + 1] = clamp(rgb[s + 1]! + o);
      rgba[d + 2] = clamp(rgb[s + 2]! + o);
      rgba[d + 3] = 255;
    }
  }
  const index = applyPalette(rgba, palette);
  const gif = GIFEncoder({ auto: false, initialCapacity: width * height });
  gif.writeFrame(index, width, height, { palette, delay: frameMs, first: false });
  return gif.bytes();
}

const DITHER = 6;
/** The 4×4 Bayer matrix as offsets in [-DITHER, DITHER]. */
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5].map((v) => Math.round(((v + 0.5) / 16 - 0.5) * 2 * DITHER));
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** GIF89a: the screen (no global colour table: every frame has its own), looping forever, the frames, the trailer. */
export function gifFile(width: number, height: number, frames: Uint8Array[]): Buffer {
  const head = Buffer.alloc(13 + 19);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  head[10] = 0x70; // no global colour table, 8 bits of colour resolution
  // NETSCAPE2.0 application extension: loop count 0, forever.
  head.set([0x21, 0xff, 0x0b], 13);
  head.write('NETSCAPE2.0', 16, 'latin1');
  head.set([0x03, 0x01, 0x00, 0x00, 0x00], 27);
  return Buffer.concat([head, ...frames, Buffer.from([0x3b])]);
}

/** A RIFF chunk: fourcc, little-endian size, payload, padded to an even length. */
function chunk(fourcc: string, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

const uint24 = (buf: Buffer, v: number, at: number) => buf.writeUIntLE(v, at, 3);

/**
 * Animated WebP (RIFF container, "Extended file format"): VP8X with the animation flag, ANIM (loop forever), and one
 * ANMF per frame holding that still's image chunks (VP8/VP8L, and ALPH if any), shown `frameMs`, not blended.
 */
export function webpFile(width: number, height: number, frameMs: number, stills: Uint8Array[]): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x02; // animation
  uint24(vp8x, width - 1, 4);
  uint24(vp8x, height - 1, 7);
  const anim = Buffer.alloc(6); // background colour 0 (BGRA), loop count 0: forever
  const frames = stills.map((still) => {
    const head = Buffer.alloc(16);
    uint24(head, 0, 0); // x / 2
    uint24(head, 0, 3); // y / 2
    uint24(head, width - 1, 6);
    uint24(head, height - 1, 9);
    uint24(head, frameMs, 12);
    head[15] = 0x02; // do not blend, no disposal: each frame covers the canvas
    return chunk('ANMF', Buffer.concat([head, ...imageChunksOf(still)]));
  });
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunk('VP8X', vp8x), chunk('ANIM', anim), ...frames]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** A still WebP's image chunks (ALPH, VP8, VP8L), without its RIFF header or metadata. */
function imageChunksOf(still: Uint8Array): Buffer[] {
  const buf = Buffer.from(still.buffer, still.byteOffset, still.byteLength);
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') throw new Error('libwebp gave a frame that is not a WebP file');
  const out: Buffer[] = [];
  for (let at = 12; at + 8 <= buf.length; ) {
    const size = buf.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (['ALPH', 'VP8 ', 'VP8L'].includes(buf.toString('latin1', at, at + 4))) out.push(buf.subarray(at, end));
    at = end;
  }
  return out;
}
