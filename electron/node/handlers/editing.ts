// Handlers of the editing and history calls (shared/calls/editing.ts).
import type { editingCalls } from '../../../shared/calls/editing';
import type { Track } from '../../../shared/domain';
import { QuaywatchError } from '../errors';
import type { HandlersOf } from './types';

const pending = (): never => {
  throw new QuaywatchError('internal', 'This edit is not available yet in this build.');
};

export const editingHandlers: HandlersOf<typeof editingCalls> = {
  'sightings.update': pending,
  'sightings.createMany': pending,
  'sightings.deleteMany': pending,
  'sightings.carryForward': pending,
  'sightings.acceptGhost': pending,
  'vessels.list': (_req, s) => s.requireProject().vessels(),
  'vessels.create': pending,
  'vessels.update': pending,
  'tracks.list': (_req, s) =>
    (s.requireProject().db.prepare('SELECT id, class, label FROM track ORDER BY label, id').all() as Track[]),
  'tracks.create': pending,
  'tracks.update': pending,
  'zones.create': pending,
  'zones.update': pending,
  'zones.delete': pending,
  'observability.set': pending,
  'history.undo': pending,
  'history.redo': pending,
  'history.state': () => ({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null }),
  'history.list': pending,
};
