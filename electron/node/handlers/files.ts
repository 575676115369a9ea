// Handlers of the file-choosing calls (shared/calls/files.ts).
import os from 'node:os';
import path from 'node:path';
import type { filesCalls, Place } from '../../../shared/calls/files';
import { QuaywatchError } from '../errors';
import { listFolder } from '../files/listFolder';
import { userHomeDir } from '../paths';
import type { HandlersOf } from './types';

export const filesHandlers: HandlersOf<typeof filesCalls> = {
  'files.list': (req) => listFolder(req.path, { extensions: req.extensions, showHidden: req.showHidden }),
  'files.places': (_req, s) => {
    const home = userHomeDir();
    const root = path.parse(home).root || '/';
    const standard: Place[] = [
      { label: 'Home', path: home, kind: 'home' },
      { label: 'Projects', path: s.projectsDir, kind: 'projects' },
      { label: os.platform() === 'win32' ? root : 'Computer', path: root, kind: 'root' },
    ];
    return { home, standard, recent: s.places.list().map((p) => ({ label: path.basename(p) || p, path: p, kind: 'recent' })) };
  },
  'files.choose': (req, s) => {
    if (!s.picker) throw new QuaywatchError('unknown_call', 'This window has no native file dialog; use Browse… to choose the file.');
    return s.picker.choose(req);
  },
};
