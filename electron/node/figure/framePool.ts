// The time-lapse's worker threads (at most two): they draw frames (timelapseFrames.ts) and encode GIF frames
// (animation.ts), so the thread that asked (the host's, serving the page) stays free while a time-lapse runs. Each
// task is plain data, never the store; each thread does one task at a time, taking the next as it finishes. The
// threads are ended when the time-lapse ends, fails or is cancelled: a task not finished then is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/api';
import { QuaywatchError } from '../errors';
import type { DrawnFrame, FrameJob } from './timelapseFrames';

/** The bundled worker, beside the bundle that runs this (dist/electron/); null from sources or an ES-module bundle. */
export function timelapseWorkerFile(): string | null {
  if (typeof __dirname !== 'string') return null;
  const file = path.join(__dirname, 'timelapseWorker.cjs');
  return fs.existsSync(file) ? file : null;
}

/** Two threads: the machine the budget is set on has two cores, and the host must keep a share of them. */
export const defaultFrameThreads = () => Math.max(1, Math.min(2, os.availableParallelism()));

export type FrameTask = { kind: 'draw'; job: FrameJob } | { kind: 'gif'; rgb: Uint8Array; width: number; height: number; frameMs: number };
/** A worker's answer to one task. */
export type FrameAnswer = { ok: true; value: unknown } | { ok: false; error: { message: string; code?: ErrorCode } };

/** Threads of every pool that have started and not yet stopped, in this process. */
let running = 0;
export const runningFrameThreads = () => running;

interface Task {
  task: FrameTask;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class FramePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private failed: Error | null = null;

  constructor(file: string, threads: number) {
    for (let i = 0; i < threads; i++) {
      // Tasks carry all a thread needs; the empty workerData is for Vitest, whose module hooks, inherited by worker
      // threads, read it (nmeaDecoding.ts's threads get theirs).
      const w = new Worker(file, { workerData: {} });
      w.on('message', (answer: FrameAnswer) => {
        const t = this.busy.get(w);
        this.busy.delete(w);
        this.idle.push(w);
        if (t && answer.ok) t.resolve(answer.value);
        // A refusal the worker knows (a QuaywatchError) keeps its code and words; anything else says where it came from.
        else if (t && !answer.ok) t.reject(answer.error.code ? new QuaywatchError(answer.error.code, answer.error.message) : threadError(answer.error.message));
        this.pump();
      });
      w.on('error', (e) => this.fail(threadError(e.message)));
      w.on('exit', (code) => this.fail(threadError(`the thread stopped (exit code ${code})`)));
      running++;
      w.once('exit', () => running--);
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Threads running. */
  get threads(): number {
    return this.workers.length;
  }

  draw(job: FrameJob): Promise<DrawnFrame> {
    return this.run({ kind: 'draw', job }) as Promise<DrawnFrame>;
  }

  gifFrame(rgb: Uint8Array, width: number, height: number, frameMs: number): Promise<Uint8Array> {
    return this.run({ kind: 'gif', rgb, width, height, frameMs }) as Promise<Uint8Array>;
  }

  /** Ends the threads at once (what they were doing is dropped); tasks not finished are refused with `why`. */
  async close(why: Error = new QuaywatchError('cancelled', 'Time-lapse cancelled: nothing was written.')): Promise<void> {
    const workers = this.workers.splice(0);
    this.fail(why);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private run(task: FrameTask): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (!this.failed && this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const t = this.queue.shift()!;
      this.busy.set(w, t);
      w.postMessage(t.task);
    }
  }

  private fail(e: Error) {
    if (this.failed) return;
    this.failed = e;
    for (const t of [...this.busy.values(), ...this.queue.splice(0)]) t.reject(e);
    this.busy.clear();
  }
}

const threadError = (why: string) => new QuaywatchError('internal', `The time-lapse could not be made: a drawing thread failed (${why}); nothing was written.`);
