// Handlers of the figure calls (shared/calls/figure.ts).
import type { figureCalls } from '../../../shared/calls/figure';
import { runJob } from '../jobs';
import type { HandlersOf } from './types';

export const figureHandlers: HandlersOf<typeof figureCalls> = {
  // Loaded on first use: sharp, pdfkit and geotiff stay out of the app's start-up.
  // On the demo's first start its scenes are still being written (demo/demoImageryWriter.ts), each recorded only once
  // complete: a figure of one not there yet would be refused as "not the imported file", so it waits, as the map does.
  'figure.save': async (req, s) => {
    const store = s.requireProject();
    await s.demoImageryDone();
    return (await import('../figure/saveFigure')).saveFigure(store, req);
  },
  'figure.timelapse': async (req, s) => {
    const store = s.requireProject();
    await s.demoImageryDone();
    const { makeTimelapse } = await import('../figure/timelapse');
    return runJob(req.jobId, (job) => makeTimelapse(store, req, { signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label) }));
  },
};
