// Handlers of the figure calls (shared/calls/figure.ts).
import type { figureCalls } from '../../../shared/calls/figure';
import { runJob } from '../jobs';
import type { HandlersOf } from './types';

export const figureHandlers: HandlersOf<typeof figureCalls> = {
  // Loaded on first use: sharp, pdfkit and geotiff stay out of the app's start-up.
  'figure.save': async (req, s) => (await import('../figure/saveFigure')).saveFigure(s.requireProject(), req),
  'figure.timelapse': async (req, s) => {
    const store = s.requireProject();
    const { makeTimelapse } = await import('../figure/timelapse');
    return runJob(req.jobId, (job) => makeTimelapse(store, req, { signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label) }));
  },
};
