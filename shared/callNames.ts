// The names of the API's calls as plain strings, for the Electron preload: it exposes one function per
// call and must stay small (a sandboxed preload is one bundled file), so it does not load the zod
// schemas in shared/api.ts. shared/callNames.test.ts checks this list against the contract.

export const CALL_NAME_LIST = [
  'app.info',
  'analyst.set',
  'project.current',
  'project.create',
  'project.open',
  'project.openDemo',
  'project.recent',
  'project.saveCopy',
  'scenes.list',
  'zones.list',
  'observability.list',
  'examined.list',
  'sightings.list',
  'sightings.update',
  'sightings.updateMany',
  'sightings.create',
  'sightings.delete',
  'sightings.createMany',
  'sightings.deleteMany',
  'sightings.verify',
  'sightings.carryForward',
  'sightings.acceptGhost',
  'vessels.list',
  'vessels.create',
  'vessels.update',
  'tracks.list',
  'tracks.create',
  'tracks.update',
  'zones.create',
  'zones.update',
  'zones.delete',
  'scenes.delete',
  'observability.set',
  'examined.set',
  'history.undo',
  'history.redo',
  'history.state',
  'history.list',
  'scenes.import',
  'scenes.addTemplate',
  'scenes.makeOffline',
  'jobs.status',
  'jobs.cancel',
  'imagery.keyStore',
  'observability.derive',
  'export.run',
  'report.run',
  'package.export',
  'package.import',
  'reviews.queue',
  'reviews.set',
  'reviews.list',
  'reviews.conflicts',
  'reviews.teamConflicts',
  'reviews.settleTeamConflict',
  'reviews.resolveConflict',
  'reviews.agreement',
  'files.list',
  'files.places',
  'files.choose',
  'ais.import',
  'ais.summary',
  'ais.atScene',
  'ais.settings',
  'ais.settings.set',
  'ais.evidence',
  'ais.brackets',
  'ais.identities',
  'team.status',
  'team.join',
  'team.leave',
  'team.syncNow',
  'team.unmatched',
  'figure.save',
  'figure.timelapse',
] as const;

export type ListedCallName = (typeof CALL_NAME_LIST)[number];

/** The IPC channel of a call: the page never names a channel, only a call. */
export const ipcChannel = (name: ListedCallName) => `qw:${name}`;
/** The HTTP route of a call (here, not in api.ts, so the page's client imports no schema). */
export const httpRoute = (name: ListedCallName) => `/api/${name}`;
/**
 * Browser mode's route for several calls in one request: a JSON array of { name, request }, answered
 * with the array of their results, each call dispatched alone and in order exactly as if asked by
 * itself. The page's first ten calls then take one of the browser's six connections, not all of them.
 */
export const HTTP_BATCH_ROUTE = '/api/batch';
export const MAX_BATCH_CALLS = 16;
