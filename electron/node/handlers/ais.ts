// Handlers of the AIS calls (shared/calls/ais.ts): the importer with a job for progress and cancel, and what the project holds.
import type { aisCalls } from '../../../shared/calls/ais';
import type { aisViewCalls } from '../../../shared/calls/aisView';
import { DEFAULT_AIS_SETTINGS } from '../../../shared/ais/types';
import { aisAtScene, aisBracketTable } from '../ais/atScene';
import { importAis } from '../ais/importAis';
import { ImportError } from '../imagery/common';
import { QuaywatchError } from '../errors';
import { runJob } from '../jobs';
import { aisHoldings } from '../store/ais';
import type { HandlersOf } from './types';

export const aisHandlers: HandlersOf<typeof aisCalls & typeof aisViewCalls> = {
  'ais.import': (req, s) => {
    const store = s.requireProject();
    return runJob(req.jobId, async (job) => {
      try {
        return await importAis(store, req.paths, { bufferKm: req.bufferKm, signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label) });
      } catch (e) {
        if (e instanceof ImportError) throw new QuaywatchError('invalid_request', e.message);
        throw e;
      }
    });
  },
  'ais.summary': (_req, s) => aisHoldings(s.requireProject()),
  'ais.brackets': (req, s) => aisBracketTable(s.requireProject(), req.windowMin ?? DEFAULT_AIS_SETTINGS.windowMin),
  'ais.atScene': (req, s) => aisAtScene(s.requireProject(), req.sceneId, { windowMin: req.windowMin ?? DEFAULT_AIS_SETTINGS.windowMin }),
};

