// A time-lapse as a video file: WebM or MP4, both VP9. Frames (RGB, date order) are encoded by libvpx compiled to
// WebAssembly (@libav.js/variant-webm-vp9: no binary to download, the same in Electron, browser mode and the CLI)
// in worker threads, and the packets muxed by mediabunny (pure TypeScript) into one container or the other.
// Why VP9 in MP4 too: no H.264 encoder installs from npm without a native binary; VP9 in MP4 (the ISO binding,
// `vp09`) plays in Chromium, Firefox, Safari 14+, VLC and Windows' player.
// Every frame is a key frame: each is a different scene, so predicting one from the last saved little (a third of the
// bytes) and cost more time than it saved (libvpx's motion search: 1.6× slower), and a player shows any frame exactly.
// That also lets the run of frames be cut into contiguous parts, one thread each, whose packets follow one another as
// one valid stream: on two cores that halves the wait.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as Mediabunny from 'mediabunny';

import { VIDEO_FORMATS, type VideoFormat } from '../../../shared/calls/figure';

export const isVideoFormat = (f: string): f is VideoFormat => (VIDEO_FORMATS as readonly string[]).includes(f);

export interface VideoOptions {
  /** Where to write (the output guard's temporary). */
  path: string;
  /** The frames' size; a video's must be even, so an odd one is padded by repeating the last column or row. */
  width: number;
  height: number;
  frameMs: number;
  format: VideoFormat;
  signal?: AbortSignal | undefined;
  /** Frames encoded so far of the total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Encoding threads (default: one per core, at most 4). */
  threads?: number;
}

export interface VideoResult {
  /** The video's size: the frames' size, made even. */
  width: number;
  height: number;
  /** Said to the analyst: the size changed. */
  notes: string[];
}

const MAX_THREADS = 4;
/**
 * libvpx's settings. realtime at cpu-used 8 is its quickest (good is 5–10× slower in WebAssembly, and single-threaded);
 * constant quality 30 keeps the date stamp's 14 px text clean at 1280 px (checked against the stamp rendered apart,
 * video.test.ts) at about 120 kB a frame.
 */
const QUALITY = { deadline: 'realtime', 'cpu-used': '8', crf: '30', 'b:v': '0' };
/** The colours are sRGB converted with BT.709's matrix to limited range, and tagged so. */
const COLOUR = { colorspace: 'bt709', color_primaries: 'bt709', color_trc: 'bt709', color_range: 'tv' };

/** The smallest VP9 level whose picture size holds w×h (the codec string's, written into MP4's vpcC). */
function vp9Level(w: number, h: number): string {
  const levels: [number, string][] = [[36864, '10'], [73728, '11'], [122880, '20'], [245760, '21'], [552960, '30'], [983040, '31'], [2228224, '40'], [8912896, '50'], [35651584, '60']];
  return (levels.find(([max]) => w * h <= max) ?? levels[levels.length - 1]!)[1];
}

/**
 * A package's file by Node's resolution (libav.js is handed to the encoding threads by path): the CommonJS bundle has
 * `require`; tests run as ESM from the repository, where a require rooted at the working folder finds the same package.
 */
function packageRequire(): NodeJS.Require {
  return typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
}

interface EncodedPart {
  data: Uint8Array;
  key: boolean;
  /** Milliseconds from the start. */
  pts: number;
}

/**
 * One encoding thread: its source is this function's text (a `new Worker(…, { eval: true })`, as
 * imagery/mbtilesFile.ts does), so it needs no bundled file of its own and runs alike from the sources and the
 * bundles. It takes `{ i, rgb }` messages, frame i of the run, and answers each with its packets; `{ end: true }`
 * flushes the encoder. It may use nothing from outside but `load` (the thread's `require`) and its workerData.
 */
