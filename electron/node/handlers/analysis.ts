// Handlers of the Analysis panel's read-only calls (shared/calls/analysis.ts).
import type { analysisCalls } from '../../../shared/calls/analysis';
import type { HandlersOf } from './types';

export const analysisHandlers: HandlersOf<typeof analysisCalls> = {
  'reviews.list': (_req, s) => s.requireProject().reviews(),
};
