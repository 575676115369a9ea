// The renderer's state (zustand): the open project, its scenes, the current scene and the marks.
// Components read it; the map controller subscribes to it; every change goes through an action,
// and every edit goes through the API (saved before it answers) and so through the undo history.
// The store is built from slices (slices/*.ts, one concern each); derived values are selectors.ts's.
import { create } from 'zustand';
import { projectSlice } from './slices/projectSlice';
import { navigationSlice } from './slices/navigationSlice';
import { selectionSlice } from './slices/selectionSlice';
import { editSlice } from './slices/editSlice';
import { uiSlice } from './slices/uiSlice';
import type { AppState } from './slices/storeTypes';

export type { AppState, CompareMode, Dialog, SightingPatch, Toast } from './slices/storeTypes';
export type { SceneFilter } from './sceneFilter';
export { scenePasses } from './sceneFilter';
export { carryForwardUnavailable, currentScene, ghostsOfCurrentScene, sameAsPreviousPlan, sightingsOfCurrentScene } from './selectors';

export const useApp = create<AppState>()((...a) => ({
  ...projectSlice(...a),
  ...navigationSlice(...a),
  ...selectionSlice(...a),
  ...editSlice(...a),
  ...uiSlice(...a),
}));
