// Where an AIS import's NMEA chunks are read (readNmeaBatch): in worker threads beside the importing
// thread when the bundled worker is there, so decoding (ggencoder, the larger part of an import's
// time) runs while the importing thread checks duplicates and writes rows; else in the importing
// thread itself, with the same code and the same results. Answers come back in the order asked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PolygonGeometry } from '../../../shared/domain';
import { KeepArea } from './area';
import { readNmeaBatch, type NmeaBatch, type NmeaBatchArea } from './nmeaBatch';

/**
 * The bundled worker, beside the bundle that runs this (dist/electron/); null when run from sources
 * (tests, which build it: nmeaDecoding.test.ts) or from an ES-module bundle, which have no __dirname.
 */
export function nmeaDecodeWorkerFile(): string | null {
  if (typeof __dirname !== 'string') return null;
  const file = path.join(__dirname, 'nmeaDecodeWorker.cjs');
  return fs.existsSync(file) ? file : null;
}

/**
 * Decoding threads: two on a two-core machine (the importing thread writes meanwhile and the
 * scheduler shares the cores between the three), at most four.
 */
export function defaultDecodeThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/**
 * A decoding thread's young generation (MB): a chunk's typed arrays and strings stay alive while it is
 * read, and every collection of the young generation copies them; a larger one collects less often
 * (V8's default gave a sixth of a thread's time to collecting).
 */
const YOUNG_GENERATION_MB = 96;

export interface NmeaDecodingOptions {
  /** The worker's bundled file; null reads in this thread. Default: nmeaDecodeWorkerFile(). */
  workerFile?: string | null;
  threads?: number;
  /** Bytes read at a time, one chunk (default 1 MiB; tests make chunk edges fall between fragments). */
  chunkBytes?: number;
}

interface Waiting {
  resolve: (b: NmeaBatch) => void;
  reject: (e: Error) => void;
}

export class NmeaDecoding {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private readonly area: KeepArea;
  private nextId = 0;
  private failed: Error | null = null;

  constructor(polygons: PolygonGeometry[], bufferKm: number, opts: NmeaDecodingOptions = {}) {
    this.area = new KeepArea(polygons, bufferKm);
    const file = opts.workerFile === undefined ? nmeaDecodeWorkerFile() : opts.workerFile;
    if (file === null) return;
    const data: NmeaBatchArea = { polygons, bufferKm };
    for (let i = 0; i < (opts.threads ?? defaultDecodeThreads()); i++) {
      const w = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      w.on('message', ({ id, batch }: { id: number; batch: NmeaBatch }) => {
        const waiting = this.waiting.get(id);
        this.waiting.delete(id);
        waiting?.resolve(batch);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => this.fail(new Error(`The AIS decoding thread stopped (exit code ${code}).`)));
      this.workers.push(w);
    }
  }

  /** Worker threads reading chunks (0: they are read in this thread). */
  get threads(): number {
    return this.workers.length;
  }

  /** Reads one chunk of whole lines. */
  read(text: string): Promise<NmeaBatch> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.workers.length === 0) {
      try {
        return Promise.resolve(readNmeaBatch(text, this.area));
      } catch (e) {
        return Promise.reject(e as Error);
      }
    }
    const id = this.nextId++;
    const promise = new Promise<NmeaBatch>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.workers[id % this.workers.length]!.postMessage({ id, text });
    return promise;
  }

  /** Stops the threads; chunks still being read are dropped (their promises never settle). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const w of workers) w.removeAllListeners('exit');
    this.waiting.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private fail(e: Error) {
    if (this.failed) return;
    this.failed = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