function encodingThread(load: NodeJS.Require) {
  // `require` comes in as a parameter: a bundler rewrites a free `require` in this text (esbuild's ESM output makes it
  // `__require`, which the thread does not have), never a parameter.
  const { parentPort, workerData } = load('node:worker_threads');
  const LibAV = load(workerData.libav);
  const { width: W, height: H, srcWidth: SW, srcHeight: SH, frameMs, first, options } = workerData;
  const ysz = W * H;
  const cw = W / 2;
  const csz = cw * (H / 2);
  const layout = [{ offset: 0, stride: W }, { offset: ysz, stride: cw }, { offset: ysz + csz, stride: cw }];
  // RGB → Y'CbCr 4:2:0, BT.709, limited range, ×256 fixed point; an odd last column or row is repeated.
  const toYuv = (rgb: Uint8Array) => {
    const out = new Uint8Array(ysz + 2 * csz);
    for (let y = 0; y < H; y++) {
      const row = Math.min(y, SH - 1) * SW * 3;
      for (let x = 0, o = y * W; x < W; x++, o++) {
        const s = row + Math.min(x, SW - 1) * 3;
        // 4224: 16 (the limited range's black) × 256, and a half for rounding.
        out[o] = (4224 + 47 * rgb[s]! + 157 * rgb[s + 1]! + 16 * rgb[s + 2]!) >> 8;
      }
    }
    for (let y = 0; y < H / 2; y++) {
      const r0 = Math.min(2 * y, SH - 1) * SW * 3;
      const r1 = Math.min(2 * y + 1, SH - 1) * SW * 3;
      for (let x = 0; x < cw; x++) {
        const a = Math.min(2 * x, SW - 1) * 3;
        const b = Math.min(2 * x + 1, SW - 1) * 3;
        const r = rgb[r0 + a]! + rgb[r0 + b]! + rgb[r1 + a]! + rgb[r1 + b]!;
        const g = rgb[r0 + a + 1]! + rgb[r0 + b + 1]! + rgb[r1 + a + 1]! + rgb[r1 + b + 1]!;
        const bl = rgb[r0 + a + 2]! + rgb[r0 + b + 2]! + rgb[r1 + a + 2]! + rgb[r1 + b + 2]!;
        // The sums are of four pixels: >> 10 is /4 and /256.
        out[ysz + y * cw + x] = (131072 + 512 - 26 * r - 86 * g + 112 * bl) >> 10;
        out[ysz + csz + y * cw + x] = (131072 + 512 + 112 * r - 102 * g - 10 * bl) >> 10;
      }
    }
    return out;
  };
  let chain = (async () => {
    const libav = await LibAV.LibAV({ noworker: true });
    await libav.av_log_set_level(libav.AV_LOG_ERROR);
    const [, c, frame, pkt] = await libav.ff_init_encoder('libvpx-vp9', {
      ctx: { width: W, height: H, pix_fmt: libav.AV_PIX_FMT_YUV420P, gop_size: 1, bit_rate: 0 },
      time_base: [1, 1000],
      options,
    });
    return { libav, c, frame, pkt };
  })();
  const send = (packets: { data: Uint8Array; flags: number; pts: number }[], done: boolean, i?: number) => {
    const out = packets.map((p) => ({ data: p.data, key: (p.flags & 1) === 1, pts: p.pts }));
    parentPort.postMessage({ i, done, packets: out }, out.map((p) => p.data.buffer));
  };
  parentPort.on('message', (m: { i: number; rgb: Uint8Array } | { end: true }) => {
    chain = chain.then(async (e) => {
      if ('end' in m) {
        send(await e.libav.ff_encode_multi(e.c, e.frame, e.pkt, [], true), true);
        return e;
      }
      const frame = { data: toYuv(m.rgb), format: e.libav.AV_PIX_FMT_YUV420P, width: W, height: H, layout, pts: (first + m.i) * frameMs };
      send(await e.libav.ff_encode_multi(e.c, e.frame, e.pkt, [frame]), false, m.i);
      return e;
    });
    // A failure ends the thread with it, which the caller hears as the worker's error.
    chain.catch((err) => {
      throw err;
    });
  });
}

