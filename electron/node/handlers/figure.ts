// Handlers of the figure calls (shared/calls/figure.ts).
import type { figureCalls } from '../../../shared/calls/figure';
import type { Scene } from '../../../shared/domain';
import { runJob } from '../jobs';
import type { ProjectSession } from '../session';
import type { HandlersOf } from './types';

/**
 * On the demo's first start its scenes are still being written (demo/demoImageryWriter.ts), each recorded only once
 * complete: a figure of one not there yet would be refused as "not the imported file", so it waits for the scenes it
 * draws, as the map does (at once when nothing is being written). Reports wait the same way for their chips and figures.
 */
export async function scenesWritten(s: ProjectSession, scenes: Scene[]) {
  await Promise.all(scenes.map((scene) => s.imageryWritten(scene.id)));
}
export const figureHandlers: HandlersOf<typeof figureCalls> = {
  // Loaded on first use: sharp, pdfkit and geotiff stay out of the app's start-up. Each waits for the scenes it resolved.
  'figure.save': async (req, s) => (await import('../figure/saveFigure')).saveFigure(s.requireProject(), req, { scenesWritten: (scenes) => scenesWritten(s, scenes) }),
  'figure.timelapse': async (req, s) => {
    const store = s.requireProject();
    const { makeTimelapse } = await import('../figure/timelapse');
    return runJob(req.jobId, (job) =>
      makeTimelapse(store, req, { signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label), scenesWritten: (scenes) => scenesWritten(s, scenes) }),
    );
  },
};
