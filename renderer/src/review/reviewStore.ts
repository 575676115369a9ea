// State of the review panel: open or not, which tab, the queue being stepped through and its filters.
import { create } from 'zustand';
import type { ReviewQueueItem } from '../../../shared/calls/review';
import type { ReviewVerdict, SightingClass, SightingGeometry } from '../../../shared/domain';
import type { SightingConflict } from '../../../shared/review/conflicts';
import { call } from '../api/client';
import { useApp } from '../state/appStore';
import { mapController } from '../map/MapController';

export type ReviewTab = 'queue' | 'conflicts' | 'agreement' | 'package';

export interface QueueFilter {
  author: string;
  cls: SightingClass | '';
  zoneId: string;
  from: string;
  to: string;
  unreviewedOnly: boolean;
}

interface ReviewState {
  open: boolean;
  tab: ReviewTab;
  filter: QueueFilter;
  queue: ReviewQueueItem[];
  index: number;
  comment: string;
  conflicts: SightingConflict[];
  toggle(): void;
  setTab(tab: ReviewTab): void;
  setFilter(f: Partial<QueueFilter>): Promise<void>;
  loadQueue(): Promise<void>;
  step(delta: number): void;
  setComment(text: string): void;
  verdict(v: ReviewVerdict): Promise<void>;
  loadConflicts(): Promise<void>;
}

const fail = (e: unknown) => useApp.getState().toast('error', (e as Error).message);

/** Shows a mark: its scene, the mark selected, the view framing it with the quay it stands at. */
export function showSighting(sceneId: string, sightingId: string, geometry: SightingGeometry) {
  const app = useApp.getState();
  const index = app.scenes.findIndex((s) => s.id === sceneId);
  if (index < 0) return;
  app.goToScene(index);
  app.select([sightingId]);
  const zoneId = app.sightings.find((s) => s.id === sightingId)?.zoneId;
  mapController.frame(geometry, app.zones.find((z) => z.id === zoneId)?.geometry ?? null);
}

/** After a change made here, the rest of the app (undo label, analysis) catches up. */
export function afterEdit() {
  const app = useApp.getState();
  useApp.setState({ editSeq: app.editSeq + 1 });
  void app.refreshHistory();
}

export const useReview = create<ReviewState>((set, get) => ({
  open: false,
  tab: 'queue',
  filter: { author: '', cls: '', zoneId: '', from: '', to: '', unreviewedOnly: false },
  queue: [],
  index: 0,
  comment: '',
  conflicts: [],

  toggle() {
    const open = !get().open;
    set({ open });
    if (open) void get().loadQueue();
  },
  setTab(tab) {
    set({ tab });
    if (tab === 'conflicts') void get().loadConflicts();
    if (tab === 'queue') void get().loadQueue();
  },
  async setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
    await get().loadQueue();
  },
  async loadQueue() {
    const f = get().filter;
    try {
      const queue = await call('reviews.queue', {
        author: f.author || undefined,
        class: f.cls || undefined,
        zoneId: f.zoneId || undefined,
        from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
        to: f.to ? new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
        unreviewedOnly: f.unreviewedOnly,
      });
      set({ queue, index: 0 });
      const first = queue[0];
      if (first && get().open) showSighting(first.sighting.sceneId, first.sighting.id, first.sighting.geometry);
    } catch (e) {
      fail(e);
    }
  },
  step(delta) {
    const { queue, index } = get();
    if (!queue.length) return;
    const next = Math.max(0, Math.min(queue.length - 1, index + delta));
    set({ index: next });
    const item = queue[next]!;
    showSighting(item.sighting.sceneId, item.sighting.id, item.sighting.geometry);
  },
  setComment(comment) {
    set({ comment });
  },
  async verdict(v) {
    const { queue, index, comment } = get();
    const item = queue[index];
    if (!item) return;
    try {
      const review = await call('reviews.set', { sightingId: item.sighting.id, verdict: v, comment });
      // The list stays as it was while stepping (no jumping under the reviewer's hands); the item shows its verdict.
      const updated = queue.map((q, i) => (i === index ? { ...q, latest: review, reviews: q.reviews + 1 } : q));
      set({ queue: updated, comment: '' });
      afterEdit();
      if (index < queue.length - 1) get().step(1);
    } catch (e) {
      fail(e);
    }
  },
  async loadConflicts() {
    try {
      set({ conflicts: await call('reviews.conflicts', {}) });
    } catch (e) {
      fail(e);
    }
  },
}));
