// State of the Analysis view: which view is showing, the filters, the reviews, and the visit being stepped through on the map.
import { create } from 'zustand';
import type { Confidence, Review, Visit } from '../../../shared/domain';
import { call } from '../api/client';

export type View = 'map' | 'analysis';
export type ReviewFilter = 'not-rejected' | 'confirmed-only';

export interface AnalysisFilters {
  minConfidence: Confidence;
  review: ReviewFilter;
  /** null = every zone */
  zoneId: string | null;
  /** null = every vessel */
  vesselId: string | null;
  /** 'YYYY-MM-DD' (UTC) or '' for open */
  from: string;
  to: string;
  /** Count carried marks nobody has confirmed on their scene (off: left out, and said so). */
  includeUnverified: boolean;
}

/** What a trail steps through: a visit (one zone) or a port call (the zones it touched). */
export type TrailStay = Pick<Visit, 'subjectId' | 'sceneIds' | 'arrivalAfterSceneId' | 'departureBeforeSceneId'> & {
  zoneIds: string[];
  /** A port call: the whole port, whatever the quay. */
  portCall: boolean;
};

/** A visit or port call opened on the map: its bracketing and presence scenes, stepped with the trail bar. */
export interface VisitTrail {
  visit: TrailStay;
  sceneIds: string[];
  pos: number;
}

interface AnalysisState {
  view: View;
  page: 'figures' | 'method';
  filters: AnalysisFilters;
  /** Month compared with the months before it; null = the latest month in range. */
  compareMonth: string | null;
  reviews: Review[];
  trail: VisitTrail | null;
  setView(v: View): void;
  toggleView(): void;
  setPage(p: 'figures' | 'method'): void;
  setFilters(f: Partial<AnalysisFilters>): void;
  setCompareMonth(m: string | null): void;
  loadReviews(): Promise<void>;
  setTrail(t: VisitTrail | null): void;
}

export const DEFAULT_FILTERS: AnalysisFilters = { minConfidence: 'possible', review: 'not-rejected', zoneId: null, vesselId: null, from: '', to: '', includeUnverified: false };

export const useAnalysis = create<AnalysisState>((set, get) => ({
  view: 'map',
  page: 'figures',
  filters: DEFAULT_FILTERS,
  compareMonth: null,
  reviews: [],
  trail: null,
  setView: (view) => set({ view }),
  toggleView: () => set({ view: get().view === 'map' ? 'analysis' : 'map' }),
  setPage: (page) => set({ page }),
  setFilters: (f) => set({ filters: { ...get().filters, ...f } }),
  setCompareMonth: (compareMonth) => set({ compareMonth }),
  async loadReviews() {
    // The workbench store does not hold reviews (verdicts come from the review queue and imported packages),
    // so the panel asks for them when it opens and after every edit.
    try {
      const fresh = await call('reviews.list', {});
      // Keep the old object for an unchanged review: the live analysis diffs by reference and recounts only what changed.
      const old = new Map(get().reviews.map((r) => [r.id, r]));
      const same = (a: Review, b: Review) => a.sightingId === b.sightingId && a.verdict === b.verdict && a.at === b.at;
      const merged = fresh.map((r) => {
        const o = old.get(r.id);
        return o && same(o, r) ? o : r;
      });
      if (merged.length !== old.size || merged.some((r) => !old.has(r.id) || old.get(r.id) !== r)) set({ reviews: merged });
    } catch {
      set({ reviews: [] });
    }
  },
  setTrail: (trail) => set({ trail }),
}));
