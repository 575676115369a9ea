// figure.timelapse: one frame per scene of a zone or view across a day range, each drawn by THE figure composer
// (compose.ts: the scene's pixels, marks, date and time, sensor, credit; an obscured scene greyed with "obscured"),
// encoded by sharp (libvips: cgif for GIF, libwebp for WebP) as one animation, written through the output guard.
// Frames are rendered first and the file written last, so a cancel or a failure leaves nothing under the name.
import fs from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import type { z } from 'zod';
import type { figureCalls, TimelapseFormat, TimelapseResult } from '../../../shared/calls/figure';
import type { SightingClass } from '../../../shared/domain';
import { parseIsoDate } from '../../../shared/dates';
import { dayRange, planTimelapse, type TimelapseFraming } from '../../../shared/timelapse';
import { QuaywatchError } from '../errors';
import { loadProjectData } from '../export/projectData';
import { localPixels } from '../imagery/localPixels';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import type { ProjectStore } from '../store/projectStore';
import { renderFigurePixels, utcWhen } from './compose';
import { resolveFrame, resolveZone } from './saveFigure';
import { encodeVideo, isVideoFormat, type VideoResult } from './video';

export type TimelapseRequest = z.output<(typeof figureCalls)['figure.timelapse']['request']>;

export interface TimelapseRun {
  signal?: AbortSignal;
  /** Frames drawn so far of the total (the last step is the encoding), and what is being done. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** Frames drawn at once: geotiff.js reads and libvips work overlap while one frame is warped in JS. */
const CONCURRENCY = 2;

const FORMAT_NAME: Record<TimelapseFormat, string> = { gif: 'GIF', webp: 'WebP', webm: 'WebM', mp4: 'MP4' };

export const cancelled = () => new QuaywatchError('cancelled', 'Time-lapse cancelled: nothing was written.');

function dayOf(text: string | undefined, which: 'from' | 'to'): string | undefined {
  if (text === undefined || text === '') return undefined;
  const day = parseIsoDate(text);
  if (typeof day !== 'string') throw new QuaywatchError('invalid_request', `The ${which} day: ${day.error}`);
  return day;
}

/**
 * The animation's encoder settings. GIF: libimagequant at its quickest effort and light dithering, a palette
 * per frame (satellite scenes differ too much to share one); measured by `npm run bench:timelapse`.
 */
export function encoder(frames: Buffer, width: number, height: number, count: number, format: 'gif' | 'webp', frameMs: number): Sharp {
  const img = sharp(frames, { raw: { width, height: height * count, channels: 3, pageHeight: height }, limitInputPixels: false });
  const delay = Array<number>(count).fill(frameMs);
  return format === 'gif' ? img.gif({ delay, loop: 0, effort: 1, dither: 0.5 }) : img.webp({ delay, loop: 0, quality: 80, effort: 2 });
}

export async function makeTimelapse(store: ProjectStore, req: TimelapseRequest, run: TimelapseRun = {}): Promise<TimelapseResult> {
  const t0 = performance.now();
  // Refused before any work (an existing file without overwrite, the project's own file); checked again at the rename.
  const target = checkOutputPath(store, req.path, { overwrite: req.overwrite }).file;
  const from = dayOf(req.from, 'from');
  const to = dayOf(req.to, 'to');
  if (from && to && from > to) throw new QuaywatchError('invalid_request', `The range ${from} to ${to} ends before it starts.`);
  const data = loadProjectData(store, req.scope);
  const frame = resolveFrame(data, req.frame);
  const framing: TimelapseFraming = 'zone' in req.frame ? { zone: resolveZone(data, req.frame.zone) } : { bbox: req.frame.bbox };
  const plan = planTimelapse(data, framing, dayRange(from, to), req.obscured);
  const place = 'zone' in framing ? `zone ${framing.zone.name}` : 'this view';
  const period = from || to ? ` from ${from ?? 'the first scene'} to ${to ?? 'the last scene'}` : '';
  if (plan.frames.length === 0) {
    const why = plan.skipped ? ` (${plan.skipped} scene${plan.skipped === 1 ? '' : 's'} there obscured it, and obscured scenes are left out: ask for them greyed to see them)` : '';
    throw new QuaywatchError('not_found', `No scene shows ${place}${period}${why}; nothing was written.`);
  }

  // One legend for the whole animation (the classes marked on any frame), so frames keep one size and the legend does not flicker.
  const sceneIds = new Set(plan.frames.map((f) => f.scene.id));
  const marked = req.marks ? data.sightings.filter((s) => sceneIds.has(s.sceneId)) : [];
  const legend: SightingClass[] = [...new Set(marked.map((s) => s.class))];
  const total = plan.frames.length + 1;
  const progress = (done: number, label: string) => run.onProgress?.(done, total, label);

  let size: { width: number; height: number } | null = null;
  let stack: Buffer | null = null;
  let done = 0;
  const drawOne = async (i: number) => {
    const { scene, obscured } = plan.frames[i]!;
    const pic = await renderFigurePixels({
      frame,
      scenes: [{ scene, pixels: await localPixels(store, scene) }],
      layout: 'single',
      split: 0.5,
      width: req.width,
      style: req.style,
      ...(req.marks ? { sightings: marked, vessels: data.vessels, tracks: data.tracks } : {}),
      legend,
      obscured,
    });
    if (run.signal?.aborted) throw cancelled();
    if (!size) {
      size = { width: pic.width, height: pic.height };
      stack = Buffer.alloc(size.width * size.height * 3 * plan.frames.length);
    }
    if (pic.width !== size.width || pic.height !== size.height) {
      throw new QuaywatchError('internal', `Frame ${i + 1} came out ${pic.width}×${pic.height}, not ${size.width}×${size.height} like the first.`);
    }
    // RGBA → RGB into the frame's page: the animation is opaque, and three channels encode faster.
    const page = i * size.width * size.height * 3;
    for (let s = 0, d = page; s < pic.data.length; s += 4, d += 3) {
      stack![d] = pic.data[s]!;
      stack![d + 1] = pic.data[s + 1]!;
      stack![d + 2] = pic.data[s + 2]!;
    }
    progress(++done, `frame ${done} of ${plan.frames.length}: ${utcWhen(scene.acquired)}${obscured ? ' (obscured)' : ''}`);
  };
  let next = 0;
  const worker = async () => {
    while (next < plan.frames.length) {
      if (run.signal?.aborted) throw cancelled();
      await drawOne(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, plan.frames.length) }, worker));

