// Moving through the project: the current scene, stepping (past scenes the filter hides), jumping to
// a date, the timeline filter and the comparison scene.
import { nextUnexamined } from '../../../../shared/examination';
import { examinationOf } from '../selectors';
import { jumpTarget, parseIsoDate, scenePasses, type SceneFilter } from '../sceneFilter';
import type { CompareMode, Slice } from './storeTypes';

export interface NavigationSlice {
  sceneIndex: number;
  filter: SceneFilter;
  compare: { mode: CompareMode; sceneId: string | null };

  stepScene(delta: number): void;
  /** To the next (1) or previous (−1) scene with a zone still to examine; false when there is none that way. */
  stepUnexamined(delta: 1 | -1): boolean;
  goToScene(index: number): void;
  jumpToDate(isoDate: string): void;
  setFilter(f: Partial<SceneFilter>): void;
  setCompare(mode: CompareMode, sceneId?: string | null): void;
  cycleCompare(): void;
}

export const navigationSlice: Slice<NavigationSlice> = (set, get) => ({
  sceneIndex: 0,
  filter: { maxCloud: null, observableZoneId: null },
  compare: { mode: 'off', sceneId: null },

  stepScene(delta) {
    // Steps skip scenes the timeline filter hides, so "next" means "next one worth looking at".
    const { scenes, filter, observability, sceneIndex } = get();
    for (let i = sceneIndex + delta; i >= 0 && i < scenes.length; i += delta) {
      if (scenePasses(scenes[i]!, filter, observability)) {
        get().goToScene(i);
        return;
      }
    }
  },

  stepUnexamined(delta) {
    const at = nextUnexamined(get().scenes, get().sceneIndex, delta, examinationOf(get()).todoIds);
    if (at === null) return false;
    get().goToScene(at);
    return true;
  },

  goToScene(index) {
    const n = get().scenes.length;
    if (n === 0) return;
    const next = Math.max(0, Math.min(n - 1, index));
    if (next !== get().sceneIndex) set({ sceneIndex: next, selectedIds: [], selectedGhostId: null, selectedZoneId: null });
  },

  jumpToDate(isoDate) {
    const day = parseIsoDate(isoDate);
    if (typeof day !== 'string') {
      get().toast('error', day.error);
      return;
    }
    const { scenes, filter, observability } = get();
    const target = jumpTarget(scenes, day, (s) => scenePasses(s, filter, observability));
    if (typeof target === 'string') {
      get().toast('error', target);
      return;
    }
    get().goToScene(target.index);
    // Landing on another day than the one asked for is said, never silent.
    if (target.notice) get().toast('info', target.notice);
  },

  setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
  },

  setCompare(mode, sceneId) {
    const { scenes, sceneIndex } = get();
    const fallback = scenes[sceneIndex - 1]?.id ?? scenes[sceneIndex + 1]?.id ?? null;
    set({ compare: { mode, sceneId: mode === 'off' ? get().compare.sceneId : (sceneId ?? get().compare.sceneId ?? fallback) } });
  },

  cycleCompare() {
    const next = ({ off: 'swipe', swipe: 'side', side: 'off' } as const)[get().compare.mode];
    get().setCompare(next);
  },
});

