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
}

/** A visit opened on the map: its bracketing and presence scenes, stepped with the trail bar. */
export interface VisitTrail {
  visit: Visit;
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
  reviewsFor: string | null;
  trail: VisitTrail | null;
  setView(v: View): void;
  toggleView(): void;
  setPage(p: 'figures' | 'method'): void;
  setFilters(f: Partial<AnalysisFilters>): void;
  setCompareMonth(m: string | null): void;
  loadReviews(projectPath: string): Promise<void>;
  setTrail(t: VisitTrail | null): void;
}

export const DEFAULT_FILTERS: AnalysisFilters = { minConfidence: 'possible', review: 'not-rejected', zoneId: null, vesselId: null, from: '', to: '' };

export const useAnalysis = create<AnalysisState>((set, get) => ({
  view: 'map',
  page: 'figures',
  filters: DEFAULT_FILTERS,
  compareMonth: null,
  reviews: [],
  reviewsFor: null,
  trail: null,
  setView: (view) => set({ view }),
  toggleView: () => set({ view: get().view === 'map' ? 'analysis' : 'map' }),
  setPage: (page) => set({ page }),
  setFilters: (f) => set({ filters: { ...get().filters, ...f } }),
  setCompareMonth: (compareMonth) => set({ compareMonth }),
  async loadReviews(projectPath) {
    // Reviews change only through review import, not through the workbench, so one load per project suffices.
    if (get().reviewsFor === projectPath) return;
    set({ reviewsFor: projectPath });
    try {
      set({ reviews: await call('reviews.list', {}) });
    } catch {
      set({ reviews: [], reviewsFor: null });
    }
  },
  setTrail: (trail) => set({ trail }),
}));
