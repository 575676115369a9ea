// figure.timelapse: one frame per scene of a zone or view across a day range, each drawn by THE figure composer
// (compose.ts: the scene's pixels, marks, date and time, sensor, credit; an obscured scene greyed with "obscured") in
// worker threads (framePool.ts), encoded as one animation (animation.ts), written through the output guard.
// Frames are rendered first and the file written last, so a cancel or a failure leaves nothing under the name.
import fs from 'node:fs';
import type { z } from 'zod';
import type { figureCalls, TimelapseFormat, TimelapseResult } from '../../../shared/calls/figure';
import type { Scene, SightingClass } from '../../../shared/domain';
import { parseIsoDate, utcWhen } from '../../../shared/dates';
import { dayRange, planTimelapse, type TimelapseFraming } from '../../../shared/timelapse';
import { QuaywatchError } from '../errors';
import { loadProjectData } from '../export/projectData';
import { localPixels } from '../imagery/localPixels';
import { checkOutputPath, writeOutput } from '../output/outputGuard';
import type { ProjectStore } from '../store/projectStore';
import { encodeAnimation } from './animation';
import { defaultFrameThreads, FramePool, timelapseWorkerFile } from './framePool';
import { resolveFrame, resolveZone } from './saveFigure';
import { encodeVideo, isVideoFormat, type VideoResult } from './video';
import { drawFrame, frameSourceOf, sourcePixels, type DrawnFrame, type FrameJob } from './timelapseFrames';

export type TimelapseRequest = z.output<(typeof figureCalls)['figure.timelapse']['request']>;

export interface TimelapseRun {
  signal?: AbortSignal;
  /** Frames drawn so far of the total (the last step is the encoding), and what is being done. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Waits for scenes still being written (the demo's first start), as reports and stills do. */
  scenesWritten?: (scenes: Scene[]) => Promise<void>;
  /** The bundled worker (framePool.ts); null draws in this thread. Default: beside the running bundle, if there. */
  workerFile?: string | null;
}

const FORMAT_NAME: Record<TimelapseFormat, string> = { gif: 'GIF', webp: 'WebP', webm: 'WebM', mp4: 'MP4' };

export const cancelled = () => new QuaywatchError('cancelled', 'Time-lapse cancelled: nothing was written.');

