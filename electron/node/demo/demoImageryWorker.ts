// Worker thread that writes demo scenes (bundled as dist/electron/demoImageryWorker.cjs): the host
// shows the demo at once while this renders its imagery, the scene the view opens on first.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { writeDemoScene } from './demoImagery';

export interface DemoWorkerData {
  dir: string;
  /** Scene indices, in the order they are wanted. */
  indices: number[];
  /** After this many scenes the thread yields the CPU to everything else (Linux: niceness is per thread). */
  urgent: number;
}

const { dir, indices, urgent } = workerData as DemoWorkerData;
indices.forEach((index, n) => {
  if (n === urgent && process.platform === 'linux') {
    try {
      os.setPriority(19); // pid 0 = this thread only on Linux
    } catch {
      // not allowed here: the scenes still come, only less politely
    }
  }
  writeDemoScene(dir, index);
  parentPort!.postMessage({ index });
});