  const { width, height } = size!;
  progress(plan.frames.length, `encoding ${FORMAT_NAME[req.format]}`);
  let video: VideoResult | undefined;
  await writeOutput(store, target, { overwrite: req.overwrite }, async (tmp) => {
    const format = req.format;
    if (isVideoFormat(format)) {
      const pageBytes = width * height * 3;
      const frames = Array.from({ length: plan.frames.length }, (_, i) => stack!.subarray(i * pageBytes, (i + 1) * pageBytes));
      video = await encodeVideo(frames, { path: tmp, width, height, frameMs: req.frameMs, format, signal: run.signal, onProgress: (d, n) => progress(plan.frames.length, `encoding ${FORMAT_NAME[format]}: frame ${d} of ${n}`) }).catch((e: unknown) => {
        throw run.signal?.aborted ? cancelled() : e;
      });
    } else await encoder(stack!, width, height, plan.frames.length, format, req.frameMs).toFile(tmp);
    // libvips cannot be stopped mid-file: a cancel that came meanwhile still leaves nothing behind.
    if (run.signal?.aborted) throw cancelled();
  });
  progress(total, 'done');
  // A video's size may differ from the frames' (made even); its notes say so.
  const made: Partial<VideoResult> = video ?? {};
  return { file: target, format: req.format, width: made.width ?? width, height: made.height ?? height, frames: plan.frames.length, skipped: plan.skipped, bytes: fs.statSync(target).size, millis: Math.round(performance.now() - t0), ...(made.notes?.length ? { notes: made.notes } : {}) };
}
