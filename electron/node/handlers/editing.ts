// Handlers of the editing and history calls (shared/calls/editing.ts): thin, the rules live in store/editing.ts.
import type { editingCalls } from '../../../shared/calls/editing';
import { editingOf } from '../store/editing';
import type { ProjectSession } from '../session';
import type { HandlersOf } from './types';

const edit = (s: ProjectSession) => editingOf(s.requireProject());

export const editingHandlers: HandlersOf<typeof editingCalls> = {
  'sightings.update': (req, s) => edit(s).updateSighting(req.id, req.patch, req.label),
  'sightings.updateMany': (req, s) => edit(s).updateSightings(req.updates, req.label),
  'sightings.create': (req, s) => edit(s).createSightings([req])[0]!,
  'sightings.delete': (req, s) => {
    edit(s).deleteSightings([req.id]);
    return { id: req.id };
  },
  'sightings.createMany': (req, s) => edit(s).createSightings(req.sightings),
  'sightings.deleteMany': (req, s) => edit(s).deleteSightings(req.ids),
  'sightings.verify': (req, s) => edit(s).verifySightings(req.ids),
  'sightings.carryForward': (req, s) => edit(s).carryForward(req.ids, req.toSceneId),
  'sightings.acceptGhost': (req, s) => edit(s).acceptGhost(req.ghostId, req.sceneId),
  'vessels.list': (_req, s) => s.requireProject().vessels(),
  'vessels.create': (req, s) => edit(s).createVessel(req),
  'vessels.update': (req, s) => edit(s).updateVessel(req.id, req.patch),
  'tracks.list': (_req, s) => edit(s).tracks(),
  'tracks.create': (req, s) => edit(s).createTrack(req),
  'tracks.update': (req, s) => edit(s).updateTrack(req.id, req.label),
  'zones.create': (req, s) => edit(s).createZone(req),
  'zones.update': (req, s) => edit(s).updateZone(req.id, req.patch, req.label),
  'zones.delete': (req, s) => edit(s).deleteZone(req.id),
  'scenes.delete': (req, s) => edit(s).deleteScene(req.id),
  'observability.set': (req, s) => edit(s).setObservability(req),
  'examined.set': (req, s) => edit(s).setExamined(req),
  'history.undo': (_req, s) => edit(s).history.undo(),
  'history.redo': (_req, s) => edit(s).history.redo(),
  'history.state': (_req, s) => edit(s).history.state(),
  'history.list': (req, s) => edit(s).history.list(req),
};
