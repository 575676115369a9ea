// What is selected: sightings (one or many), a zone, or a ghost — one kind at a time.
import type { Slice } from './storeTypes';

export interface SelectionSlice {
  selectedIds: string[];
  selectedZoneId: string | null;
  selectedGhostId: string | null;

  select(ids: string[], how?: 'replace' | 'toggle' | 'add'): void;
  selectZone(id: string | null): void;
  selectGhost(id: string | null): void;
}

export const selectionSlice: Slice<SelectionSlice> = (set, get) => ({
  selectedIds: [],
  selectedZoneId: null,
  selectedGhostId: null,

  select(ids, how = 'replace') {
    let next: string[];
    if (how === 'replace') next = ids;
    else if (how === 'add') next = [...new Set([...get().selectedIds, ...ids])];
    else {
      const cur = new Set(get().selectedIds);
      for (const id of ids) if (cur.has(id)) cur.delete(id);
      else cur.add(id);
      next = [...cur];
    }
    set({ selectedIds: next, selectedZoneId: null, selectedGhostId: null });
  },

  selectZone(id) {
    set({ selectedZoneId: id, selectedIds: [], selectedGhostId: null });
  },

  selectGhost(id) {
    set({ selectedGhostId: id, selectedIds: [], selectedZoneId: null });
  },
});
