// Handlers of the imagery calls (shared/calls/imagery.ts): thin wrappers over the import services.
import type { imageryCalls } from '../../../shared/calls/imagery';
import { QuaywatchError } from '../errors';
import { addTemplateScene, importScenes } from '../imagery/importScenes';
import { ImportError } from '../imagery/common';
import { cancelJob, jobStatus, runJob } from '../jobs';
import { makeAvailableOffline } from '../imagery/offlineCopy';
import { keyStoreFor } from '../imagery/tiles';
import { FILE_KEYSTORE_WARNING } from '../imagery/apiKeys';
import { rederiveObservability } from '../imagery/observability';
import type { HandlersOf } from './types';

export const imageryHandlers: HandlersOf<typeof imageryCalls> = {
  'scenes.import': (req, s) => {
    const store = s.requireProject();
    return runJob(req.jobId, (job) =>
      importScenes(store, req.paths, { acquired: req.acquired, signal: job.signal, onProgress: (d, t, label) => job.progress(d, t, label) }),
    );
  },
  'scenes.addTemplate': async (req, s) => {
    const store = s.requireProject();
    try {
      return await addTemplateScene(store, req, await keyStoreFor(s.dataDir));
    } catch (e) {
      if (e instanceof ImportError) throw new QuaywatchError('invalid_request', e.message);
      throw e;
    }
  },
  'scenes.makeOffline': async (req, s) => {
    const store = s.requireProject();
    const keys = await keyStoreFor(s.dataDir);
    return runJob(req.jobId, (job) =>
      makeAvailableOffline(store, { ...req, bbox: req.bbox as [number, number, number, number], keys, signal: job.signal, onProgress: (d, t) => job.progress(d, t) }),
    );
  },
  'jobs.status': (req) => jobStatus(req.id),
  'jobs.cancel': (req) => ({ cancelled: cancelJob(req.id) }),
  'observability.derive': async (req, s) => ({ changed: await rederiveObservability(s.requireProject(), req.sceneIds) }),
  'imagery.keyStore': async (_req, s) => {
    const ks = await keyStoreFor(s.dataDir);
    return ks.backend.kind === 'file' ? { kind: 'file', warning: FILE_KEYSTORE_WARNING } : { kind: 'os-keystore', warning: null };
  },
};