function dayOf(text: string | undefined, which: 'from' | 'to'): string | undefined {
  if (text === undefined || text === '') return undefined;
  const day = parseIsoDate(text);
  if (typeof day !== 'string') throw new QuaywatchError('invalid_request', `The ${which} day: ${day.error}`);
  return day;
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

  await run.scenesWritten?.(plan.frames.map((f) => f.scene));

  // One legend for the whole animation (the classes marked on any frame), so frames keep one size and the legend does not flicker.
  const sceneIds = new Set(plan.frames.map((f) => f.scene.id));
  const marked = req.marks ? data.sightings.filter((s) => sceneIds.has(s.sceneId)) : [];
  const legend: SightingClass[] = [...new Set(marked.map((s) => s.class))];
  // Drawing is a step per frame; a video's encoding (seconds a frame) is one more per frame; writing the file is the last.
  const total = plan.frames.length * (isVideoFormat(req.format) ? 2 : 1) + 1;
  const progress = (done: number, label: string) => run.onProgress?.(done, total, label);

  const jobs: FrameJob[] = plan.frames.map(({ scene, obscured }, index) => ({
    index,
    frame,
    scene,
    source: frameSourceOf(store, scene),
    width: req.width,
    style: req.style,
    marks: req.marks ? { sightings: marked.filter((s) => s.sceneId === scene.id), vessels: data.vessels, tracks: data.tracks } : null,
    legend,
    obscured,
  }));
  const workerFile = run.workerFile === undefined ? timelapseWorkerFile() : run.workerFile;
  const pool = workerFile ? new FramePool(workerFile, Math.min(defaultFrameThreads(), jobs.length)) : null;
  // A cancel ends the threads at once, whatever frame they are on.
  const onAbort = () => void pool?.close(cancelled());
  run.signal?.addEventListener('abort', onAbort);
  try {
    const frames = await drawFrames(store, jobs, pool, run.signal, (n, job) =>
      progress(n, `frame ${n} of ${jobs.length}: ${utcWhen(job.scene.acquired)}${job.obscured ? ' (obscured)' : ''}`),
    );
    const { width, height } = frames[0]!;
    const format = req.format;
    progress(plan.frames.length, `encoding ${FORMAT_NAME[format]}`);
    let video: VideoResult | undefined;
    await writeOutput(store, target, { overwrite: req.overwrite }, async (tmp) => {
      const pictures = frames.map((f) => f.data);
      if (isVideoFormat(format)) {
        const onProgress = (d: number, n: number) => progress(plan.frames.length + d, `encoding ${FORMAT_NAME[format]}: frame ${d} of ${n}`);
        video = await encodeVideo(pictures, { path: tmp, width, height, frameMs: req.frameMs, format, signal: run.signal, onProgress }).catch((e: unknown) => {
          throw run.signal?.aborted ? cancelled() : e;
        });
      } else await encodeAnimation(pictures, { width, height, format, frameMs: req.frameMs, signal: run.signal, pool }, tmp);
      // An encoder that cannot be stopped mid-file: a cancel that came meanwhile still leaves nothing behind.
      if (run.signal?.aborted) throw cancelled();
    });
    progress(total, 'done');
    // A video's size may differ from the frames' (made even); its notes say so.
    const made: Partial<VideoResult> = video ?? {};
    const notes = [...framesSaid(frames), ...(made.notes ?? [])];
    return { file: target, format, width: made.width ?? width, height: made.height ?? height, frames: plan.frames.length, skipped: plan.skipped, bytes: fs.statSync(target).size, millis: Math.round(performance.now() - t0), ...(notes.length ? { notes } : {}) };
  } finally {
    run.signal?.removeEventListener('abort', onAbort);
    await pool?.close(cancelled());
  }
}

/**
 * Every frame, in date order, drawn two at a time: by the worker threads when there are (tiles copied into the project
 * are read here, through the store), else here (geotiff.js reads and libvips work overlap while a frame is warped).
 * `onFrame(n, job)` as the n-th is done. All frames are the first one's size.
 */
async function drawFrames(store: ProjectStore, jobs: FrameJob[], pool: FramePool | null, signal: AbortSignal | undefined, onFrame: (n: number, job: FrameJob) => void): Promise<DrawnFrame[]> {
  const frames: DrawnFrame[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      if (signal?.aborted) throw cancelled();
      const job = jobs[next++]!;
      const { source } = job;
      if (source.kind !== 'project-tiles' && pool) frames[job.index] = await pool.draw(job);
      else frames[job.index] = await drawFrame(job, source.kind === 'project-tiles' ? await localPixels(store, job.scene) : await sourcePixels(source));
      onFrame(++done, job);
    }
  };
  await Promise.all(Array.from({ length: Math.min(pool?.threads ?? 2, jobs.length) }, lane));
  if (signal?.aborted) throw cancelled();
  const { width, height } = frames[0]!;
  for (const f of frames) {
    if (f.width !== width || f.height !== height) throw new QuaywatchError('internal', `Frame ${f.index + 1} came out ${f.width}×${f.height}, not ${width}×${height} like the first.`);
  }
  return frames;
}

/** What the frames' composer said (a scene without pixels here, one covering part of the frame), a few at most. */
function framesSaid(frames: DrawnFrame[]): string[] {
  const said = frames.flatMap((f) => f.notes);
  const SHOWN = 4;
  return said.length > SHOWN ? [...said.slice(0, SHOWN), `And ${said.length - SHOWN} more frames like these.`] : said;
}
