// Handlers of the export and report calls (shared/calls/export.ts).
import type { exportCalls, reportCalls } from '../../../shared/calls/export';
import { exportProject } from '../export/exportProject';
import { generateReport } from '../report/generateReport';
import type { HandlersOf } from './types';

export const exportHandlers: HandlersOf<typeof exportCalls & typeof reportCalls> = {
  'export.run': (req, s) => exportProject(s.requireProject(), req),
  'report.run': (req, s) => generateReport(s.requireProject(), req, s.author),
};
