// Handlers of the export and report calls (shared/calls/export.ts).
import type { exportCalls, reportCalls } from '../../../shared/calls/export';
import { exportProject } from '../export/exportProject';
import { scenesWritten } from './figure';
import type { HandlersOf } from './types';

export const exportHandlers: HandlersOf<typeof exportCalls & typeof reportCalls> = {
  'export.run': (req, s) => exportProject(s.requireProject(), req),
  // Loaded on first use: pdfkit, sharp and ECharts stay out of the app's start-up.
  'report.run': async (req, s) => (await import('../report/generateReport')).generateReport(s.requireProject(), req, s.author, { scenesWritten: (scenes) => scenesWritten(s, scenes) }),
};
