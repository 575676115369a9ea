// Handlers of the export and report calls (shared/calls/export.ts).
import type { exportCalls } from '../../../shared/calls/export';
import { exportProject } from '../export/exportProject';
import type { HandlersOf } from './types';

export const exportHandlers: HandlersOf<typeof exportCalls> = {
  'export.run': (req, s) => exportProject(s.requireProject(), req),
};
