// Keeps one AnalysisCache in step with the workbench store by diffing records by reference, so an edit recomputes only what it touches.
import { AnalysisCache, type AnalysisOptions, type AnalysisResult, type AnalysisSighting, type DwellDistribution, type PeriodComparison } from '../../../shared/analysis';
import type { SceneZoneCell } from '../../../shared/charts';
import type { Review, Scene, SceneZoneExamined, SceneZoneObservability, Sighting, Zone } from '../../../shared/domain';
import type { AnalysisFilters } from './analysisStore';

export interface AnalysisSource {
  projectKey: string;
  scenes: Scene[];
  zones: Zone[];
  observability: SceneZoneObservability[];
  examined: SceneZoneExamined[];
  sightings: Sighting[];
  reviews: Review[];
}

export interface AnalysisView {
  result: AnalysisResult;
  dwell: DwellDistribution;
  comparison: PeriodComparison | null;
  compareMonth: string | null;
  calendar: SceneZoneCell[];
  range: [number, number];
  /** Keys the last update recomputed: 0 when only filters changed. */
  recomputed: number;
}

const toSighting = (s: Sighting): AnalysisSighting => ({
  id: s.id,
  sceneId: s.sceneId,
  class: s.class,
  zoneId: s.zoneId,
  confidence: s.confidence,
  count: s.count,
  vesselId: s.vesselId,
  trackId: s.trackId,
  verified: s.verified,
});

const obsKey = (o: { sceneId: string; zoneId: string }) => `${o.sceneId}|${o.zoneId}`;

/** Calls `upsert` for new or changed records and `remove` for vanished ids; records are compared by reference (the store replaces what changed). */
function diff<T>(prev: readonly T[], next: readonly T[], key: (t: T) => string, upsert: (t: T) => void, remove: (k: string) => void) {
  if (prev === next) return;
  const old = new Map(prev.map((t) => [key(t), t]));
  for (const t of next) {
    const k = key(t);
    if (old.get(k) !== t) upsert(t);
    old.delete(k);
  }
  for (const k of old.keys()) remove(k);
}

export function optionsOf(f: AnalysisFilters): AnalysisOptions {
  const day = (d: string) => (d ? `${d}T00:00:00.000Z` : undefined);
  // "to" is inclusive for the analyst (a whole day), the analysis takes [from, to).
  const to = f.to ? new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined;
  return {
    minConfidence: f.minConfidence,
    reviewedOnly: f.review === 'confirmed-only',
    includeUnverified: f.includeUnverified,
    from: day(f.from),
    to,
    zoneIds: f.zoneId ? [f.zoneId] : undefined,
    subjectIds: f.vesselId ? [f.vesselId] : undefined,
  };
}

export class LiveAnalysis {
  private cache: AnalysisCache | null = null;
  private src: AnalysisSource | null = null;

  update(src: AnalysisSource, filters: AnalysisFilters, compareMonth: string | null): AnalysisView {
    const options = optionsOf(filters);
    const prev = this.src;
    if (!this.cache || !prev || prev.projectKey !== src.projectKey) {
      this.cache = new AnalysisCache(
        { scenes: src.scenes, zones: src.zones, observability: src.observability, examined: src.examined, sightings: src.sightings.map(toSighting), reviews: src.reviews },
        options,
      );
    } else {
      const c = this.cache;
      diff(prev.scenes, src.scenes, (s) => s.id, (s) => c.upsertScene(s), (id) => c.removeScene(id));
      diff(prev.zones, src.zones, (z) => z.id, (z) => c.upsertZone(z), (id) => c.removeZone(id));
      diff(prev.observability, src.observability, obsKey, (o) => c.setObservability(o), (k) => {
        const [sceneId, zoneId] = k.split('|') as [string, string];
        c.clearObservability(sceneId, zoneId);
      });
      diff(prev.examined, src.examined, obsKey, (e) => c.setExamined(e, true), (k) => {
        const [sceneId, zoneId] = k.split('|') as [string, string];
        c.setExamined({ sceneId, zoneId }, false);
      });
      diff(prev.sightings, src.sightings, (s) => s.id, (s) => c.upsertSighting(toSighting(s)), (id) => c.removeSighting(id));
      diff(prev.reviews, src.reviews, (r) => r.id, (r) => c.upsertReview(r), (id) => c.removeReview(id));
      c.setOptions(options);
    }
    this.src = src;
    const c = this.cache;
    const before = c.totalRecomputed;
    const result = c.result();
    const recomputed = c.totalRecomputed - before;
    const month = compareMonth && result.months.includes(compareMonth) ? compareMonth : (result.months[result.months.length - 1] ?? null);
    const comparison = month ? c.compare(month, 3) : null;
    const zoneIds = filters.zoneId ? [filters.zoneId] : src.zones.map((z) => z.id);
    const index = c.sceneIndex();
    const lo = options.from ? Date.parse(options.from) : -Infinity;
    const hi = options.to ? Date.parse(options.to) : Infinity;
    const calendar: SceneZoneCell[] = [];
    for (let i = 0; i < index.scenes.length; i++) {
      const t = index.times[i]!;
      if (t < lo || t >= hi) continue;
      const s = index.scenes[i]!;
      for (const z of zoneIds) {
        const o = c.observabilityOf(s.id, z);
        if (o) calendar.push({ sceneId: s.id, zoneId: z, acquired: s.acquired, observability: o });
      }
    }
    const times = calendar.map((x) => Date.parse(x.acquired));
    const range: [number, number] = times.length ? [Math.min(...times) - 86_400_000, Math.max(...times) + 86_400_000] : [0, 86_400_000];
    return { result, dwell: c.dwell(), comparison, compareMonth: month, calendar, range, recomputed };
  }
}