/** Encodes frames[from, to) on one thread; `onFrame` after each; all the run's packets, in decode order. */
function encodeRun(
  frames: Uint8Array[],
  from: number,
  to: number,
  data: Record<string, unknown>,
  onFrame: () => void,
  workers: Set<Worker>,
): Promise<EncodedPart[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(${encodingThread.toString()})(require)`, { eval: true, workerData: { ...data, first: from } });
    workers.add(worker);
    const packets: EncodedPart[] = [];
    let next = from;
    let settled = false;
    // Two frames in flight: the thread always has the next one while this thread copies the one after.
    const post = () => {
      if (next < to) {
        const i = next++;
        // A copy of its own, moved (not cloned) to the thread: a frame may be a view on a larger buffer.
        const rgb = new Uint8Array(frames[i]!);
        worker.postMessage({ i: i - from, rgb }, [rgb.buffer]);
      } else if (next === to) {
        next++;
        worker.postMessage({ end: true });
      }
    };
    worker.on('message', (m: { done: boolean; packets: EncodedPart[] }) => {
      packets.push(...m.packets);
      if (m.done) {
        settled = true;
        void worker.terminate();
        workers.delete(worker);
        resolve(packets);
        return;
      }
      onFrame();
      post();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`The video encoder failed: ${e.message}`));
    });
    worker.once('exit', (code) => {
      workers.delete(worker);
      if (!settled) reject(new Error(`The video encoder stopped (exit code ${code}).`));
    });
    post();
    post();
  });
}

/** Writes `frames` (RGB, width×height×3 each, date order) as a WebM or MP4 (VP9) video, each shown frameMs. */
export async function encodeVideo(frames: Uint8Array[], opts: VideoOptions): Promise<VideoResult> {
  const { width: sw, height: sh, frameMs } = opts;
  for (const [i, f] of frames.entries()) {
    if (f.length !== sw * sh * 3) throw new Error(`Frame ${i + 1} has ${f.length} bytes, not ${sw}×${sh}×3.`);
  }
  const width = sw + (sw & 1);
  const height = sh + (sh & 1);
  const padded = [width !== sw ? 'column' : '', height !== sh ? 'row' : ''].filter(Boolean);
  const notes = padded.length ? [`The video is ${width}×${height}, not ${sw}×${sh}: a video's sides must be even, so the last ${padded.join(' and ')} of pixels ${padded.length === 2 ? 'are' : 'is'} repeated.`] : [];
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(os.availableParallelism(), MAX_THREADS), frames.length));
  const data = {
    // Packaged, libav.js is unpacked beside the archive (electron-builder.yml): a thread requires it by a real path.
    libav: packageRequire().resolve('@libav.js/variant-webm-vp9').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
    width,
    height,
    srcWidth: sw,
    srcHeight: sh,
    frameMs,
    options: { ...QUALITY, ...COLOUR },
  };
  const workers = new Set<Worker>();
  const stop = () => {
    for (const w of workers) void w.terminate();
  };
  let done = 0;
  // A cancel stops the threads at once (libvpx is mid-frame): the call ends without waiting for them.
  let abort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    abort = () => {
      stop();
      reject(new Error('cancelled'));
    };
  });
  cancelled.catch(() => {});
  if (opts.signal?.aborted) abort();
  opts.signal?.addEventListener('abort', abort, { once: true });
  let parts: EncodedPart[][];
  try {
    const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.round((k * frames.length) / threads));
    parts = await Promise.race([
      cancelled,
      Promise.all(bounds.slice(0, -1).map((from, k) => encodeRun(frames, from, bounds[k + 1]!, data, () => opts.onProgress?.(++done, frames.length), workers))),
    ]);
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    stop();
  }

  // Loaded on use, and only here: its 1.5 MB stay out of every start (the bundles turn import() into require).
  const mb: typeof Mediabunny = await import('mediabunny');
  const output = new mb.Output({ format: opts.format === 'mp4' ? new mb.Mp4OutputFormat({ fastStart: 'in-memory' }) : new mb.WebMOutputFormat(), target: new mb.BufferTarget() });
  const source = new mb.EncodedVideoPacketSource('vp9');
  output.addVideoTrack(source, { frameRate: 1000 / frameMs });
  await output.start();
  const decoderConfig = {
    codec: `vp09.00.${vp9Level(width, height)}.08`,
    codedWidth: width,
    codedHeight: height,
    colorSpace: { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false } as const,
  };
  let first = true;
  for (const p of parts.flat()) {
    // Each packet shows for frameMs: the last one's duration is what makes the whole last frame count.
    await source.add(new mb.EncodedPacket(p.data, p.key ? 'key' : 'delta', p.pts / 1000, frameMs / 1000), first ? { decoderConfig } : undefined);
    first = false;
  }
  await output.finalize();
  if (opts.signal?.aborted) throw new Error('cancelled');
  fs.writeFileSync(opts.path, new Uint8Array(output.target.buffer!));
  return { width, height, notes };
}
