// Handlers of the AIS calls (shared/calls/ais.ts): the importer with a job for progress and cancel, and what the project holds.
import type { aisCalls } from '../../../shared/calls/ais';
import type { aisViewCalls } from '../../../shared/calls/aisView';
import { aisAtScene, aisBracketTable } from '../ais/atScene';
import { aisEvidence } from '../ais/aisAnalysis';
import { aisIdentitiesView } from '../ais/identities';
import { analysisOf, loadProjectData } from '../export/projectData';
import { ImportError } from '../imagery/common';
import { QuaywatchError } from '../errors';
import { runJob } from '../jobs';
import { aisHoldings, aisSettingsOf, setAisSettings } from '../store/ais';
import type { HandlersOf } from './types';

export const aisHandlers: HandlersOf<typeof aisCalls & typeof aisViewCalls> = {
  'ais.import': (req, s) => {
    const store = s.requireProject();
    return runJob(req.jobId, async (job) => {
      try {
        // The importer and its two decoding libraries load on the first import, not at every start of the host.
        const { importAis } = await import('../ais/importAis');
        return await importAis(store, req.paths, { bufferKm: req.bufferKm, signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label) });
      } catch (e) {
        if (e instanceof ImportError) throw new QuaywatchError('invalid_request', e.message);
        throw e;
      }
    });
  },
  'ais.summary': (_req, s) => aisHoldings(s.requireProject()),
  'ais.settings': (_req, s) => aisSettingsOf(s.requireProject()),
  'ais.settings.set': (req, s) => setAisSettings(s.requireProject(), req),
  'ais.evidence': (req, s) => {
    const store = s.requireProject();
    const data = loadProjectData(store);
    // The page computes each verdict live; the index and the name map stay on the host.
    const { verdicts: _, index: _index, names, heard: _heard, ...view } = aisEvidence(store, data, analysisOf(data, req));
    return { ...view, broadcastNames: Object.fromEntries(names) };
  },
  'ais.brackets': (req, s) => aisBracketTable(s.requireProject(), req.windowMin ?? aisSettingsOf(s.requireProject()).windowMin),
  'ais.identities': (_req, s) => aisIdentitiesView(s.requireProject()),
  'ais.atScene': (req, s) => aisAtScene(s.requireProject(), req.sceneId, { windowMin: req.windowMin ?? aisSettingsOf(s.requireProject()).windowMin }),
};

