// Worker thread of a time-lapse (bundled as dist/electron/timelapseWorker.cjs, run by framePool.ts): draws frames and
// encodes GIF frames, one task at a time, from plain data. A task's error is answered, not thrown: the pool words it.
import { parentPort } from 'node:worker_threads';
import { QuaywatchError } from '../errors';
import { gifFrame } from './animation';
import type { FrameAnswer, FrameTask } from './framePool';
import { drawFrame, sourcePixels } from './timelapseFrames';

async function perform(task: FrameTask): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (task.kind === 'gif') {
    const bytes = gifFrame(task.rgb, task.width, task.height, task.frameMs);
    return { value: bytes, transfer: [bytes.buffer as ArrayBuffer] };
  }
  const { source } = task.job;
  if (source.kind === 'project-tiles') throw new Error('a frame whose tiles are in the project is drawn by the thread that holds the project');
  const frame = await drawFrame(task.job, await sourcePixels(source));
  // libvips' buffer cannot be handed over; a copy of ours can, without a second copy on the way.
  const data = new Uint8Array(frame.data);
  return { value: { ...frame, data }, transfer: [data.buffer] };
}

parentPort!.on('message', (task: FrameTask) => {
  perform(task).then(
    ({ value, transfer }) => parentPort!.postMessage({ ok: true, value } satisfies FrameAnswer, transfer),
    (e: Error) => parentPort!.postMessage({ ok: false, error: { message: e.message, ...(e instanceof QuaywatchError ? { code: e.code } : {}) } } satisfies FrameAnswer),
  );
});
