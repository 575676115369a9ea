// What the slices share: merging lists by id, reporting a failure, and running one edit.
import type { HistoryState } from '../../../../shared/api';
import type { Scene, Sighting } from '../../../../shared/domain';
import { ApiCallError } from '../../api/client';
import type { AppState, GetState, SetState } from './storeTypes';

export const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

/** Replaces (or adds) items by id; removes those whose value is null. */
export function upsert<T extends { id: string }>(list: T[], items: T[], removed: string[] = []): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const gone = new Set(removed);
  const out = list.filter((x) => !gone.has(x.id)).map((x) => byId.get(x.id) ?? x);
  // A set, not list.some: a 10,000-mark batch against 10,000 marks must stay linear.
  const had = new Set(list.map((x) => x.id));
  for (const i of items) if (!had.has(i.id)) out.push(i);
  return out;
}

/** Scenes in the server's order (acquisition time, then id), so a scene brought back by undo lands where it was. */
export const byAcquired = (a: Scene, b: Scene) => (a.acquired < b.acquired ? -1 : a.acquired > b.acquired ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * After a failed edit: only a failure of the host or the disk can mean something acknowledged is
 * unsure ("NOT saved"); a refusal (a bad IMO, a conflict, a read-only project) changed nothing, so
 * everything stays saved and the toast says why.
 */
export const afterFailure = (e: unknown): AppState['saveState'] =>
  e instanceof ApiCallError && e.code !== 'io_error' && e.code !== 'internal' ? 'saved' : 'failed';

/** Reports a failed call as an error toast. */
export const failWith = (get: GetState) => (e: unknown) => {
  get().toast('error', e instanceof ApiCallError ? e.message : `Something went wrong: ${(e as Error).message}`);
};

/** Runs one edit: shows saving, reports a refusal as a toast, refreshes the undo labels. */
export const editWith =
  (set: SetState, get: GetState) =>
  async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    set({ saveState: 'saving' });
    try {
      const value = await run();
      set({ saveState: 'saved', editSeq: get().editSeq + 1 });
      void get().refreshHistory();
      return value;
    } catch (e) {
      set({ saveState: afterFailure(e) });
      failWith(get)(e);
      void get().refreshHistory();
      return undefined;
    }
  };

/** The selected sightings (a fresh array; the memoised one is selectors.ts's). */
export const selectedSightingsOf = (get: GetState): Sighting[] => {
  const ids = new Set(get().selectedIds);
  return get().sightings.filter((s) => ids.has(s.id));
};
