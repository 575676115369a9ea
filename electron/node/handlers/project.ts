// Handlers of the app and project calls (shared/calls/project.ts).
import type { AppInfo, projectCalls } from '../../../shared/calls/project';
import type { ProjectSession } from '../session';
import type { HandlersOf } from './types';
import { saveProjectCopy } from '../store/saveCopy';
import { withoutCredentials } from '../imagery/templateCredentials';

declare const __QUAYWATCH_VERSION__: string | undefined;
const version = typeof __QUAYWATCH_VERSION__ === 'string' ? __QUAYWATCH_VERSION__ : '0.1.0';

const appInfo = (s: ProjectSession): AppInfo => ({
  version,
  host: s.host === 'electron' ? 'electron' : 'browser',
  author: s.author,
  analyst: s.analyst,
  projectsDir: s.projectsDir,
});

export const projectHandlers: HandlersOf<typeof projectCalls> = {
  'app.info': (_req, s) => appInfo(s),
  'analyst.set': (req, s) => {
    s.setAnalyst(req);
    return appInfo(s);
  },
  'project.current': (_req, s) => s.current?.summary() ?? null,
  'project.create': (req, s) => s.create(req.path, req.name),
  'project.open': (req, s) => s.open(req.path),
  'project.openDemo': (_req, s) => s.openDemo(),
  'project.recent': (_req, s) => s.recent(),
  'project.saveCopy': (req, s) => saveProjectCopy(s.requireProject(), req.path, { overwrite: req.overwrite }),
  // A project written before every credential form was taken out may still hold one: never to the page.
  'scenes.list': (_req, s) => s.requireProject().scenes().map(withoutCredentials),
  'zones.list': (_req, s) => s.requireProject().zones(),
  'observability.list': (_req, s) => s.requireProject().observability(),
  'examined.list': (_req, s) => s.requireProject().examined(),
  'sightings.list': (req, s) => s.requireProject().sightings(req.sceneId),
};
