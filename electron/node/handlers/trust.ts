// Handlers of the trust calls (shared/calls/trust.ts).
import type { trustCalls } from '../../../shared/calls/trust';
import { saveProjectCopy } from '../store/saveCopy';
import type { HandlersOf } from './types';

export const trustHandlers: HandlersOf<typeof trustCalls> = {
  'project.saveCopy': (req, s) => saveProjectCopy(s.requireProject(), req.path, { overwrite: req.overwrite }),
};
