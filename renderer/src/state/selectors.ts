// Derived selectors over the store: the current scene, its sightings and ghosts, and what the
// selection allows (carry forward, same as previous). Memoised on their inputs, so a component or
// the map gets the same array while nothing it depends on changed.
import type { Scene, Sighting } from '../../../shared/domain';
import { examinationProgress, examinedSet, storedObservability, unverifiedPairs } from '../../../shared/examination';
import { carryForwardDisabled, sameAsPrevious } from '../../../shared/sightingRules';
import type { AppState } from './slices/storeTypes';

const NONE: Sighting[] = [];

/** Derived selectors kept outside the store so they never go stale. */
export const currentScene = (s: AppState) => s.scenes[s.sceneIndex] ?? null;

/** The selected sightings, the same array while neither the selection nor the sightings change (selectors run on every store change). */
let selection: { all: Sighting[]; ids: string[]; selected: Sighting[] } | null = null;
const selectedOf = (s: Pick<AppState, 'selectedIds' | 'sightings'>): Sighting[] => {
  if (s.selectedIds.length === 0) return NONE;
  if (selection?.all === s.sightings && selection.ids === s.selectedIds) return selection.selected;
  const ids = new Set(s.selectedIds);
  selection = { all: s.sightings, ids: s.selectedIds, selected: s.sightings.filter((x) => ids.has(x.id)) };
  return selection.selected;
};
/** Why the selection cannot be carried forward (F), or null: the rule book's answer, shown on the button. */
export const carryForwardUnavailable = (s: Pick<AppState, 'selectedIds' | 'sightings' | 'scenes'>): string | null => carryForwardDisabled(selectedOf(s), s.scenes);
/** "Same as previous" (P) for the selection: the sightings to copy from, or why it cannot be done. */
export const sameAsPreviousPlan = (s: Pick<AppState, 'selectedIds' | 'sightings' | 'scenes' | 'sceneIndex'>): ReturnType<typeof sameAsPrevious<Sighting>> => {
  const previous = s.scenes[s.sceneIndex - 1] ?? null;
  const selected = selectedOf(s);
  if (plan?.selected !== selected || plan.all !== s.sightings || plan.previous !== previous) {
    plan = { selected, all: s.sightings, previous, result: sameAsPrevious(selected, previous, s.sightings) };
  }
  return plan.result;
};
let plan: { selected: Sighting[]; all: Sighting[]; previous: Scene | null; result: ReturnType<typeof sameAsPrevious<Sighting>> } | null = null;
/**
 * The current scene's sightings, the same array while neither the sightings nor the scene change:
 * the store changes on every click and toast, and filtering (or comparing) 10,000 marks each time
 * was a visible part of selecting one.
 */
let scenesMarks: { all: Sighting[]; sceneId: string | null; here: Sighting[] } | null = null;
export const sightingsOfCurrentScene = (s: AppState): Sighting[] => {
  const sceneId = s.scenes[s.sceneIndex]?.id ?? null;
  if (scenesMarks?.all === s.sightings && scenesMarks.sceneId === sceneId) return scenesMarks.here;
  const here = sceneId ? s.sightings.filter((x) => x.sceneId === sceneId) : NONE;
  scenesMarks = { all: s.sightings, sceneId, here };
  return here;
};

/**
 * Ghosts: the previous scene's marks not yet re-marked here. A ghost whose vessel or track already
 * has a sighting on this scene is hidden, so accepting one makes it disappear.
 */
export function ghostsOfCurrentScene(s: Pick<AppState, 'scenes' | 'sceneIndex' | 'sightings'>): Sighting[] {
  const scene = s.scenes[s.sceneIndex];
  const prev = s.scenes[s.sceneIndex - 1];
  if (!scene || !prev) return NONE;
  // Same inputs, same array (see sightingsOfCurrentScene).
  if (ghostMemo?.all === s.sightings && ghostMemo.sceneId === scene.id && ghostMemo.prevId === prev.id) return ghostMemo.ghosts;
  const here = s.sightings.filter((x) => x.sceneId === scene.id);
  const vessels = new Set(here.map((x) => x.vesselId).filter(Boolean));
  const tracks = new Set(here.map((x) => x.trackId).filter(Boolean));
  const ghosts = s.sightings.filter(
    (x) => x.sceneId === prev.id && !(x.vesselId && vessels.has(x.vesselId)) && !(x.trackId && tracks.has(x.trackId)),
  );
  ghostMemo = { all: s.sightings, sceneId: scene.id, prevId: prev.id, ghosts };
  return ghosts;
}
let ghostMemo: { all: Sighting[]; sceneId: string; prevId: string; ghosts: Sighting[] } | null = null;

/**
 * How far the analyst's record of effort has got: scenes with a zone to examine, those done, and which
 * (shared/examination.ts). The same object while scenes, zones, observability and examined are unchanged.
 */
export interface Examination {
  scenes: number;
  examined: number;
  /** Scenes with a zone the image shows that is not examined yet. */
  todoIds: Set<string>;
  examinedPairs: Set<string>;
}
let examMemo: { inputs: unknown[]; result: Examination } | null = null;
export const examinationOf = (s: Pick<AppState, 'scenes' | 'zones' | 'observability' | 'examined' | 'sightings'>): Examination => {
  const inputs = [s.scenes, s.zones, s.observability, s.examined, s.sightings];
  if (examMemo && examMemo.inputs.every((x, i) => x === inputs[i])) return examMemo.result;
  // A zone holding a carried mark nobody has confirmed is not examined until it is (shared/examination.ts).
  const examinedPairs = examinedSet(s.examined);
  for (const key of unverifiedPairs(s.sightings)) examinedPairs.delete(key);
  const p = examinationProgress(s.scenes, s.zones, storedObservability(s.observability), examinedPairs);
  examMemo = { inputs, result: { ...p, examinedPairs } };
  return examMemo.result;
};
