// Writes the demo scenes that have no imagery yet while the demo is already open: the first start
// shows the map at once, the scene the view opens on arrives first, and the project is usable while
// the others arrive. Each scene is recorded (device, inode, size) only once its file is complete, so a
// run killed half-way leaves scenes without imagery that the next opening of the demo writes again.
// The scene the view opens on is copied from dist/electron/demo-scenes/ (scripts/build.mjs renders it with
// the bundled generator, again only when the generator changed); the others are written by a worker thread
// from when one is asked for, or 3 s on (the first draw has the CPU first), each flushed then renamed; the
// imagery route (appHandler.ts) waits for a scene still coming.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectStore } from '../store/projectStore';
import { localImageryIdentity, recordSceneFile, recordedSceneFile } from '../store/sceneFiles';
import { aisImportRunning } from '../store/aisImportLock';
import { demoSceneFiles, removeUnfinishedDemoScenes, writeDemoScene } from './demoImagery';
import type { DemoWorkerData } from './demoImageryWorker';

/**
 * The bundled worker, beside the bundle that runs this (dist/electron/); absent when run from sources
 * (tests) or from an ES-module bundle (the benchmarks), which have no __dirname: then null.
 */
const workerFile = (): string | null => (typeof __dirname === 'string' ? path.join(__dirname, 'demoImageryWorker.cjs') : null);
/**
 * Scenes written at full priority, the first of them building the generator's world (~1 s): at low
 * priority that would starve on a busy machine, and a scene asked for would wait behind it.
 */
const URGENT = 2;
/** When the scene the view opens on is already there: how long writing the others waits for someone to ask for one. */
const IDLE_START_MS = 3000;

interface Pending {
  sceneId: string;
  index: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class DemoImageryWriter {
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | null = null;
  private stopped = false;
  /** Settles when every scene is written (or the writing failed or was stopped). */
  readonly done: Promise<void>;

  /**
   * Starts writing the demo scenes of `store` that have no recorded imagery, or returns null when
   * none is missing. `onProgress` hears (written, total of those missing).
   */
  static start(store: ProjectStore, imageryDir: string, onProgress?: (done: number, total: number) => void): DemoImageryWriter | null {
    if (store.readOnly) return null;
    const unrecorded = store.scenes().filter((scene) => scene.source.kind === 'geotiff' && !recordedSceneFile(store, scene.id));
    // Every start of the demo after the first has nothing to write: it need not build the demo's dataset (~0.1 s) to know.
    if (unrecorded.length === 0) return null;
    const files = demoSceneFiles();
    const missing: { sceneId: string; index: number }[] = [];
    for (const scene of unrecorded) {
      const index = files.indexOf(path.posix.basename((scene.source as { path: string }).path));
      if (index >= 0) missing.push({ sceneId: scene.id, index });
    }
    if (missing.length === 0) return null;
    missing.sort((a, b) => a.index - b.index);
    return new DemoImageryWriter(store, imageryDir, missing, onProgress);
  }

  private constructor(
    private readonly store: ProjectStore,
    private readonly dir: string,
    missing: { sceneId: string; index: number }[],
    onProgress?: (done: number, total: number) => void,
  ) {
    for (const m of missing) {
      let resolve!: () => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => {}); // a waiting request reports it; nobody waiting is not an error
      this.pending.set(m.index, { ...m, promise, resolve, reject });
    }
    fs.mkdirSync(dir, { recursive: true });
    removeUnfinishedDemoScenes(dir);
    const total = missing.length;
    let written = 0;
    onProgress?.(0, total);
    const indices = missing.map((m) => m.index);
    this.done = new Promise<void>((resolve) => {
      const settle = (this.settle = () => {
        if (this.pending.size === 0 || this.stopped) resolve();
      });
      const written_ = (index: number) => {
        this.recordWritten(index);
        onProgress?.(++written, total);
        settle();
      };
      const failed = (e: Error) => {
        for (const p of this.pending.values()) p.reject(new Error(`the demo imagery could not be written: ${e.message}`));
        this.pending.clear();
        resolve();
      };
      let started = false;
      const begin = (this.begin = () => {
        if (started || this.stopped) return;
        started = true;
        this.write(indices, written_, failed, resolve);
      });
      // The scene the view opens on missing: it is needed now. Otherwise (the build shipped it) the first
      // draw has the CPU to itself: writing starts when a scene is asked for (the page preloads the next
      // one once the first is drawn), or after a few seconds of nobody asking.
      if (indices[0] === 0) begin();
      else setTimeout(begin, IDLE_START_MS).unref();
    });
  }

  /** Writes these scenes in order, in the bundled worker thread (else on this thread, scene by scene). */
  private write(indices: number[], written_: (index: number) => void, failed: (e: Error) => void, resolve: () => void) {
    const dir = this.dir;
    const file = workerFile();
    if (file && fs.existsSync(file)) {
      const data: DemoWorkerData = { dir, indices, urgent: URGENT };
      const worker = new Worker(file, { workerData: data });
      this.worker = worker;
      worker.on('message', (m: { index: number }) => written_(m.index));
      worker.once('error', failed);
      worker.once('exit', (code) => {
        this.worker = null;
        if (this.pending.size > 0 && !this.stopped) failed(new Error(`the writer stopped with code ${code}`));
        else resolve();
      });
      // The host may exit while the rest is written in the background: the next start writes what is missing.
      worker.unref();
    } else {
      // From sources (unit tests) there is no bundled worker: the same writing, scene by scene on this thread.
      void (async () => {
        for (const index of indices) {
          await new Promise<void>((r) => setImmediate(r));
          if (this.stopped) return resolve();
          try {
            writeDemoScene(dir, index);
          } catch (e) {
            return failed(e as Error);
          }
          written_(index);
        }
      })();
    }
  }

  /** Resolves once this scene's imagery is written and recorded; null when it is not being written. */
  whenWritten(sceneId: string): Promise<void> | null {
    for (const p of this.pending.values()) {
      if (p.sceneId !== sceneId) continue;
      this.begin(); // someone waits for a scene: no more waiting to start
      return p.promise;
    }
    return null;
  }

  /** Stops writing (another project opens, or the app closes); what is not written yet is written next time. */
  stop(): void {
    this.stopped = true;
    this.settle(); // `done` settles even if writing never began
    void this.worker?.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the demo project was closed before this scene was written'));
    this.pending.clear();
  }

  private settle = () => {};
  private begin = () => {};

  private recordWritten(index: number) {
    const p = this.pending.get(index);
    if (!p || this.stopped) return;
    // An AIS import holds the project's one write transaction: the scene is recorded once it ends
    // (recording now would join, and be rolled back with, a cancelled import).
    if (aisImportRunning(this.store)) {
      setTimeout(() => {
        this.recordWritten(index);
        this.settle();
      }, 250).unref();
      return;
    }
    this.pending.delete(index);
    const file = path.join(this.dir, demoSceneFiles()[index]!);
    const identity = localImageryIdentity(file, 'geotiff');
    if (!identity) return p.reject(new Error(`the demo scene ${path.basename(file)} was not written as a TIFF`));
    try {
      recordSceneFile(this.store, p.sceneId, identity);
      p.resolve();
    } catch (e) {
      // Never thrown into the worker's message loop (that would end the host): the next start records it.
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
