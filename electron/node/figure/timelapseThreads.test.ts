// A time-lapse drawn in worker threads (the bundled timelapseWorker, as the app and the CLI run it): the same file as
// drawn in the asking thread, frames in date order; a failing thread is a clear refusal; a cancel ends the threads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimelapseResult } from '../../../shared/calls/figure';
import { QuaywatchError } from '../errors';
import { makeTestProject, type TestProject } from '../export/testProject';
import { ProjectStore } from '../store/projectStore';
import { buildChild, ROOT } from '../../testing/buildChild';
import { runningFrameThreads } from './framePool';
import { makeTimelapse, type TimelapseRequest, type TimelapseRun } from './timelapse';

let tp: TestProject;
let store: ProjectStore;
let out: string;
let workerFile: string;

/** Time-lapse threads running, once those stopping have stopped. */
async function threadsLeft(): Promise<number> {
  for (let t = 0; t < 50 && runningFrameThreads() > 0; t++) await new Promise((r) => setTimeout(r, 20));
  return runningFrameThreads();
}

const request = (file: string, format: 'gif' | 'webp'): TimelapseRequest => ({
  format,
  path: path.join(out, file),
  overwrite: false,
  frame: { zone: 'Pier 1' },
  from: '2024-12-10',
  to: '2024-12-31',
  width: 360,
  frameMs: 400,
  obscured: 'grey',
  marks: true,
  style: 'dark',
});

beforeAll(async () => {
  tp = await makeTestProject();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-timelapse-threads-'));
  // The worker bundle loads its packages (sharp, gifenc) from beside it, as dist/electron's does.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  workerFile = await buildChild('electron/node/figure/timelapseWorker.ts', path.join(out, 'timelapseWorker.cjs'));
  store = ProjectStore.open(tp.file, { author: 'Test Analyst' });
}, 120_000);

afterAll(() => {
  store?.close();
  tp?.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

/** Runs a time-lapse, noting the most time-lapse threads running while frames were drawn. */
async function withThreads(req: TimelapseRequest, run: TimelapseRun): Promise<{ result: TimelapseResult; most: number }> {
  let most = 0;
  const result = await makeTimelapse(store, req, { ...run, onProgress: (...a) => ((most = Math.max(most, runningFrameThreads())), run.onProgress?.(...a)) });
  return { result, most };
}

describe('time-lapse frames in worker threads', () => {
  it.each(['gif', 'webp'] as const)('%s: the same file, byte for byte, as drawn in one thread: every frame in date order', async (format) => {
    const here = await withThreads(request(`here.${format}`, format), { workerFile: null });
    const there = await withThreads(request(`threads.${format}`, format), { workerFile });
    expect(here.result.frames).toBeGreaterThan(5);
    expect(there.result).toMatchObject({ frames: here.result.frames, width: here.result.width, height: here.result.height });
    // Two threads while it ran, none left after.
    expect([here.most, there.most]).toEqual([0, 2]);
    expect(await threadsLeft()).toBe(0);
    expect(fs.readFileSync(there.result.file).equals(fs.readFileSync(here.result.file))).toBe(true);
  }, 120_000);

  it('a thread that fails is a clear refusal, and nothing is written', async () => {
    const broken = path.join(out, 'brokenWorker.cjs');
    // A thread that dies on its first frame, as one out of memory would.
    fs.writeFileSync(broken, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('out of memory'); });");
    const req = request('broken.gif', 'gif');
    const failed = await makeTimelapse(store, req, { workerFile: broken }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(QuaywatchError);
    expect(failed).toMatchObject({ code: 'internal', message: 'The time-lapse could not be made: a drawing thread failed (out of memory); nothing was written.' });
    expect(fs.readdirSync(out).filter((f) => f.startsWith('broken.gif'))).toEqual([]);
  }, 60_000);

  it('a cancel while the threads draw ends them at once, and nothing is written', async () => {
    const controller = new AbortController();
    let most = 0;
    const req = request('cancelled.webp', 'webp');
    const t0 = performance.now();
    const cancelled = await makeTimelapse(store, req, {
      workerFile,
      signal: controller.signal,
      onProgress: (done) => {
        most = Math.max(most, runningFrameThreads());
        if (done === 1) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toMatchObject({ code: 'cancelled', message: 'Time-lapse cancelled: nothing was written.' });
    expect(most).toBe(2);
    expect(await threadsLeft()).toBe(0);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(fs.readdirSync(out).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  }, 60_000);
});
